import type { CaptureTlsHandshake } from "../../model/observations/capture.ts";
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

export const tlsNotDecrypted = defineDetector({
  id: "capture.tls-not-decrypted",
  description: "Established TLS connections whose HTTP stayed unread for want of a key log",
  inputs: ["capture.tls"],
  emits: ["PD4403"],
  all(observations, emit) {
    const byServer = new Map<string, CaptureTlsHandshake[]>();
    for (const o of observations) {
      if (!o.established || o.decryptedRecords > 0) continue;
      const list = byServer.get(o.server) ?? [];
      list.push(o);
      byServer.set(o.server, list);
    }
    for (const [server, list] of byServer) {
      const first = list[0];
      if (!first) continue;
      emit({
        code: "PD4403",
        subject: server,
        vars: { count: list.length, server, sniText: first.sni ? ` (SNI ${first.sni})` : "" },
        evidence: list.slice(0, 5).map((o) => o.ref),
      });
    }
  },
});
