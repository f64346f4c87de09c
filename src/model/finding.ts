import type { Severity } from "./severity.ts";
import type { SourceRef } from "./source.ts";

export type FindingCode = `PD${number}`;

export type FindingVars = Readonly<Record<string, string | number | boolean>>;

/**
 * A finding is data: a stable code, what it is about, the values its texts are rendered from,
 * and the evidence. Text is rendered late, by reporters, from the catalogue.
 */
export interface Finding {
  readonly code: FindingCode;
  /** What the finding is about: a host, a URL, a resource, a header name. */
  readonly subject: string;
  readonly vars: FindingVars;
  readonly evidence: readonly SourceRef[];
  /** Overrides the catalogue's default severity when the context makes it worse or milder. */
  readonly severity?: Severity;
}

export function findingKey(finding: Finding): string {
  return `${finding.code}\u0000${finding.subject}\u0000${JSON.stringify(finding.vars)}`;
}

/** Merges findings that say the same thing, keeping every piece of evidence (bounded). */
export function dedupeFindings(findings: readonly Finding[], maxEvidence = 20): Finding[] {
  const merged = new Map<string, { finding: Finding; evidence: SourceRef[]; extra: number }>();
  for (const finding of findings) {
    const key = findingKey(finding);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { finding, evidence: finding.evidence.slice(0, maxEvidence), extra: 0 });
      continue;
    }
    for (const ref of finding.evidence) {
      if (seen.evidence.length < maxEvidence) seen.evidence.push(ref);
      else seen.extra++;
    }
  }
  return [...merged.values()].map(({ finding, evidence, extra }) => ({
    ...finding,
    vars: extra > 0 ? { ...finding.vars, moreEvidence: extra } : finding.vars,
    evidence,
  }));
}
