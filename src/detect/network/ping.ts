import type { NetworkPingRun } from "../../model/observations/network.ts";
import { defineDetector } from "../define.ts";

/** Replies enough for a clean run to say something about loss. */
const CLEAN_RUN_MIN_PACKETS = 100;
const SPIKE_MIN_MAX_MS = 100;
const SPIKE_MAX_OVER_MIN = 10;

function pingVars(run: NetworkPingRun): Record<string, string | number> {
  return {
    host: run.target,
    transmitted: run.transmitted,
    received: run.received,
    lossPercent: run.lossPercent,
    ...(run.rtt ? { min: run.rtt.min, avg: run.rtt.avg, max: run.rtt.max, mdev: run.rtt.mdev } : {}),
  };
}

export const pingLoss = defineDetector({
  id: "network.ping-loss",
  description: "ping runs that lost some but not all packets, no replies at all, or none over a long run",
  inputs: ["network.ping-run"],
  emits: ["PD1801", "PD1802", "PD1808"],
  each(run, emit) {
    const lost = run.transmitted - run.received;
    let code: "PD1801" | "PD1802" | "PD1808" | undefined;
    if (run.received === 0) code = "PD1802";
    else if (lost > 0) code = "PD1801";
    else if (run.transmitted >= CLEAN_RUN_MIN_PACKETS) code = "PD1808";
    if (code) emit({ code, subject: run.target, vars: pingVars(run), evidence: [run.ref] });
  },
});

/** Spikes: the worst RTT is both large in absolute terms and far above the best. */
export function hasLatencySpikes(run: NetworkPingRun): boolean {
  const rtt = run.rtt;
  if (!rtt || run.received < 3) return false;
  return rtt.max >= SPIKE_MIN_MAX_MS && rtt.max >= SPIKE_MAX_OVER_MIN * Math.max(rtt.min, 0.001);
}

export const pingSpikes = defineDetector({
  id: "network.ping-spikes",
  description: "ping runs whose worst RTT is far above their best",
  inputs: ["network.ping-run"],
  emits: ["PD1803"],
  each(run, emit) {
    if (hasLatencySpikes(run)) emit({ code: "PD1803", subject: run.target, vars: pingVars(run), evidence: [run.ref] });
  },
});
