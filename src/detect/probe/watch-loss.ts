import type { Finding } from "../../model/finding.ts";
import type { WatchTargetObservation } from "../../model/observations/probe.ts";
import { defineDetector } from "../define.ts";

/** Fewer attempts than this say too little about loss either way. */
export const MIN_ATTEMPTS = 20;

function base(observation: WatchTargetObservation): Pick<Finding, "subject" | "evidence"> {
  return { subject: observation.target, evidence: [observation.ref] };
}

function isBlackHole(observation: WatchTargetObservation): boolean {
  const outage = observation.longestOutage;
  if (!outage || observation.ok === 0) return false;
  const spanMs = outage.toMs - outage.fromMs + observation.intervalMs;
  return outage.attempts >= 3 && spanMs >= 2000;
}

export const pathPacketLoss = defineDetector({
  id: "probe.path-packet-loss",
  description: "Some attempts along the path were lost, while others got through",
  inputs: ["probe.watch-target"],
  emits: ["PD4001"],
  each(observation, emit) {
    if (observation.ok === 0 || observation.lossPct < 1 || observation.sent < MIN_ATTEMPTS) return;
    emit({
      code: "PD4001",
      ...base(observation),
      vars: {
        lossPct: observation.lossPct,
        sent: observation.sent,
        failed: observation.failed,
        retransmitted: observation.retransmitted,
        mode: observation.mode,
        host: observation.target,
      },
    });
  },
});

export const pathBlackHole = defineDetector({
  id: "probe.path-black-hole",
  description: "Every attempt failed for a stretch of seconds, then traffic came back",
  inputs: ["probe.watch-target"],
  emits: ["PD4002"],
  each(observation, emit) {
    if (!isBlackHole(observation)) return;
    const outage = observation.longestOutage as NonNullable<WatchTargetObservation["longestOutage"]>;
    emit({
      code: "PD4002",
      ...base(observation),
      vars: {
        seconds: Math.round((outage.toMs - outage.fromMs + observation.intervalMs) / 100) / 10,
        attempts: outage.attempts,
        fromSecond: Math.round(outage.fromMs / 100) / 10,
        host: observation.target,
      },
    });
  },
});

export const targetUnreachable = defineDetector({
  id: "probe.target-unreachable",
  description: "No attempt reached the target at all",
  inputs: ["probe.watch-target"],
  emits: ["PD4003"],
  each(observation, emit) {
    if (observation.sent === 0 || observation.ok > 0) return;
    const [error] = Object.entries(observation.errorCounts).sort((a, b) => b[1] - a[1])[0] ?? ["unknown error"];
    emit({ code: "PD4003", ...base(observation), vars: { sent: observation.sent, error, host: observation.target } });
  },
});

export const pathHealthy = defineDetector({
  id: "probe.path-healthy",
  description: "Enough attempts and none lost: evidence against packet loss on this path",
  inputs: ["probe.watch-target"],
  emits: ["PD4007"],
  each(observation, emit) {
    if (observation.sent < MIN_ATTEMPTS || observation.lossPct > 0) return;
    emit({
      code: "PD4007",
      ...base(observation),
      vars: { sent: observation.sent, mode: observation.mode, p50: observation.rtt?.p50 ?? 0 },
    });
  },
});
