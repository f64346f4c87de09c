import type { Diagnosis, NextStep } from "../model/diagnosis.ts";
import type { Finding } from "../model/finding.ts";
import { describeRef } from "../model/source.ts";
import type { RenderOptions } from "./finding-text.ts";
import { renderFinding } from "./finding-text.ts";

const SHOWN_CAUSES = 5;

export function renderDiagnosisText(diagnosis: Diagnosis, options: RenderOptions): string {
  const { style } = options;
  const out: string[] = [];
  const read = diagnosis.inputs.map((input) =>
    input.error
      ? `${input.source} (unreadable: ${input.error})`
      : `${input.source} [${input.formats.join(", ") || "unrecognised"}]`,
  );
  out.push(
    style.bold(
      `proxydoc diagnose: ${diagnosis.inputs.length} input${diagnosis.inputs.length === 1 ? "" : "s"}, ${diagnosis.findings.length} finding${diagnosis.findings.length === 1 ? "" : "s"}`,
    ),
  );
  for (const line of read) out.push(`  ${style.dim(line)}`);
  out.push("");

  if (diagnosis.responders.length > 0) {
    out.push(style.bold("Who answered"));
    for (const responder of diagnosis.responders) {
      const where = responder.evidence[0] ? style.dim(`  (${describeRef(responder.evidence[0])})`) : "";
      out.push(`  ${responder.who}${responder.status !== undefined ? ` ${responder.status}` : ""}${where}`);
    }
    out.push("");
  }

  if (diagnosis.causes.length === 0) {
    out.push(style.yellow("No known root cause matches this evidence yet."));
  }
  diagnosis.causes.slice(0, SHOWN_CAUSES).forEach((cause, index) => {
    const pct = `${Math.round(cause.confidence * 100)}%`;
    out.push(`${style.bold(`${index + 1}. ${cause.title}`)}  ${style.cyan(cause.id)}  ${pct}`);
    out.push("   because:");
    const groups = byCode(cause.supportedBy);
    const shown = index === 0 ? 5 : 2;
    for (const group of groups.slice(0, shown)) {
      out.push(...renderFinding(group[0] as Finding, { ...options, maxEvidence: index === 0 ? 2 : 1 }, "     "));
      if (group.length > 1) out.push(style.dim(`         and ${group.length - 1} more like it`));
    }
    if (groups.length > shown) out.push(style.dim(`     … ${groups.length - shown} more kinds of evidence`));
    for (const join of (cause.joinedBy ?? []).slice(0, index === 0 ? 2 : 0)) {
      out.push(style.dim(`     same ${join.key} ${join.value} in ${join.sources.join(", ")}`));
    }
    if (cause.refutedBy.length > 0) {
      out.push("   against:");
      for (const finding of cause.refutedBy.slice(0, 3)) out.push(...renderFinding(finding, options, "     "));
    }
    if (index === 0) {
      out.push(`   ${style.green("fix:")} ${cause.fix}`);
      if (cause.fixSnippet) for (const line of cause.fixSnippet.split("\n")) out.push(`     ${style.dim(line)}`);
    }
    out.push(...renderSteps(cause.next.slice(0, index === 0 ? 3 : 1), "   next: ", options));
    out.push("");
  });
  if (diagnosis.causes.length > SHOWN_CAUSES)
    out.push(style.dim(`(${diagnosis.causes.length - SHOWN_CAUSES} weaker causes not shown; use --format json)`), "");

  const unexplained = diagnosis.findings.filter(
    (f) => !diagnosis.causes.some((c) => c.supportedBy.includes(f) || c.refutedBy.includes(f)),
  );
  if (unexplained.length > 0) {
    out.push(style.bold("Other findings"));
    for (const finding of unexplained.slice(0, 10)) out.push(...renderFinding(finding, { ...options, maxEvidence: 1 }));
    out.push("");
  }
  if (diagnosis.needMoreEvidence) {
    out.push(style.yellow("The evidence is too thin to decide. Collect next:"));
    out.push(...renderSteps(diagnosis.next, "  - ", options));
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Findings grouped by code, keeping the order of first appearance. */
function byCode(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.code) ?? [];
    group.push(finding);
    groups.set(finding.code, group);
  }
  return [...groups.values()];
}

function renderSteps(steps: readonly NextStep[], lead: string, options: RenderOptions): string[] {
  const pad = " ".repeat(lead.length);
  const lines: string[] = [];
  steps.forEach((step, i) => {
    lines.push(`${i === 0 ? lead : pad}${step.text}`);
    if (step.command) lines.push(`${pad}  ${options.style.cyan(`$ ${step.command}`)}`);
  });
  return lines;
}
