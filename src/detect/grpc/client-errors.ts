import type { FindingCode } from "../../model/finding.ts";
import type { GrpcFailure } from "../../model/observations/grpc.ts";
import { defineDetector } from "../define.ts";
import { REPORTED_STATUS_FINDINGS, reportedStatusCode } from "../reported-status.ts";

const CODES: Readonly<Record<GrpcFailure, FindingCode>> = {
  "connection-refused": "PD1560",
  "connection-reset": "PD1561",
  "connection-closed": "PD1562",
  deadline: "PD1563",
  "deadline-before-connection": "PD1564",
  "tls-handshake": "PD1565",
  "plaintext-answer-to-tls": "PD1566",
  "tls-answer-to-plaintext": "PD1567",
  "http1-answer": "PD1568",
  "no-http2-handshake": "PD1569",
  "non-grpc-response": "PD1570",
  "stream-refused": "PD1571",
  "stream-reset": "PD1572",
  "stream-protocol-error": "PD1573",
  goaway: "PD1574",
  "message-too-large": "PD1575",
  "name-not-resolved": "PD1576",
  "could-not-connect": "PD1577",
  "socket-error": "PD1578",
  "connect-timeout": "PD1579",
};

export const grpcClientErrors = defineDetector({
  id: "grpc.client-errors",
  description:
    "gRPC client errors of grpc-java, Grpc.Net.Client, grpc-js and grpc-python, by what failed under the RPC",
  inputs: ["grpc.client-error"],
  emits: [...Object.values(CODES), ...REPORTED_STATUS_FINDINGS],
  each(observation, emit) {
    const status = observation.status ?? "no status";
    // A proxy's own answer whose status names the failure (413, 502, 503, 504) is told by it.
    const reported =
      observation.failure === "non-grpc-response" ? reportedStatusCode(observation.fields.httpStatus) : undefined;
    if (reported) {
      emit({
        code: reported,
        subject: observation.correlation?.upstream ?? "the server",
        vars: { emitter: observation.library, status: Number(observation.fields.httpStatus) },
        evidence: [observation.ref],
      });
      return;
    }
    emit({
      code: CODES[observation.failure],
      subject: observation.correlation?.upstream ?? "the server",
      vars: {
        library: observation.library,
        status,
        details: observation.details || status,
        h2Code: "error code not stated",
        ...observation.fields,
      },
      evidence: [observation.ref],
    });
  },
});
