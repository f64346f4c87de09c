import type { ProbeExchangeObservation } from "../../model/observations/probe.ts";
import { defineDetector } from "../define.ts";

/** Certificates that expire within this many days are worth a warning. */
const EXPIRY_WARNING_DAYS = 14;

function about(o: ProbeExchangeObservation) {
  return { subject: o.url, evidence: [o.ref] };
}

export const tlsHandshakeFailed = defineDetector({
  id: "probe.tls-failed",
  description: "The TLS handshake failed or the certificate was not trusted",
  inputs: ["probe.exchange"],
  emits: ["PD4017"],
  each(o, emit) {
    if (o.error?.phase !== "tls") return;
    emit({ code: "PD4017", ...about(o), vars: { error: o.error.message, host: new URL(o.url).host } });
  },
});

export const certificateHostnameMismatch = defineDetector({
  id: "probe.certificate-hostname-mismatch",
  description: "The server's certificate does not name the host asked for",
  inputs: ["probe.exchange"],
  emits: ["PD4018"],
  each(o, emit) {
    if (!o.tls || o.tls.hostnameMatches) return;
    emit({ code: "PD4018", ...about(o), vars: { host: new URL(o.url).hostname } });
  },
});

export const certificateExpiring = defineDetector({
  id: "probe.certificate-expiring",
  description: "The server's certificate has expired or expires soon",
  inputs: ["probe.exchange"],
  emits: ["PD4019"],
  each(o, emit) {
    const days = o.tls?.daysLeft;
    if (days === undefined || days > EXPIRY_WARNING_DAYS) return;
    emit({
      code: "PD4019",
      ...about(o),
      vars: { daysLeft: days, state: days < 0 ? "expired" : "expires soon" },
      ...(days < 0 ? { severity: "error" as const } : {}),
    });
  },
});

export const http2NotNegotiated = defineDetector({
  id: "probe.h2-not-negotiated",
  description: "HTTP/2 was offered in ALPN but the server chose something else",
  inputs: ["probe.exchange"],
  emits: ["PD4020"],
  each(o, emit) {
    if (!o.tls?.alpnOffered.includes("h2") || o.tls.alpn === "h2") return;
    emit({ code: "PD4020", ...about(o), vars: { chosen: o.tls.alpn ?? "none", host: new URL(o.url).host } });
  },
});
