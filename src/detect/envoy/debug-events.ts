import { transportFailureKind } from "../../evidence/envoy/vocabulary.ts";
import { defineDetector } from "../define.ts";

export const envoyGoawayDetector = defineDetector({
  id: "envoy-debug-goaway",
  description: "GOAWAY sent or received on a connection",
  inputs: ["envoy.connection-event"],
  emits: ["PD1314"],
  each(event, emit) {
    if (event.event !== "goaway-received" && event.event !== "goaway-sent") return;
    emit({
      code: "PD1314",
      subject: event.connection || event.ref.source,
      vars: { connection: event.connection || "?", detail: event.detail ?? event.event },
      evidence: [event.ref],
    });
  },
});

export const envoyConnectRefusedDetector = defineDetector({
  id: "envoy-debug-connect-refused",
  description: "`delayed connect error: 111`",
  inputs: ["envoy.connection-event"],
  emits: ["PD1316"],
  each(event, emit) {
    if (event.event !== "connect-error") return;
    const detail = event.detail ?? "";
    if (!/^111\b/.test(detail) && transportFailureKind(detail) !== "refused") return;
    emit({
      code: "PD1316",
      subject: event.connection || event.ref.source,
      vars: { connection: event.connection || "?", detail, producer: "envoy", status: 503 },
      evidence: [event.ref],
    });
  },
});

/** Pending requests reset by an upstream close that no codec error explains. */
export const envoyPendingResetDetector = defineDetector({
  id: "envoy-debug-pending-reset",
  description: "`disconnect. resetting N pending requests` without a codec error on that connection",
  inputs: ["envoy.connection-event", "envoy.codec-error"],
  emits: ["PD1315"],
  all(observations, emit) {
    const broken = new Set<string>();
    for (const o of observations) if (o.type === "envoy.codec-error") broken.add(`${o.ref.source} ${o.connection}`);
    for (const o of observations) {
      if (o.type !== "envoy.connection-event" || o.event !== "pending-reset" || !o.pending) continue;
      if (broken.has(`${o.ref.source} ${o.connection}`)) continue;
      emit({
        code: "PD1315",
        subject: o.connection || o.ref.source,
        vars: { connection: o.connection || "?", pending: o.pending },
        evidence: [o.ref],
      });
    }
  },
});

/** The upstream closed a pooled connection right after Envoy reused it for a request. */
export const envoyReusedConnectionClosedDetector = defineDetector({
  id: "envoy-debug-reused-connection-closed",
  description: "`using existing connection` then `remote close` on the same connection within a second",
  inputs: ["envoy.connection-event"],
  emits: ["PD1330"],
  each(event, emit) {
    if (event.event !== "reused-then-closed") return;
    emit({
      code: "PD1330",
      subject: event.connection || event.ref.source,
      vars: { connection: event.connection || "?", detail: event.detail ?? "" },
      evidence: [event.ref],
    });
  },
});

/** The peer closed a connection on which Envoy was still reading or writing. */
export const envoyRemoteEarlyCloseDetector = defineDetector({
  id: "envoy-debug-remote-early-close",
  description: "`remote early close` on a connection",
  inputs: ["envoy.connection-event"],
  emits: ["PD1331"],
  each(event, emit) {
    if (event.event !== "remote-early-close") return;
    emit({
      code: "PD1331",
      subject: event.connection || event.ref.source,
      vars: { connection: event.connection || "?" },
      evidence: [event.ref],
    });
  },
});
