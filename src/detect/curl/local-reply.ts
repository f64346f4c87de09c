import type { FindingCode } from "../../model/finding.ts";
import type { CurlLocalReply } from "../../model/observations/curl.ts";
import { defineDetector } from "../define.ts";
import { compact, placeVars, subjectOf } from "./vars.ts";

const TLS_FAILURE = /TLS|SSL|CERTIFICATE|WRONG_VERSION_NUMBER|handshake/i;

/** Envoy's reset reasons (all spellings across versions) to the code that reads them. */
function codeOf(reply: CurlLocalReply): FindingCode | undefined {
  switch (reply.kind) {
    case "no-healthy-upstream":
      return "PD1024";
    case "upstream-timeout":
      return "PD1025";
    case "upstream-reset":
      break;
    default:
      return undefined;
  }
  if (reply.transportFailure && TLS_FAILURE.test(reply.transportFailure)) return "PD1023";
  const reason = reply.reason ?? "";
  if (/connection failure|connection timeout/.test(reason)) return "PD1020";
  if (/connection termination/.test(reason)) return "PD1021";
  if (/protocol error/.test(reason)) return "PD1022";
  return undefined;
}

/** The status Envoy uses for each kind of local reply, when the transcript did not show it. */
const DEFAULT_STATUS: Partial<Record<FindingCode, number>> = {
  PD1020: 503,
  PD1021: 503,
  PD1022: 502,
  PD1023: 503,
  PD1024: 503,
  PD1025: 504,
};

export const curlEnvoyLocalReplyDetector = defineDetector({
  id: "curl.envoy-local-reply",
  description:
    "Envoy local-reply bodies in client output: connect failure, termination, protocol error, TLS, no healthy upstream, timeout",
  inputs: ["curl.local-reply"],
  emits: ["PD1020", "PD1021", "PD1022", "PD1023", "PD1024", "PD1025"],
  each(reply, emit) {
    const code = codeOf(reply);
    if (!code) return;
    const vars = compact({
      ...placeVars(reply.correlation),
      producer: "envoy",
      status: reply.status ?? DEFAULT_STATUS[code],
      reason: reply.reason,
      transportFailure: reply.transportFailure,
      retried: reply.retried || undefined,
    });
    emit({ code, subject: subjectOf(reply.correlation, "the target"), vars, evidence: [reply.ref] });
  },
});
