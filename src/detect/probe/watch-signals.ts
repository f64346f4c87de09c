import { defineDetector } from "../define.ts";
import { MIN_ATTEMPTS } from "./watch-loss.ts";

export const pingFailures = defineDetector({
  id: "probe.h2-ping-failures",
  description: "HTTP/2 PINGs on a long-lived connection went unanswered",
  inputs: ["probe.watch-target"],
  emits: ["PD4004"],
  each(observation, emit) {
    if (observation.mode !== "h2-ping" || observation.failed === 0 || observation.ok === 0) return;
    emit({
      code: "PD4004",
      subject: observation.target,
      vars: { failed: observation.failed, sent: observation.sent, host: observation.target },
      evidence: [observation.ref],
    });
  },
});

export const connectionRefused = defineDetector({
  id: "probe.connection-refused",
  description: "The target refused connections: nothing listens on that port",
  inputs: ["probe.watch-target"],
  emits: ["PD4005"],
  each(observation, emit) {
    const refused = Object.entries(observation.errorCounts)
      .filter(([error]) => error.startsWith("ECONNREFUSED"))
      .reduce((sum, [, count]) => sum + count, 0);
    if (refused === 0) return;
    emit({
      code: "PD4005",
      subject: observation.target,
      vars: { refused, sent: observation.sent, upstream: observation.target },
      evidence: [observation.ref],
    });
  },
});

/** A lossy path next to a clean one locates the fault on the segment they do not share. */
export const lossDiffersBetweenPaths = defineDetector({
  id: "probe.loss-differs-between-paths",
  description: "One watched path loses packets while another, watched at the same time, does not",
  inputs: ["probe.watch-target"],
  emits: ["PD4006"],
  all(observations, emit) {
    const measured = observations.filter((o) => o.sent >= MIN_ATTEMPTS && o.ok > 0);
    const clean = measured.filter((o) => o.lossPct === 0);
    const lossy = measured.filter((o) => o.lossPct >= 2);
    if (clean.length === 0 || lossy.length === 0) return;
    for (const bad of lossy) {
      emit({
        code: "PD4006",
        subject: bad.target,
        vars: { lossPct: bad.lossPct, cleanPaths: clean.map((o) => o.target).join(", "), host: bad.target },
        evidence: [bad.ref, ...clean.map((o) => o.ref)],
      });
    }
  },
});

export const latencySpikes = defineDetector({
  id: "probe.latency-spikes",
  description: "The slowest round trips are far above the typical one: queueing or retransmission on the path",
  inputs: ["probe.watch-target"],
  emits: ["PD4008"],
  each(observation, emit) {
    const rtt = observation.rtt;
    if (!rtt || observation.ok < MIN_ATTEMPTS || rtt.p99 < 100 || rtt.p99 < rtt.p50 * 10) return;
    emit({
      code: "PD4008",
      subject: observation.target,
      vars: { p50: rtt.p50, p99: rtt.p99, host: observation.target },
      evidence: [observation.ref],
    });
  },
});
