import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { CONFIG_FINDINGS } from "../catalogue/codes/config.ts";
import { findingDef } from "../catalogue/index.ts";
import { readCluster } from "../config/kubectl.ts";
import { type LintInput, lintResources, loadInputs, sortFindings } from "../config/lint.ts";
import type { Resource } from "../config/resource.ts";
import { LintInputError, readLintInputs } from "../config/sources.ts";
import type { Finding } from "../model/finding.ts";
import { atLeast, type Severity } from "../model/severity.ts";
import { describeRef } from "../model/source.ts";
import { findingSummary, severityOf } from "../report/finding-text.ts";
import { toSarif } from "../report/sarif.ts";
import { chooseStyle, type Style } from "../report/style.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";

/** The package version, for SARIF's tool.driver (read here to keep lint free of an import cycle with main). */
function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version ?? "0.0.0");
  } catch {
    return "0.0.0";
  }
}

export type LintFormat = "text" | "json" | "sarif";

export interface LintOptions {
  readonly inputs: readonly string[];
  readonly cluster: boolean;
  readonly context?: string;
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly against?: string;
  readonly format: LintFormat;
  readonly failOn: Severity;
}

async function readFiles(args: readonly string[], io: Io): Promise<LintInput[]> {
  try {
    return await readLintInputs(args, io.stdin);
  } catch (error) {
    if (error instanceof LintInputError) throw new UsageError(error.message);
    throw error;
  }
}

async function readClusterResources(options: LintOptions, io: Io, order: { next: number }): Promise<Resource[]> {
  const read = await readCluster(
    {
      ...(options.context ? { context: options.context } : {}),
      ...(options.namespace ? { namespace: options.namespace } : {}),
      allNamespaces: options.allNamespaces,
      env: io.env,
    },
    order,
  );
  for (const skipped of read.skipped) io.stderr.write(`proxydoc: skipped ${skipped}\n`);
  if (read.resources.length === 0 && read.skipped.length > 0) {
    throw new UsageError("kubectl returned nothing: check that kubectl works and the context can list resources.");
  }
  return read.resources;
}

async function appliedResources(
  options: LintOptions,
  io: Io,
  order: { next: number },
): Promise<Resource[] | undefined> {
  if (!options.against) return undefined;
  const isFolder = await stat(options.against).then(
    () => true,
    () => false,
  );
  if (!isFolder && options.against === "cluster") return readClusterResources(options, io, order);
  if (!isFolder) throw new UsageError(`--against ${options.against}: no such folder (use a folder or \`cluster\`)`);
  return loadInputs(await readFiles([options.against], io), options.namespace ?? "default", order).resources;
}

export async function runLint(options: LintOptions, io: Io): Promise<number> {
  if (options.inputs.length === 0 && !options.cluster)
    throw new UsageError("Give files or folders to lint, - for standard input, or --cluster.");
  const order = { next: 0 };
  const inputs = await readFiles(options.inputs, io);
  const loaded = loadInputs(inputs, options.namespace ?? "default", order);
  const resources = [...loaded.resources];
  if (options.cluster) resources.push(...(await readClusterResources(options, io, order)));
  const applied = await appliedResources(options, io, order);
  const run = lintResources(resources, applied ? { applied } : {});
  const findings = sortFindings([...loaded.findings, ...run.findings]);
  writeReport(findings, resources, inputs.length + (options.cluster ? 1 : 0), options, io);
  for (const error of run.internalErrors) io.stderr.write(`proxydoc: internal error in ${error}\n`);
  if (run.internalErrors.length > 0) return EXIT.internal;
  return findings.some((finding) => atLeast(severityOf(finding), options.failOn)) ? EXIT.problems : EXIT.clean;
}

interface Counts {
  error: number;
  warning: number;
  info: number;
}

function countBySeverity(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[severityOf(finding)]++;
  return counts;
}

function summaryLine(counts: Counts, resources: number, inputs: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info in ${plural(resources, "resource")} from ${plural(inputs, "input")}`;
}

function writeReport(
  findings: readonly Finding[],
  resources: readonly Resource[],
  inputs: number,
  options: LintOptions,
  io: Io,
): void {
  const counts = countBySeverity(findings);
  if (options.format === "json") {
    const report = {
      schema: "proxydoc.lint/v1",
      summary: { ...counts, resources: resources.length, inputs },
      findings: findings.map((finding) => findingJson(finding)),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (options.format === "sarif") {
    const sarif = toSarif(findings, {
      toolVersion: packageVersion(),
      rules: CONFIG_FINDINGS,
      severityOf,
      messageOf: findingSummary,
      baseDir: process.cwd(),
    });
    io.stdout.write(`${JSON.stringify(sarif, null, 2)}\n`);
    return;
  }
  const style = chooseStyle(io.stdoutIsTTY, io.env);
  io.stdout.write(renderLintText(findings, resources, style));
  io.stdout.write(`${summaryLine(counts, resources.length, inputs)}\n`);
}

function findingJson(finding: Finding) {
  const [primary, ...related] = finding.evidence;
  const def = findingDef(finding.code);
  return {
    code: finding.code,
    name: def?.name ?? "",
    severity: severityOf(finding),
    summary: findingSummary(finding),
    subject: finding.subject,
    file: primary?.source ?? "",
    line: primary?.line ?? null,
    column: primary?.column ?? null,
    path: primary?.path ?? null,
    related: related.map((ref) => ({
      file: ref.source,
      line: ref.line ?? null,
      column: ref.column ?? null,
      path: ref.path ?? null,
    })),
    vars: finding.vars,
  };
}

/** Text grouped by resource, each finding with the YAML lines around the field. */
export function renderLintText(findings: readonly Finding[], resources: readonly Resource[], style: Style): string {
  const lineTexts = new Map<string, (line: number) => string | undefined>();
  for (const resource of resources)
    if (!lineTexts.has(resource.source)) lineTexts.set(resource.source, (n) => resource.locator.lineText(n));
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.subject}\u0000${finding.evidence[0]?.source ?? ""}`;
    const group = groups.get(key) ?? [];
    group.push(finding);
    groups.set(key, group);
  }
  const out: string[] = [];
  for (const group of groups.values()) {
    const first = group[0] as Finding;
    out.push(style.bold(`${first.subject}  ${style.dim(first.evidence[0]?.source ?? "")}`));
    for (const finding of group) {
      const severity = severityOf(finding);
      const paint = severity === "error" ? style.red : severity === "warning" ? style.yellow : style.dim;
      out.push(
        `  ${paint(`${severity} ${finding.code}`)} ${findingSummary(finding)} ${style.dim(`(${findingDef(finding.code)?.name ?? ""})`)}`,
      );
      finding.evidence.forEach((ref, i) => {
        out.push(`    ${i > 0 ? "also " : ""}${style.cyan(describeRef(ref))}`);
        if (ref.line === undefined) return;
        const text = lineTexts.get(ref.source);
        for (let line = Math.max(1, ref.line - 1); line <= ref.line; line++) {
          const content = text?.(line);
          if (content === undefined) continue;
          out.push(
            `      ${String(line).padStart(4)} | ${content.length > 160 ? `${content.slice(0, 160)}…` : content}`,
          );
        }
        if (ref.column !== undefined && text?.(ref.line) !== undefined)
          out.push(`      ${" ".repeat(4)} | ${" ".repeat(ref.column - 1)}^`);
      });
    }
    out.push("");
  }
  return out.join("\n") + (out.length > 0 ? "\n" : "");
}
