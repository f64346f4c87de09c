import { PROBE_DETECTORS } from "../detect/probe/index.ts";
import { diagnose } from "../engine/diagnose.ts";
import type { Diagnosis } from "../model/diagnosis.ts";
import { atLeast, type Severity } from "../model/severity.ts";
import { runWatchLoop, type WatchMode, type WatchResult } from "../probe/watch/loop.ts";
import { startMetricsServer } from "../probe/watch/metrics.ts";
import { watchObservation } from "../probe/watch/observe.ts";
import type { Attempt, TargetStats } from "../probe/watch/stats.ts";
import { parseTarget, type WatchTarget } from "../probe/watch/target.ts";
import { findingJson } from "../report/diagnosis-json.ts";
import { severityOf } from "../report/finding-text.ts";
import { chooseStyle } from "../report/style.ts";
import { renderWatchSummary, statsTable, verdictOf } from "../report/watch-text.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";

export interface WatchOptions {
  readonly targets: readonly string[];
  readonly mode?: WatchMode;
  readonly count: number;
  readonly durationS: number;
  readonly intervalS: number;
  readonly timeoutS: number;
  readonly format: "text" | "json" | "jsonl";
  readonly failOn: Severity;
  readonly metricsPort?: number;
  readonly quiet: boolean;
  readonly signal?: AbortSignal;
}

export function resolveTargets(
  texts: readonly string[],
  mode: WatchMode | undefined,
): { targets: WatchTarget[]; mode: WatchMode } {
  const parsed = texts.map(parseTarget);
  const errors = parsed.filter((t): t is string => typeof t === "string");
  if (errors.length > 0) throw new UsageError(errors.join("; "));
  const targets = parsed as WatchTarget[];
  const chosen = mode ?? (targets.every((t) => t.url && t.url.protocol !== "h2c:") ? "http" : "tcp");
  if (chosen === "http" && targets.some((t) => !t.url))
    throw new UsageError("--mode http needs http:// or https:// URLs");
  return { targets, mode: chosen };
}

export async function runWatch(options: WatchOptions, io: Io): Promise<number> {
  const { targets, mode } = resolveTargets(options.targets, options.mode);
  const intervalMs = Math.round(options.intervalS * 1000);
  let latest: readonly TargetStats[] = [];
  const metrics =
    options.metricsPort !== undefined ? await startMetricsServer(options.metricsPort, () => latest) : null;
  if (metrics) io.stderr.write(`proxydoc: metrics on http://127.0.0.1:${metrics.port}/metrics\n`);
  const live = liveView(io, options.quiet || options.format !== "text");
  let result: WatchResult;
  try {
    result = await runWatchLoop(targets, {
      mode,
      count: options.count,
      durationMs: options.durationS * 1000,
      intervalMs,
      timeoutMs: Math.round(options.timeoutS * 1000),
      ...(options.signal ? { signal: options.signal } : {}),
      onAttempt: (attempt: Attempt) => {
        if (options.format === "jsonl") io.stdout.write(`${JSON.stringify({ type: "attempt", ...attempt })}\n`);
      },
      onRound: (stats, elapsedMs) => {
        latest = stats;
        live.update(stats, elapsedMs);
      },
    });
  } finally {
    live.done();
    await metrics?.close();
  }
  const source = `watch:${mode}`;
  const diagnosis = diagnose({
    observations: result.targets.map((stats) => watchObservation(stats, mode, intervalMs, source)),
    inputs: [],
    detectors: PROBE_DETECTORS,
  });
  writeReport(result, diagnosis, options, io);
  return diagnosis.findings.some((f) => atLeast(severityOf(f), options.failOn)) ? EXIT.problems : EXIT.clean;
}

function writeReport(result: WatchResult, diagnosis: Diagnosis, options: WatchOptions, io: Io): void {
  if (options.format === "text") {
    io.stdout.write(
      renderWatchSummary(result.targets, diagnosis, result.elapsedMs, chooseStyle(io.stdoutIsTTY, io.env)),
    );
    return;
  }
  const codes = new Map<string, Set<string>>();
  for (const f of diagnosis.findings) codes.set(f.subject, (codes.get(f.subject) ?? new Set()).add(f.code));
  const doc = {
    schema: "proxydoc.watch/v1",
    mode: result.mode,
    intervalMs: Math.round(options.intervalS * 1000),
    elapsedMs: result.elapsedMs,
    targets: result.targets.map((t) => ({ ...t, verdict: verdictOf(t, codes.get(t.target) ?? new Set()) })),
    findings: diagnosis.findings.map((f) => findingJson(f)),
    causes: diagnosis.causes.map(({ id, title, confidence, fix }) => ({ id, title, confidence, fix })),
  };
  io.stdout.write(
    options.format === "jsonl"
      ? `${JSON.stringify({ type: "summary", ...doc })}\n`
      : `${JSON.stringify(doc, null, 2)}\n`,
  );
}

const PLAIN_EVERY_MS = 5000;

/** A table redrawn in place on a terminal; a plain line every few seconds otherwise. */
function liveView(io: Io, silent: boolean) {
  let drawn = 0;
  let lastPlain = 0;
  return {
    update(stats: readonly TargetStats[], elapsedMs: number): void {
      if (silent) return;
      if (io.stderrIsTTY) {
        const lines = [`watching for ${(elapsedMs / 1000).toFixed(1)} s (Ctrl-C stops)`, ...statsTable(stats)];
        io.stderr.write(`${drawn > 0 ? `\u001b[${drawn}A` : ""}${lines.map((l) => `\u001b[2K${l}`).join("\n")}\n`);
        drawn = lines.length;
        return;
      }
      if (elapsedMs - lastPlain < PLAIN_EVERY_MS) return;
      lastPlain = elapsedMs;
      for (const s of stats)
        io.stderr.write(
          `[${(elapsedMs / 1000).toFixed(0)}s] ${s.target}: sent ${s.sent}, failed ${s.failed}, loss ${s.lossPct}%\n`,
        );
    },
    done(): void {
      // The summary that follows repeats the table, so the live one is taken off the screen.
      if (drawn > 0) io.stderr.write(`\u001b[${drawn}A\u001b[J`);
    },
  };
}
