import type { FindingCode } from "../../model/finding.ts";
import type { CurlLocalReply } from "../../model/observations/curl.ts";
import { defineDetector } from "../define.ts";
import { compact, placeVars, subjectOf } from "./vars.ts";

const TLS_FAILURE = /TLS|SSL|CERTIFICATE|WRONG_VERSION_NUMBER|handshake/i;

/** nginx's stock pages that name their cause by status alone. */
const NGINX_PAGE_CODES: Readonly<Record<number, FindingCode>> = { 502: "PD1038", 504: "PD1039", 413: "PD1050" };

/** Reply kinds, and Envoy's reset reasons (all spellings across versions), to the code that reads them. */
function codeOf(reply: CurlLocalReply): FindingCode | undefined {
  switch (reply.kind) {
    case "no-healthy-upstream":
      return "PD1024";
    case "upstream-timeout":
      return "PD1025";
    case "upstream-reset":
      break;
    case "kong-no-route":
      return "PD1028";
    case "kong-invalid-upstream-response":
      return "PD1029";
    case "kong-upstream-timeout":
      return "PD1030";
    case "kong-no-peer":
    case "kong-upstream-unavailable":
    case "kong-name-resolution":
      return "PD1031";
    case "haproxy-no-server":
      return "PD1035";
    case "haproxy-bad-response":
      return "PD1036";
    case "haproxy-timeout":
      return "PD1037";
    case "apache-read-failed":
      return "PD1058";
    case "go-plain-http-to-tls-port":
      return "PD1059";
    case "nginx-error-page":
      return NGINX_PAGE_CODES[reply.status ?? 0];
    case "nginx-header-too-large":
      return "PD1041";
    case "cloudflare-page":
      return reply.status === 413 ? "PD1056" : undefined;
    case "route-not-found":
      return "PD1055";
    case "payload-too-large":
      return "PD1230";
    case "apisix-no-route":
      return "PD1051";
    case "apigw-integration-timeout":
      return "PD1052";
    case "apigw-missing-resource":
      return "PD1053";
    case "nginx-plain-http-to-tls-port":
    case "nginx-client-certificate":
      return "PD1042";
    default:
      return undefined;
  }
  if (reply.transportFailure && TLS_FAILURE.test(reply.transportFailure)) return "PD1023";
  const reason = reply.reason ?? "";
  if (/connection failure|connection timeout/.test(reason)) return "PD1020";
  if (/connection termination/.test(reason)) return "PD1021";
  if (/protocol error/.test(reason)) return "PD1022";
  if (/\boverflow\b/.test(reason)) return "PD1034";
  return reason === "" ? "PD1049" : undefined;
}

/** The status Envoy uses for each kind of local reply, when the transcript did not show it. */
const DEFAULT_STATUS: Partial<Record<FindingCode, number>> = {
  PD1034: 503,
  PD1020: 503,
  PD1021: 503,
  PD1022: 502,
  PD1023: 503,
  PD1024: 503,
  PD1025: 504,
  PD1028: 404,
  PD1029: 502,
  PD1030: 504,
  PD1031: 503,
  PD1035: 503,
  PD1036: 502,
  PD1037: 504,
  PD1058: 502,
  PD1059: 400,
  PD1041: 400,
  PD1042: 400,
  PD1049: 503,
  PD1050: 413,
  PD1055: 404,
  PD1056: 413,
  PD1230: 413,
};

export const curlProxyReplyDetector = defineDetector({
  id: "curl.proxy-reply",
  description:
    "Envoy local replies, Kong error bodies and HAProxy, nginx and Apache error pages in client output or pasted alone: connect failure, termination, protocol error, TLS, no endpoint, timeout, no route",
  inputs: ["curl.local-reply"],
  emits: [
    "PD1020",
    "PD1021",
    "PD1022",
    "PD1023",
    "PD1024",
    "PD1025",
    "PD1028",
    "PD1029",
    "PD1030",
    "PD1031",
    "PD1034",
    "PD1035",
    "PD1036",
    "PD1037",
    "PD1038",
    "PD1039",
    "PD1041",
    "PD1042",
    "PD1049",
    "PD1050",
    "PD1051",
    "PD1052",
    "PD1053",
    "PD1055",
    "PD1056",
    "PD1058",
    "PD1059",
    "PD1230",
  ],
  each(reply, emit) {
    const code = codeOf(reply);
    if (!code) return;
    const vars = compact({
      ...placeVars(reply.correlation),
      producer: reply.producer,
      status: reply.status ?? DEFAULT_STATUS[code],
      message: reply.producer === "kong" ? reply.kind.replace(/^kong-/, "").replace(/-/g, " ") : undefined,
      reason: reply.reason,
      transportFailure: reply.transportFailure,
      retried: reply.retried || undefined,
      // The access log's wording of the same refusal, for the code the access-log rule shares.
      ...(reply.kind === "payload-too-large"
        ? { count: 1, details: "request_payload_too_large", clusters: subjectOf(reply.correlation, "the route") }
        : {}),
    });
    emit({ code, subject: subjectOf(reply.correlation, "the target"), vars, evidence: [reply.ref] });
  },
});
