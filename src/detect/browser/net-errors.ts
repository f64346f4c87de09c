import type { FindingCode } from "../../model/finding.ts";
import type { BrowserNetError } from "../../model/observations/browser.ts";
import { compact, failureProducer, placeVars, subjectOf } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

/** Chromium error names (current spelling) to the code that reads them; prefixes end in `_`. */
const BY_NAME: readonly (readonly [string, FindingCode])[] = [
  ["ERR_HTTP2_PROTOCOL_ERROR", "PD1101"],
  ["ERR_HTTP2_PING_FAILED", "PD1103"],
  ["ERR_HTTP2_SERVER_REFUSED_STREAM", "PD1104"],
  ["ERR_CONNECTION_RESET", "PD1105"],
  ["ERR_CONNECTION_CLOSED", "PD1105"],
  ["ERR_CONNECTION_ABORTED", "PD1105"],
  ["ERR_EMPTY_RESPONSE", "PD1106"],
  ["ERR_INCOMPLETE_CHUNKED_ENCODING", "PD1107"],
  ["ERR_CONTENT_LENGTH_MISMATCH", "PD1107"],
  ["ERR_RESPONSE_HEADERS_MULTIPLE_", "PD1108"],
  ["ERR_RESPONSE_HEADERS_TOO_BIG", "PD1110"],
  ["ERR_INVALID_HTTP_RESPONSE", "PD1109"],
  ["ERR_INVALID_CHUNKED_ENCODING", "PD1109"],
  ["ERR_INVALID_RESPONSE", "PD1109"],
  ["ERR_RESPONSE_HEADERS_TRUNCATED", "PD1109"],
  ["ERR_HTTP2_COMPRESSION_ERROR", "PD1109"],
  ["ERR_INCOMPLETE_HTTP2_HEADERS", "PD1109"],
  ["ERR_CERT_", "PD1111"],
  ["ERR_SSL_PROTOCOL_ERROR", "PD1112"],
  ["ERR_SSL_VERSION_OR_CIPHER_MISMATCH", "PD1112"],
  ["ERR_BAD_SSL_CLIENT_AUTH_CERT", "PD1112"],
  ["ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY", "PD1112"],
  ["ERR_TIMED_OUT", "PD1113"],
  ["ERR_CONNECTION_TIMED_OUT", "PD1113"],
  ["ERR_CONNECTION_REFUSED", "PD1114"],
  ["ERR_HTTP_1_1_REQUIRED", "PD1115"],
  ["ERR_TOO_MANY_REDIRECTS", "PD1124"],
];

export function codeOfNetError(canonical: string): FindingCode | undefined {
  for (const [name, code] of BY_NAME) {
    if (name.endsWith("_") ? canonical.startsWith(name) : canonical === name) return code;
  }
  return undefined;
}

function netErrorVars(error: BrowserNetError) {
  return {
    ...placeVars(error.correlation),
    ...compact({
      name: error.name,
      canonical: error.canonical !== error.name ? error.canonical : undefined,
      status: error.status,
      producer: failureProducer(error.responder),
      url: error.url,
    }),
  };
}

export const browserNetErrorDetector = defineDetector({
  id: "browser.net-error",
  description: "Chromium net::ERR_* errors (old ERR_SPDY_* names included) read by what they say about the hop",
  inputs: ["browser.net-error"],
  emits: BY_NAME.map(([, code]) => code).filter((code, i, all) => all.indexOf(code) === i),
  each(error, emit) {
    const code = codeOfNetError(error.canonical);
    if (!code) return;
    emit({
      code,
      subject: subjectOf(error.correlation, error.url ?? "a request"),
      vars: netErrorVars(error),
      evidence: [error.ref],
    });
  },
});

export const browserHttp2ErrorAfterSuccessDetector = defineDetector({
  id: "browser.http2-error-after-success",
  description: "ERR_HTTP2_PROTOCOL_ERROR with a 2xx status already received: the body, not the headers, broke",
  inputs: ["browser.net-error"],
  emits: ["PD1102"],
  each(error, emit) {
    if (error.canonical !== "ERR_HTTP2_PROTOCOL_ERROR") return;
    if (error.status === undefined || error.status < 200 || error.status >= 300) return;
    emit({
      code: "PD1102",
      subject: subjectOf(error.correlation, error.url ?? "a request"),
      vars: netErrorVars(error),
      evidence: [error.ref],
    });
  },
});
