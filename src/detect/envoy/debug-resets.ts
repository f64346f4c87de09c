import { resetReasonToken, transportFailureKind } from "../../evidence/envoy/vocabulary.ts";
import type { FindingCode } from "../../model/finding.ts";
import { defineDetector } from "../define.ts";
import { REFUSAL_DETAILS } from "./access-rules.ts";

const CONNECT_FAILURES = new Set([
  "connection_failure",
  "local_connection_failure",
  "remote_connection_failure",
  "connection_timeout",
]);

/** The code for a reset reason (and transport failure), shared by debug lines and reply bodies. */
export function resetCode(
  reason: string,
  transportFailure: string | undefined,
  codes: {
    protocol: FindingCode;
    termination: FindingCode;
    connect: FindingCode;
    tls: FindingCode;
    overflow?: FindingCode;
    unreachable?: FindingCode;
  },
): FindingCode | undefined {
  const token = resetReasonToken(reason);
  const failure = transportFailure ? transportFailureKind(transportFailure) : undefined;
  if (failure === "tls") return codes.tls;
  if (failure === "unreachable" && codes.unreachable) return codes.unreachable;
  if (token === "overflow") return codes.overflow;
  if (token === "protocol_error") return codes.protocol;
  if (token === "connection_termination") return codes.termination;
  if (CONNECT_FAILURES.has(token)) return codes.connect;
  return undefined;
}

export const envoyUpstreamResetDetector = defineDetector({
  id: "envoy-debug-upstream-reset",
  description: "the router's `upstream reset: reset reason: …` line",
  inputs: ["envoy.upstream-reset"],
  emits: ["PD1308", "PD1309", "PD1310", "PD1311", "PD1329"],
  each(reset, emit) {
    const code = reset.internal
      ? "PD1329"
      : resetCode(reset.reason, reset.transportFailure, {
          protocol: "PD1308",
          termination: "PD1309",
          connect: "PD1310",
          tls: "PD1311",
        });
    if (!code) return;
    emit({
      code,
      subject: reset.connection || reset.ref.source,
      vars: {
        connection: reset.connection || "?",
        reason: reset.reason,
        transportFailure: reset.transportFailure ?? "",
        producer: "envoy",
      },
      evidence: [reset.ref],
    });
  },
});

export const envoyLocalReplyDetector = defineDetector({
  id: "envoy-debug-local-reply",
  description: "`Sending local reply with details …`: Envoy answered itself",
  inputs: ["envoy.local-reply"],
  emits: ["PD1312", ...Object.values(REFUSAL_DETAILS).map((refusal) => refusal.code)],
  each(reply, emit) {
    if (reply.details === "via_upstream") return;
    const named = REFUSAL_DETAILS[reply.details];
    if (named) {
      emit({
        code: named.code,
        subject: reply.connection || reply.ref.source,
        vars: {
          count: 1,
          status: reply.status ?? named.status,
          details: reply.details,
          clusters: reply.connection ? `connection ${reply.connection}` : "the route",
          producer: "envoy",
        },
        evidence: [reply.ref],
      });
    }
    emit({
      code: "PD1312",
      subject: reply.connection || reply.ref.source,
      vars: {
        connection: reply.connection || "?",
        details: reply.details,
        producer: "envoy",
        ...(reply.status !== undefined ? { status: reply.status } : { status: "?" }),
        ...(reply.server ? { server: reply.server } : {}),
      },
      evidence: [reply.ref],
    });
  },
});

export const envoyReplyBodyDetector = defineDetector({
  id: "envoy-local-reply-body",
  description: "the body of an Envoy local reply as a client printed it",
  inputs: ["envoy.local-reply-body"],
  emits: ["PD1317", "PD1318", "PD1319", "PD1320", "PD1321", "PD1322", "PD1325", "PD1328", "PD1333", "PD1335"],
  each(body, emit) {
    let code: FindingCode | undefined;
    let status = 503;
    if (body.kind === "no-healthy-upstream") code = "PD1321";
    else if (body.kind === "upstream-timeout") {
      code = "PD1322";
      status = 504;
    } else {
      code = resetCode(body.reason ?? "", body.transportFailure, {
        protocol: "PD1317",
        termination: "PD1318",
        connect: "PD1319",
        tls: "PD1320",
        overflow: "PD1325",
        unreachable: "PD1335",
      });
      if (code === "PD1317") status = 502;
      if (code === "PD1317" && body.grpc) code = "PD1328";
      if (code === "PD1318" && body.grpc) code = "PD1333";
    }
    if (!code) return;
    emit({
      code,
      subject: body.ref.source,
      vars: {
        producer: "envoy",
        status,
        reason: body.reason ?? body.kind,
        transportFailure: body.transportFailure ?? "",
      },
      evidence: [body.ref],
    });
  },
});
