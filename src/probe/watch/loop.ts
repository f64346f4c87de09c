import { type AttemptResult, httpRequest, PingSession, tcpConnect } from "./attempts.ts";
import type { Attempt } from "./stats.ts";
import { StatsCollector, type TargetStats } from "./stats.ts";
import type { WatchTarget } from "./target.ts";

export type WatchMode = "tcp" | "h2-ping" | "http";

export interface WatchLoopOptions {
  readonly mode: WatchMode;
  /** Attempts per target; the loop also stops at `durationMs`, whichever comes first. */
  readonly count: number;
  readonly durationMs: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onAttempt?: (attempt: Attempt) => void;
  /** Called after every round with the figures so far, for live views and metrics. */
  readonly onRound?: (stats: readonly TargetStats[], elapsedMs: number) => void;
}

export interface WatchResult {
  readonly mode: WatchMode;
  readonly elapsedMs: number;
  readonly targets: readonly TargetStats[];
  readonly attempts: readonly Attempt[];
}

const MAX_KEPT_ATTEMPTS = 20_000;

/**
 * Runs the bounded loop: every target is tried once per interval, in parallel, until the count
 * or the duration is reached or the signal aborts. Always ends by itself.
 */
export async function runWatchLoop(targets: readonly WatchTarget[], options: WatchLoopOptions): Promise<WatchResult> {
  const started = performance.now();
  const collectors = targets.map((target) => new StatsCollector(target.label));
  const sessions = options.mode === "h2-ping" ? targets.map((target) => new PingSession(target)) : [];
  const attempts: Attempt[] = [];
  const once = (index: number): Promise<AttemptResult> => {
    const target = targets[index] as WatchTarget;
    if (options.mode === "h2-ping") return (sessions[index] as PingSession).ping(options.timeoutMs);
    if (options.mode === "http") return httpRequest(target, options.timeoutMs);
    return tcpConnect(target, options.timeoutMs);
  };
  try {
    for (let seq = 1; seq <= options.count; seq++) {
      const roundStart = performance.now();
      if (roundStart - started >= options.durationMs || options.signal?.aborted) break;
      const results = await Promise.all(targets.map((_, index) => once(index)));
      results.forEach((result, index) => {
        const attempt: Attempt = {
          target: (targets[index] as WatchTarget).label,
          seq,
          at: Math.round(roundStart - started),
          ...result,
        };
        (collectors[index] as StatsCollector).add(attempt);
        if (attempts.length < MAX_KEPT_ATTEMPTS) attempts.push(attempt);
        options.onAttempt?.(attempt);
      });
      options.onRound?.(
        collectors.map((collector) => collector.snapshot()),
        Math.round(performance.now() - started),
      );
      const wait = options.intervalMs - (performance.now() - roundStart);
      if (wait > 0 && seq < options.count) await sleep(wait, options.signal);
    }
  } finally {
    for (const session of sessions) session.close();
  }
  return {
    mode: options.mode,
    elapsedMs: Math.round(performance.now() - started),
    targets: collectors.map((collector) => collector.snapshot()),
    attempts,
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
