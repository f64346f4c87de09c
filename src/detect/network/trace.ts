import type { HopStats, NetworkTraceSummary } from "../../model/observations/network.ts";
import type { SourceRef } from "../../model/source.ts";
import { defineDetector } from "../define.ts";

/** Runs enough for a clean result to speak against loss. */
const CLEAN_MIN_RUNS = 10;

/** The hop where the target answered (the first such), or the last hop for mtr. */
export function targetHop(summary: NetworkTraceSummary): HopStats | undefined {
  if (summary.tool === "mtr") return summary.hops[summary.hops.length - 1];
  return summary.hops.find((hop) => hop.addresses.includes(summary.target));
}

/** The first hop from which every later hop up to the target also lost probes. */
export function firstLossHop(summary: NetworkTraceSummary, target: HopStats): number {
  let first = target.hop;
  for (let i = summary.hops.length - 1; i >= 0; i--) {
    const hop = summary.hops[i] as HopStats;
    if (hop.hop > target.hop) continue;
    if (hop.lost === 0) break;
    first = hop.hop;
  }
  return first;
}

/** The tool as the report names it, with the probe protocol when known: `traceroute (TCP)`. */
export function toolLabel(summary: NetworkTraceSummary): string {
  if (summary.tool === "mtr" || summary.mode === "unknown") return summary.tool;
  return `${summary.tool} (${summary.mode.toUpperCase()})`;
}

function baseVars(summary: NetworkTraceSummary): Record<string, string | number> {
  return { tool: toolLabel(summary), mode: summary.mode, runs: summary.runs, host: summary.target };
}

function evidenceOf(summary: NetworkTraceSummary, hop: HopStats | undefined): SourceRef[] {
  return [summary.ref, ...(hop?.lossRefs ?? [])];
}

export const lossAtTarget = defineDetector({
  id: "network.loss-at-target",
  description: "repeated traceroute or mtr probes that lose some packets at the target itself",
  inputs: ["network.trace-summary"],
  emits: ["PD1804"],
  each(summary, emit) {
    const target = targetHop(summary);
    if (!target || target.lost === 0 || target.lost >= target.sent) return;
    emit({
      code: "PD1804",
      subject: summary.target,
      vars: {
        ...baseVars(summary),
        hop: target.hop,
        lost: target.lost,
        sent: target.sent,
        lossPercent: target.lossPercent,
        firstLossHop: firstLossHop(summary, target),
        ...(target.rtt ? { avg: target.rtt.avg, max: target.rtt.max } : {}),
      },
      evidence: evidenceOf(summary, target),
    });
  },
});

export const intermediateLossOnly = defineDetector({
  id: "network.intermediate-loss-only",
  description: "hops in the middle of the path that drop probes while the target loses none",
  inputs: ["network.trace-summary"],
  emits: ["PD1805"],
  each(summary, emit) {
    const target = targetHop(summary);
    if (!target || target.lost > 0) return;
    const lossy = summary.hops.find((hop) => hop.hop < target.hop && hop.lost > 0 && hop.lost < hop.sent);
    if (!lossy) return;
    emit({
      code: "PD1805",
      subject: summary.target,
      vars: { ...baseVars(summary), hop: lossy.hop, lossPercent: lossy.lossPercent },
      evidence: evidenceOf(summary, lossy),
    });
  },
});

export const neverReachesTarget = defineDetector({
  id: "network.never-reaches-target",
  description: "traces in which the target never answered",
  inputs: ["network.trace-summary"],
  emits: ["PD1806"],
  each(summary, emit) {
    if (summary.runsReaching > 0 || summary.hops.length === 0) return;
    const answering = summary.hops.filter((hop) => hop.lost < hop.sent);
    const lastHop = answering[answering.length - 1];
    emit({
      code: "PD1806",
      subject: summary.target,
      vars: { ...baseVars(summary), lastHop: lastHop ? `${lastHop.hop} (${lastHop.addresses.join(", ")})` : "none" },
      evidence: evidenceOf(summary, summary.hops[summary.hops.length - 1]),
    });
  },
});

export const repeatedTracesClean = defineDetector({
  id: "network.repeated-traces-clean",
  description: "many repeated traces without a lost probe at the target",
  inputs: ["network.trace-summary"],
  emits: ["PD1807"],
  each(summary, emit) {
    const target = targetHop(summary);
    const enough = summary.tool === "mtr" ? (target?.sent ?? 0) >= CLEAN_MIN_RUNS : summary.runs >= CLEAN_MIN_RUNS;
    if (!target || target.lost > 0 || !enough || summary.runsReaching < summary.runs) return;
    emit({ code: "PD1807", subject: summary.target, vars: baseVars(summary), evidence: [summary.ref] });
  },
});
