import { ALL_DETECTORS } from "../detect/all.ts";
import { diagnose } from "../engine/diagnose.ts";
import { expandSources, InputError } from "../evidence/open-source.ts";
import { readEvidence } from "../evidence/read-evidence.ts";
import { FILE_READERS, LINE_READERS } from "../evidence/registry.ts";
import type { Diagnosis } from "../model/diagnosis.ts";
import { atLeast, type Severity } from "../model/severity.ts";
import { diagnosisJson } from "../report/diagnosis-json.ts";
import { renderDiagnosisText } from "../report/diagnosis-text.ts";
import { severityOf } from "../report/finding-text.ts";
import { chooseStyle } from "../report/style.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";
import type { OutputFormat } from "./options.ts";
import { progressReporter } from "./progress.ts";

export interface DiagnoseOptions {
  readonly inputs: readonly string[];
  readonly format: OutputFormat;
  readonly failOn: Severity;
  readonly showSecrets: boolean;
  readonly quiet: boolean;
}

export async function runDiagnose(options: DiagnoseOptions, io: Io): Promise<number> {
  const sources = await expandSources(options.inputs, io.stdin).catch((error: unknown) => {
    if (error instanceof InputError) throw new UsageError(error.message);
    throw error;
  });
  if (sources.length === 0) throw new UsageError("No evidence to read: the folders given hold no files.");
  const progress = progressReporter(io, options.quiet);
  const read = await readEvidence(sources, {
    lineReaders: LINE_READERS,
    fileReaders: FILE_READERS,
    onProgress: progress.update,
  });
  progress.done();
  const diagnosis = diagnose({ observations: read.observations, inputs: read.inputs, detectors: ALL_DETECTORS });
  writeDiagnosis(diagnosis, options, io);
  const unreadable = read.inputs.filter((input) => input.error);
  for (const input of unreadable) io.stderr.write(`proxydoc: cannot read ${input.source}: ${input.error}\n`);
  if (unreadable.length === read.inputs.length) return EXIT.usage;
  return diagnosis.findings.some((finding) => atLeast(severityOf(finding), options.failOn))
    ? EXIT.problems
    : EXIT.clean;
}

function writeDiagnosis(diagnosis: Diagnosis, options: DiagnoseOptions, io: Io): void {
  if (options.format === "json") {
    io.stdout.write(`${JSON.stringify(diagnosisJson(diagnosis, { showSecrets: options.showSecrets }), null, 2)}\n`);
    return;
  }
  const style = chooseStyle(io.stdoutIsTTY, io.env);
  io.stdout.write(renderDiagnosisText(diagnosis, { style, showSecrets: options.showSecrets }));
}
