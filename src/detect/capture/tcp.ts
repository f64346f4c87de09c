import { defineDetector } from "../define.ts";
import { producerOf, seconds } from "./vars.ts";

export const resetAfterResponse = defineDetector({
  id: "capture.reset-after-response",
  description: "The receiver of a response resets the connection right after it (a proxy rejecting the response)",
  inputs: ["capture.reset-after-response"],
  emits: ["PD4201"],
  each(o, emit) {
    emit({
      code: "PD4201",
      subject: o.server,
      vars: {
        connection: o.connection,
        by: o.by,
        seconds: seconds(o.seconds),
        status: o.status,
        method: o.method ?? "?",
        path: o.path ?? "?",
        responsePacket: o.responsePacket,
        resetPacket: o.resetPacket,
        producer: producerOf(o.responseServer),
        upstream: o.server,
      },
      evidence: [{ ...o.ref, packet: o.responsePacket }, o.ref],
    });
  },
});

export const requestWithoutResponse = defineDetector({
  id: "capture.no-response",
  description: "A request answered by nothing but the connection closing",
  inputs: ["capture.no-response"],
  emits: ["PD4202"],
  each(o, emit) {
    emit({
      code: "PD4202",
      subject: o.server,
      vars: {
        connection: o.connection,
        method: o.method ?? "?",
        path: o.path ?? "?",
        how: o.how === "rst" ? "RST" : "FIN",
        byText: o.by ? ` by the ${o.by}` : "",
        idleBefore: seconds(o.idleBefore),
        earlierResponses: o.earlierResponses,
        upstream: o.server,
      },
      evidence: [o.ref],
    });
  },
});

export const synUnanswered = defineDetector({
  id: "capture.syn-unanswered",
  description: "Connection attempts without SYN-ACK: dropped (no answer) or refused (RST)",
  inputs: ["capture.syn-unanswered"],
  emits: ["PD4203", "PD4204"],
  each(o, emit) {
    emit({
      code: o.refused ? "PD4204" : "PD4203",
      subject: o.server,
      vars: { connection: o.connection, client: o.client, server: o.server, attempts: o.attempts, host: o.server },
      evidence: [o.ref],
    });
  },
});

export const retransmissionRate = defineDetector({
  id: "capture.retransmissions",
  description: "Connections with a retransmission rate above one percent",
  inputs: ["capture.retransmissions"],
  emits: ["PD4205"],
  each(o, emit) {
    if (o.retransmissions < 3 || o.rate < 0.01) return;
    emit({
      code: "PD4205",
      subject: o.server,
      vars: {
        connection: o.connection,
        client: o.client,
        server: o.server,
        retransmissions: o.retransmissions,
        dataSegments: o.dataSegments,
        percent: Math.round(o.rate * 1000) / 10,
        host: o.server,
      },
      evidence: [o.ref],
    });
  },
});

export const duplicateAcks = defineDetector({
  id: "capture.duplicate-acks",
  description: "Connections with three or more duplicate ACKs",
  inputs: ["capture.retransmissions"],
  emits: ["PD4206"],
  each(o, emit) {
    if (o.dupAcks < 3) return;
    emit({
      code: "PD4206",
      subject: o.server,
      vars: { connection: o.connection, client: o.client, server: o.server, dupAcks: o.dupAcks, host: o.server },
      evidence: [o.ref],
    });
  },
});

export const zeroWindowStall = defineDetector({
  id: "capture.zero-window",
  description: "A receiver that kept its window closed",
  inputs: ["capture.zero-window"],
  emits: ["PD4207"],
  each(o, emit) {
    emit({
      code: "PD4207",
      subject: o.server,
      vars: {
        connection: o.connection,
        side: o.side,
        duration: o.seconds === undefined ? "the rest of the capture" : `${seconds(o.seconds)}s`,
      },
      evidence: [o.ref],
    });
  },
});

export const idleConnectionReset = defineDetector({
  id: "capture.idle-reset",
  description: "A reset that follows a long silence on the connection",
  inputs: ["capture.idle-reset"],
  emits: ["PD4208"],
  each(o, emit) {
    emit({
      code: "PD4208",
      subject: o.server,
      vars: { connection: o.connection, by: o.by, idleSeconds: seconds(o.idleSeconds), upstream: o.server },
      evidence: [o.ref],
    });
  },
});
