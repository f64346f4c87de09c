import type { Finding, FindingCode, FindingVars } from "../model/finding.ts";
import type { Severity } from "../model/severity.ts";
import type { SourceRef } from "../model/source.ts";
import type { MeshIndex } from "./mesh-index.ts";
import { type FieldPath, type Resource, refAt, resourceId } from "./resource.ts";

export interface ReportOptions {
  readonly severity?: Severity;
  /** Other fields that take part (the second Gateway, the PeerAuthentication). */
  readonly related?: readonly { readonly resource: Resource; readonly path: FieldPath }[];
}

/** What an analyzer sees: the index of what is being linted, and, with `--against`, of what is applied. */
export interface LintContext {
  readonly index: MeshIndex;
  readonly applied: MeshIndex | undefined;
  report(code: FindingCode, resource: Resource, path: FieldPath, vars: FindingVars, options?: ReportOptions): void;
}

/**
 * One check. `inputs` are the kinds it reads; it runs only when at least one of them is present.
 * `emits` are the only codes it may report.
 */
export interface Analyzer {
  readonly name: string;
  readonly description: string;
  readonly inputs: readonly string[];
  readonly emits: readonly FindingCode[];
  analyze(context: LintContext): void;
}

export function defineAnalyzer(analyzer: Analyzer): Analyzer {
  return analyzer;
}

/** Collects findings; refuses codes the analyzer did not declare, so `emits` stays true. */
export function findingCollector(index: MeshIndex, applied: MeshIndex | undefined) {
  const findings: Finding[] = [];
  const contextFor = (analyzer: Analyzer): LintContext => ({
    index,
    applied,
    report(code, resource, path, vars, options = {}) {
      if (!analyzer.emits.includes(code))
        throw new Error(`${analyzer.name} reported ${code}, which it does not declare`);
      const evidence: SourceRef[] = [refAt(resource, path)];
      for (const related of options.related ?? []) evidence.push(refAt(related.resource, related.path));
      findings.push({
        code,
        subject: resourceId(resource),
        vars,
        evidence,
        ...(options.severity ? { severity: options.severity } : {}),
      });
    },
  });
  return { findings, contextFor };
}
