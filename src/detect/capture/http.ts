import { defineDetector } from "../define.ts";
import { producerOf } from "./vars.ts";

export const responseCutShort = defineDetector({
  id: "capture.response-cut",
  description: "A response whose sender closed or reset the connection before the body was complete",
  inputs: ["capture.response-cut"],
  emits: ["PD4301"],
  each(o, emit) {
    emit({
      code: "PD4301",
      subject: o.server,
      vars: {
        connection: o.connection,
        stream: o.stream,
        status: o.status,
        received: o.received,
        declaredText: o.declared === undefined ? "the chunked" : String(o.declared),
        how: o.how === "rst" ? "RST" : "FIN",
        producer: producerOf(o.responseServer),
        upstream: o.server,
        ...(o.path !== undefined ? { path: o.path } : {}),
      },
      evidence: [o.ref],
    });
  },
});

export const http2StreamReset = defineDetector({
  id: "capture.stream-reset",
  description: "RST_STREAM frames other than a client's CANCEL or NO_ERROR",
  inputs: ["capture.stream-reset"],
  emits: ["PD4302"],
  each(o, emit) {
    if (o.by === "client" && (o.code === "CANCEL" || o.code === "NO_ERROR")) return;
    emit({
      code: "PD4302",
      subject: o.server,
      vars: {
        connection: o.connection,
        stream: o.stream,
        by: o.by,
        errorCode: o.code,
        delivered: o.delivered,
        statusText:
          o.status === undefined
            ? " (before any response)"
            : ` of a ${o.status} response${o.declared !== undefined ? ` declaring ${o.declared}` : ""}`,
        ...(o.status !== undefined ? { status: o.status } : {}),
        upstream: o.server,
      },
      evidence: [o.ref],
    });
  },
});

export const http2Goaway = defineDetector({
  id: "capture.goaway",
  description: "GOAWAY with an error code, or one that refused streams in flight",
  inputs: ["capture.goaway"],
  emits: ["PD4303"],
  each(o, emit) {
    if (o.code === "NO_ERROR" && o.streamsAbove === 0) return;
    emit({
      code: "PD4303",
      subject: o.server,
      vars: {
        connection: o.connection,
        by: o.by,
        errorCode: o.code,
        lastStream: o.lastStream,
        streamsAbove: o.streamsAbove,
        debugText: o.debug ? ` "${o.debug}"` : "",
        upstream: o.server,
      },
      evidence: [o.ref],
    });
  },
});

export const serverErrorResponses = defineDetector({
  id: "capture.http-error",
  description: "5xx responses seen on the wire, with who wrote them",
  inputs: ["capture.http-error"],
  emits: ["PD4304"],
  each(o, emit) {
    emit({
      code: "PD4304",
      subject: o.server,
      vars: {
        connection: o.connection,
        status: o.status,
        count: o.count,
        producer: producerOf(o.responseServer),
        method: o.method ?? "?",
        path: o.path ?? "?",
        upstream: o.server,
      },
      evidence: [o.ref],
    });
  },
});
