import { renderTemplate } from "../catalogue/define.ts";
import { findingDef } from "../catalogue/index.ts";
import type { Finding } from "../model/finding.ts";
import type { Severity } from "../model/severity.ts";
import { describeRef } from "../model/source.ts";
import { printable, redact } from "./redact.ts";
import type { Style } from "./style.ts";

export interface RenderOptions {
  readonly style: Style;
  /** Quote secrets as they are; off by default. */
  readonly showSecrets?: boolean;
  /** How many evidence lines to quote per finding. */
  readonly maxEvidence?: number;
}

export function severityOf(finding: Finding): Severity {
  return finding.severity ?? findingDef(finding.code)?.severity ?? "warning";
}

export function findingSummary(finding: Finding): string {
  const def = findingDef(finding.code);
  const vars = { subject: finding.subject, ...finding.vars };
  return def ? renderTemplate(def.summary, vars) : `${finding.code} ${finding.subject}`;
}

export function quote(text: string, options: RenderOptions): string {
  const safe = printable(options.showSecrets ? text : redact(text));
  return safe.length > 240 ? `${safe.slice(0, 240)}…` : safe;
}

/** Two or more lines: the finding's code and summary, then where it was seen, quoted. */
export function renderFinding(finding: Finding, options: RenderOptions, indent = "  "): string[] {
  const { style } = options;
  const def = findingDef(finding.code);
  const severity = severityOf(finding);
  const paint = severity === "error" ? style.red : severity === "warning" ? style.yellow : style.dim;
  const lines = [
    `${indent}${paint(finding.code)} ${quote(findingSummary(finding), options)}${def ? style.dim(` (${def.name})`) : ""}`,
  ];
  const max = options.maxEvidence ?? 2;
  for (const ref of finding.evidence.slice(0, max)) {
    lines.push(
      `${indent}    ${style.cyan(describeRef(ref))}${ref.excerpt ? `  ${style.dim(quote(ref.excerpt, options))}` : ""}`,
    );
  }
  const more =
    finding.evidence.length - max + (typeof finding.vars.moreEvidence === "number" ? finding.vars.moreEvidence : 0);
  if (more > 0 && max > 0) lines.push(`${indent}    ${style.dim(`… and ${more} more`)}`);
  return lines;
}
