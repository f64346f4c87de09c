import { defineDetector } from "../define.ts";

export const tlsHandshakeFailed = defineDetector({
  id: "capture.tls-handshake",
  description: "TLS connections where no encrypted data followed the handshake",
  inputs: ["capture.tls"],
  emits: ["PD4401"],
  each(o, emit) {
    if (o.established) return;
    const reason = o.alert
      ? `the ${o.alertBy} sent ${o.alert}`
      : o.version === undefined
        ? "the ClientHello was never answered"
        : "no application data followed the handshake";
    emit({
      code: "PD4401",
      subject: o.server,
      vars: {
        connection: o.connection,
        client: o.client,
        server: o.server,
        reason,
        sniText: o.sni ? ` (SNI ${o.sni})` : "",
        host: o.sni ?? o.server,
      },
      evidence: [o.ref],
    });
  },
});

export const tlsAlert = defineDetector({
  id: "capture.tls-alert",
  description: "TLS alerts other than close_notify",
  inputs: ["capture.tls"],
  emits: ["PD4402"],
  each(o, emit) {
    if (!o.alert) return;
    emit({
      code: "PD4402",
      subject: o.server,
      vars: {
        connection: o.connection,
        alert: o.alert,
        alertBy: o.alertBy ?? "?",
        sniText: o.sni ? ` (SNI ${o.sni})` : "",
      },
      evidence: [o.ref],
    });
  },
});
