import { transportFailureKind } from "../../evidence/envoy/vocabulary.ts";
import type { FindingCode } from "../../model/finding.ts";
import type { EnvoyConnectionEvent } from "../../model/observations/envoy.ts";
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

/** One kind of connection event read as one finding about that connection. */
function connectionEventDetector(spec: {
  readonly id: string;
  readonly description: string;
  readonly event: EnvoyConnectionEvent["event"];
  readonly code: FindingCode;
}) {
  return defineDetector({
    id: spec.id,
    description: spec.description,
    inputs: ["envoy.connection-event"],
    emits: [spec.code],
    each(event, emit) {
      if (event.event !== spec.event) return;
      emit({
        code: spec.code,
        subject: event.connection || event.ref.source,
        vars: { connection: event.connection || "?", detail: event.detail ?? "" },
        evidence: [event.ref],
      });
    },
  });
}

/** The upstream closed a pooled connection right after Envoy reused it for a request. */
export const envoyReusedConnectionClosedDetector = connectionEventDetector({
  id: "envoy-debug-reused-connection-closed",
  description: "`using existing connection` then `remote close` on the same connection within a second",
  event: "reused-then-closed",
  code: "PD1330",
});

/** The peer closed a connection on which Envoy was still reading or writing. */
export const envoyRemoteEarlyCloseDetector = connectionEventDetector({
  id: "envoy-debug-remote-early-close",
  description: "`remote early close` on a connection",
  event: "remote-early-close",
  code: "PD1331",
});

/** A TLS handshake on one of Envoy's connections failed. */
export const envoyTlsErrorDetector = connectionEventDetector({
  id: "envoy-debug-tls-error",
  description: "`TLS error:` with OpenSSL reasons on a connection",
  event: "tls-error",
  code: "PD1332",
});
