import { findingDef } from "../catalogue/index.ts";
import type { Diagnosis } from "../model/diagnosis.ts";
import type { Finding } from "../model/finding.ts";
import type { SourceRef } from "../model/source.ts";
import { findingSummary, severityOf } from "./finding-text.ts";
import { redact } from "./redact.ts";

export interface JsonOptions {
  readonly showSecrets?: boolean;
}

/** The `proxydoc.diagnose/v1` document. */
export function diagnosisJson(diagnosis: Diagnosis, options: JsonOptions = {}): unknown {
  const finding = (f: Finding) => findingJson(f, options);
  return {
    schema: "proxydoc.diagnose/v1",
    inputs: diagnosis.inputs,
    responders: diagnosis.responders.map((r) => ({ ...r, evidence: r.evidence.map((ref) => refJson(ref, options)) })),
    findings: diagnosis.findings.map(finding),
    causes: diagnosis.causes.map((cause) => ({
      id: cause.id,
      title: cause.title,
      confidence: cause.confidence,
      supportedBy: cause.supportedBy.map(finding),
      refutedBy: cause.refutedBy.map(finding),
      ...(cause.joinedBy ? { joinedBy: cause.joinedBy } : {}),
      fix: cause.fix,
      ...(cause.fixSnippet ? { fixSnippet: cause.fixSnippet } : {}),
      next: cause.next,
    })),
    needMoreEvidence: diagnosis.needMoreEvidence,
    next: diagnosis.next,
  };
}

export function findingJson(finding: Finding, options: JsonOptions = {}): Record<string, unknown> {
  return {
    code: finding.code,
    name: findingDef(finding.code)?.name ?? null,
    severity: severityOf(finding),
    subject: finding.subject,
    summary: options.showSecrets ? findingSummary(finding) : redact(findingSummary(finding)),
    vars: finding.vars,
    evidence: finding.evidence.map((ref) => refJson(ref, options)),
  };
}

function refJson(ref: SourceRef, options: JsonOptions): SourceRef {
  if (!ref.excerpt || options.showSecrets) return ref;
  return { ...ref, excerpt: redact(ref.excerpt) };
}
