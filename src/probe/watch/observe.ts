import type { WatchTargetObservation } from "../../model/observations/probe.ts";
import type { WatchMode } from "./loop.ts";
import type { TargetStats } from "./stats.ts";

/** Turns the figures of one target into the observation detectors read. */
export function watchObservation(
  stats: TargetStats,
  mode: WatchMode,
  intervalMs: number,
  source: string,
): WatchTargetObservation {
  return {
    type: "probe.watch-target",
    ref: { source, path: stats.target },
    correlation: { upstream: stats.target },
    target: stats.target,
    mode,
    intervalMs,
    sent: stats.sent,
    ok: stats.ok,
    failed: stats.failed,
    retransmitted: stats.retransmitted,
    lossPct: stats.lossPct,
    rtt: stats.rtt,
    longestOutage: stats.longestOutage,
    errorCounts: stats.errorCounts,
  };
}
