import type { Finding } from "../../model/finding.ts";
import type { ProbeExchangeObservation } from "../../model/observations/probe.ts";
import { defineDetector } from "../define.ts";
import { responderOf } from "./responder.ts";

function about(o: ProbeExchangeObservation): Pick<Finding, "subject" | "evidence"> {
  return { subject: o.url, evidence: [o.ref] };
}

function context(o: ProbeExchangeObservation): Record<string, string | number> {
  const url = new URL(o.url);
  const producer = responderOf(o.headers);
  return {
    url: o.url,
    host: url.host,
    path: url.pathname,
    protocol: o.protocol,
    ...(producer ? { producer } : {}),
    ...(o.status !== undefined ? { status: o.status } : {}),
  };
}

export const bodyShorterThanDeclared = defineDetector({
  id: "probe.body-short",
  description: "The connection ended before the body reached its Content-Length",
  inputs: ["probe.exchange"],
  emits: ["PD4010"],
  each(o, emit) {
    if (o.declaredLength === undefined || o.complete || o.reset || o.bodyBytes >= o.declaredLength) return;
    if (o.end === "idle-timeout" || o.end === "total-timeout" || o.end === "too-large") return;
    emit({
      code: "PD4010",
      ...about(o),
      vars: {
        ...context(o),
        received: o.bodyBytes,
        declared: o.declaredLength,
        missing: o.declaredLength - o.bodyBytes,
        end: o.end,
      },
    });
  },
});

export const chunkedWithoutLastChunk = defineDetector({
  id: "probe.chunked-unterminated",
  description: "A chunked body ended without its last (zero-size) chunk",
  inputs: ["probe.exchange"],
  emits: ["PD4011"],
  each(o, emit) {
    if (!o.chunked || o.lastChunk || o.complete || o.end === "too-large") return;
    if (o.end === "idle-timeout" || o.end === "total-timeout") return;
    emit({ code: "PD4011", ...about(o), vars: { ...context(o), received: o.bodyBytes, end: o.end } });
  },
});

export const streamResetMidResponse = defineDetector({
  id: "probe.stream-reset-mid-response",
  description: "An HTTP/2 stream was reset after the response had started",
  inputs: ["probe.exchange"],
  emits: ["PD4012"],
  each(o, emit) {
    if (!o.reset || o.status === undefined) return;
    emit({
      code: "PD4012",
      ...about(o),
      vars: {
        ...context(o),
        code: o.reset.code,
        received: o.reset.afterBodyBytes,
        declared: o.declaredLength ?? "unknown",
      },
    });
  },
});

export const resetBeforeResponse = defineDetector({
  id: "probe.reset-before-response",
  description: "The stream or connection was reset before any response arrived",
  inputs: ["probe.exchange"],
  emits: ["PD4013"],
  each(o, emit) {
    if (o.status !== undefined || (o.error && o.error.phase !== "exchange")) return;
    const how = o.reset ? `RST_STREAM ${o.reset.code}` : o.goaway ? `GOAWAY ${o.goaway.code}` : o.end;
    if (!(o.reset || o.goaway || o.end === "reset" || o.end === "closed")) return;
    emit({ code: "PD4013", ...about(o), vars: { ...context(o), how } });
  },
});

export const noResponseInTime = defineDetector({
  id: "probe.no-response-in-time",
  description: "The server accepted the request but sent nothing back in time",
  inputs: ["probe.exchange"],
  emits: ["PD4014"],
  each(o, emit) {
    if (o.status !== undefined || (o.end !== "idle-timeout" && o.end !== "total-timeout")) return;
    emit({ code: "PD4014", ...about(o), vars: { ...context(o), end: o.end } });
  },
});

export const goawayDuringExchange = defineDetector({
  id: "probe.goaway",
  description: "The server sent GOAWAY while the probe's stream was open",
  inputs: ["probe.exchange"],
  emits: ["PD4015"],
  each(o, emit) {
    if (!o.goaway) return;
    emit({
      code: "PD4015",
      ...about(o),
      vars: { ...context(o), code: o.goaway.code, lastStreamId: o.goaway.lastStreamId, debug: o.goaway.debug || "-" },
    });
  },
});

export const connectFailed = defineDetector({
  id: "probe.connect-failed",
  description: "The probe could not resolve, connect, or get through the proxy",
  inputs: ["probe.exchange"],
  emits: ["PD4016"],
  each(o, emit) {
    if (!o.error || (o.error.phase !== "dns" && o.error.phase !== "connect" && o.error.phase !== "proxy")) return;
    const refused = /ECONNREFUSED/.test(o.error.message);
    emit({
      code: "PD4016",
      ...about(o),
      vars: { ...context(o), phase: o.error.phase, error: o.error.message, refused: refused ? "yes" : "no" },
    });
  },
});
