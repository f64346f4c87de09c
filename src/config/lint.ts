import type { Finding } from "../model/finding.ts";
import type { Analyzer } from "./analyzer.ts";
import { findingCollector } from "./analyzer.ts";
import { ALL_ANALYZERS } from "./analyzers/index.ts";
import { type LoadResult, loadText } from "./load.ts";
import { MeshIndex } from "./mesh-index.ts";
import type { Resource } from "./resource.ts";

export interface LintInput {
  readonly source: string;
  readonly text: string;
}

export interface LintRun {
  readonly resources: Resource[];
  readonly findings: Finding[];
  /** Analyzers that failed: a bug in proxydoc, reported separately from the findings. */
  readonly internalErrors: string[];
}

/** Loads every input; never throws. */
export function loadInputs(inputs: readonly LintInput[], namespace: string, order = { next: 0 }): LoadResult {
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  for (const input of inputs) {
    const loaded = loadText(input.text, input.source, { namespace, order });
    resources.push(...loaded.resources);
    findings.push(...loaded.findings);
  }
  return { resources, findings };
}

/** Runs the analyzers whose inputs are present over the resources, against the applied state if given. */
export function lintResources(
  resources: readonly Resource[],
  options: { applied?: readonly Resource[]; analyzers?: readonly Analyzer[] } = {},
): LintRun {
  const index = new MeshIndex(resources);
  const applied = options.applied ? new MeshIndex(options.applied) : undefined;
  const { findings, contextFor } = findingCollector(index, applied);
  const internalErrors: string[] = [];
  for (const analyzer of options.analyzers ?? ALL_ANALYZERS) {
    if (!analyzer.inputs.some((kind) => index.has(kind))) continue;
    try {
      analyzer.analyze(contextFor(analyzer));
    } catch (error) {
      internalErrors.push(`${analyzer.name}: ${(error as Error).stack ?? String(error)}`);
    }
  }
  return { resources: [...resources], findings: sortFindings(findings), internalErrors };
}

/** Source order: file, line, column, then code. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const x = a.evidence[0];
    const y = b.evidence[0];
    if ((x?.source ?? "") !== (y?.source ?? "")) return (x?.source ?? "") < (y?.source ?? "") ? -1 : 1;
    const line = (x?.line ?? 0) - (y?.line ?? 0);
    if (line !== 0) return line;
    const column = (x?.column ?? 0) - (y?.column ?? 0);
    if (column !== 0) return column;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** Loads and lints texts in one go (used by tests and the benchmark). */
export function lintTexts(
  inputs: readonly LintInput[],
  namespace = "default",
  applied?: readonly LintInput[],
): LintRun {
  const order = { next: 0 };
  const loaded = loadInputs(inputs, namespace, order);
  const appliedResources = applied ? loadInputs(applied, namespace, order).resources : undefined;
  const run = lintResources(loaded.resources, appliedResources ? { applied: appliedResources } : {});
  return { ...run, findings: sortFindings([...loaded.findings, ...run.findings]) };
}
