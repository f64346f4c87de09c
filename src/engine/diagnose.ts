import { causeDef } from "../catalogue/index.ts";
import type { AnyDetector } from "../detect/define.ts";
import { runDetectors } from "../detect/run.ts";
import type { Diagnosis, InputSummary, NextStep, Responder } from "../model/diagnosis.ts";
import type { Finding } from "../model/finding.ts";
import { dedupeFindings } from "../model/finding.ts";
import type { Observation } from "../model/observation.ts";
import { incidentContext } from "./context.ts";
import { CorrelationIndex } from "./correlate.ts";
import { nextSteps, rankCauses } from "./rank.ts";
import { rhythmFindings } from "./rhythm.ts";

export interface DiagnoseInput {
  readonly observations: readonly Observation[];
  readonly inputs: readonly InputSummary[];
  readonly detectors: readonly AnyDetector[];
  /** Findings made elsewhere (a probe, a capture) to weigh together with the evidence. */
  readonly extraFindings?: readonly Finding[];
}

/** Below this, the best cause is a lead, not an answer: the report asks for more evidence. */
const DECISIVE = 0.5;

export function diagnose(input: DiagnoseInput): Diagnosis {
  const { findings: raw } = runDetectors(input.detectors, input.observations);
  const merged = dedupeFindings([...raw, ...(input.extraFindings ?? []), ...inputFindings(input.inputs)]);
  const findings = [...merged, ...rhythmFindings(merged)];
  const context = incidentContext(input.observations);
  const causes = rankCauses(findings, context, new CorrelationIndex(input.observations));
  const top = causes[0];
  const needMoreEvidence = !top || top.confidence < DECISIVE;
  return {
    inputs: input.inputs,
    findings,
    causes,
    responders: respondersOf(findings),
    needMoreEvidence,
    next: needMoreEvidence ? moreEvidence(causes.slice(0, 3), context) : [],
  };
}

function inputFindings(inputs: readonly InputSummary[]): Finding[] {
  const findings: Finding[] = [];
  for (const input of inputs) {
    const evidence = [{ source: input.source }];
    if (input.error) {
      findings.push({ code: "PD1902", subject: input.source, vars: { error: input.error }, evidence });
    } else if (input.recognised === 0 && input.lines > 0) {
      findings.push({ code: "PD1901", subject: input.source, vars: { lines: input.lines }, evidence });
    }
  }
  return findings;
}

function respondersOf(findings: readonly Finding[]): Responder[] {
  const byWho = new Map<string, { status?: number; evidence: Finding["evidence"][number][] }>();
  for (const finding of findings) {
    const who = finding.vars.producer;
    if (typeof who !== "string" || who === "") continue;
    const status = typeof finding.vars.status === "number" ? finding.vars.status : undefined;
    const entry = byWho.get(who) ?? { evidence: [] };
    if (status !== undefined && entry.status === undefined) entry.status = status;
    if (entry.evidence.length < 5) entry.evidence.push(...finding.evidence.slice(0, 5 - entry.evidence.length));
    byWho.set(who, entry);
  }
  return [...byWho].map(([who, entry]) => ({
    who,
    ...(entry.status !== undefined ? { status: entry.status } : {}),
    evidence: entry.evidence,
  }));
}

const GENERIC_NEXT: readonly NextStep[] = [
  {
    text: "Send the access log of the proxy that answered (Envoy/istio-proxy, nginx, Kong) around the failure",
    command: "kubectl logs <pod> -n <namespace> -c istio-proxy --since=1h > proxy.log",
  },
  {
    text: "Send the client's verbose output for one failing request",
    command: "curl -sv -o /dev/null <url> 2> curl.txt",
  },
  {
    text: "Let proxydoc make the request itself and keep the raw exchange",
    command: "proxydoc probe <url> --format json > probe.json",
  },
  {
    text: "Send the proxy's error log (nginx/Kong) or debug log (Envoy) for the same minutes",
    command: "kubectl logs <pod> -n <namespace> -c proxy --since=1h > error.log",
  },
];

function moreEvidence(leads: Diagnosis["causes"], context: Record<string, string>): NextStep[] {
  const steps: NextStep[] = [];
  const seen = new Set<string>();
  for (const lead of leads) {
    const cause = causeDef(lead.id);
    if (!cause) continue;
    for (const step of nextSteps(cause, context)) {
      const key = step.command ?? step.text;
      if (!seen.has(key)) {
        seen.add(key);
        steps.push(step);
      }
    }
  }
  if (steps.length === 0) steps.push(...GENERIC_NEXT);
  return steps.slice(0, 6);
}
