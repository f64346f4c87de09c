import type { GoSignatureId, GoSignatureObservation } from "../../model/observations/go.ts";
import { defineDetector } from "../define.ts";

/** Request time limits servers and proxies commonly default to (kube-apiserver: 60 s), in ms. */
const ROUND_LIMITS = [30_000, 60_000, 120_000, 180_000, 300_000];
/** A limit fires at its value plus the time to notice and tear down. */
const EARLY = 0.97;
const LATE = 1.12;
/** Ways a call's connection or stream can break when the other side gives up. */
const BROKEN: ReadonlySet<GoSignatureId> = new Set([
  "h2-stream-error",
  "unexpected-eof",
  "connection-reset",
  "eof-before-response",
  "watch-stream-broken",
]);
const MAX_OPERATIONS = 5;

function limitOf(totalMs: number): number | undefined {
  return ROUND_LIMITS.find((limit) => totalMs >= limit * EARLY && totalMs <= limit * LATE);
}

/**
 * client-go traced a slow call (`Trace[…]: "Reflector ListAndWatch" … (total time: 60319ms)`) that
 * lasted a round limit, and a stream or connection broke in the same log: the server or a proxy
 * ended the call at its time limit.
 */
export const callEndedAtLimit = defineDetector({
  id: "go.call-ended-at-limit",
  description: "a traced client-go call that lasted a round time limit next to a broken stream",
  inputs: ["go.signature"],
  emits: ["PD1542"],
  all(observations, emit) {
    const done = new Set<string>();
    for (const trace of observations) {
      if (trace.signature !== "client-go-trace" || done.size >= MAX_OPERATIONS) continue;
      const totalMs = Number(trace.fields.totalMs);
      const limit = limitOf(totalMs);
      const operation = trace.fields.operation ?? "call";
      if (limit === undefined || done.has(operation)) continue;
      const broken = observations.find(
        (o: GoSignatureObservation) => BROKEN.has(o.signature) && o.ref.source === trace.ref.source,
      );
      if (!broken) continue;
      done.add(operation);
      emit({
        code: "PD1542",
        subject: operation,
        vars: { operation, seconds: Math.round(totalMs / 1000), limit: limit / 1000, emitter: trace.emitter },
        evidence: [trace.ref, broken.ref],
      });
    }
  },
});
