import type { CauseLink } from "../../model/cause.ts";
import type { FindingCode } from "../../model/finding.ts";
import { defineFindings } from "../define.ts";
import { CURL_FINDINGS } from "./evidence-curl.ts";
import { GO_FINDINGS } from "./evidence-go.ts";

const NGHTTP_APP = "nghttp2 src/app_helper.cc (verbose frame printing) and src/nghttp.cc";
const NGHTTP_LIB = "nghttp2 lib/nghttp2_session.c (header validation, error callback)";

/**
 * nghttp reads the same HTTP/2 errors curl (built on the same nghttp2) and Go clients read: the
 * causes are theirs, so one error weighs the same whichever client saw it.
 */
function sameAs(code: FindingCode): readonly CauseLink[] {
  return [...CURL_FINDINGS, ...GO_FINDINGS].find((def) => def.code === code)?.causes ?? [];
}

export const NGHTTP_FINDINGS = defineFindings([
  {
    code: "PD1060",
    name: "NghttpRejectedResponseHeader",
    severity: "error",
    summary: "nghttp refused the response header {header} from {subject} on stream {stream}",
    detail:
      "nghttp2 found a response field that HTTP/2 forbids and reset the stream with PROTOCOL_ERROR. Connection-specific fields (Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding, Upgrade) belong to one HTTP/1.1 hop only; a proxy that turns an HTTP/1.1 upstream response into HTTP/2 must drop them, and one that passes them on (an `Upgrade: h2,h2c` from an Apache backend through nginx is the classic) breaks every strict client: curl exits 92 or 16, browsers show ERR_HTTP2_PROTOCOL_ERROR, while HTTP/1.1 to the same URL works. Upper-case names and forbidden bytes in values fail the same way.",
    reference: `RFC 9113 §8.2.1 and §8.2.2; ${NGHTTP_LIB}`,
    causes: sameAs("PD1032"),
  },
  {
    code: "PD1061",
    name: "NghttpStreamProtocolError",
    severity: "error",
    summary: "nghttp: {subject} reset stream {stream} with PROTOCOL_ERROR",
    detail:
      "The server judged the request's HTTP/2 message malformed, or a proxy in front of it reset the stream because the response it was relaying broke the HTTP/2 rules (a forbidden or malformed header). The frame alone does not say which side's message was wrong; the frames just before it usually do.",
    reference: `${NGHTTP_APP}; RFC 9113 §7, §8.1.1`,
    causes: sameAs("PD1003"),
  },
  {
    code: "PD1062",
    name: "NghttpStreamInternalError",
    severity: "error",
    summary: "nghttp: {subject} reset stream {stream} with INTERNAL_ERROR",
    detail:
      "The server or proxy abandoned the stream after an internal failure, typically while relaying a body that broke off upstream or could not be buffered. A status printed before the reset was real; the body after it is incomplete.",
    reference: `${NGHTTP_APP}; RFC 9113 §7`,
    causes: sameAs("PD1001"),
  },
  {
    code: "PD1063",
    name: "NghttpStreamRefused",
    severity: "warning",
    summary: "nghttp: {subject} refused stream {stream} (REFUSED_STREAM)",
    detail:
      "The server did not process the request and says it may be retried on a new connection: it was at its concurrent-stream limit, draining, or about to send GOAWAY.",
    reference: `${NGHTTP_APP}; RFC 9113 §8.7`,
    causes: sameAs("PD1004"),
  },
  {
    code: "PD1064",
    name: "NghttpStreamCancelled",
    severity: "warning",
    summary: "nghttp: {subject} cancelled stream {stream} (CANCEL)",
    detail:
      "A proxy cancels the client's stream when it lost the request upstream: the upstream closed or its timeout fired before the response was complete.",
    reference: `${NGHTTP_APP}; RFC 9113 §7`,
    causes: sameAs("PD1005"),
  },
  {
    code: "PD1065",
    name: "NghttpStreamResetOther",
    severity: "warning",
    summary: "nghttp: {subject} reset stream {stream} with {error}",
    detail:
      "The stream ended with a less common HTTP/2 error (flow control, frame size, compression, ENHANCE_YOUR_CALM, HTTP_1_1_REQUIRED). The name says which rule the server believes was broken or which limit it enforces.",
    reference: `${NGHTTP_APP}; RFC 9113 §7`,
    causes: sameAs("PD1006"),
  },
  {
    code: "PD1066",
    name: "NghttpGoawayWithError",
    severity: "error",
    summary: "nghttp: {subject} closed the connection with GOAWAY {error} (last stream {lastStream}){debugText}",
    detail:
      "The server ended the whole connection with an error code instead of a graceful NO_ERROR drain. PROTOCOL_ERROR or COMPRESSION_ERROR mean it rejected what the client sent, INTERNAL_ERROR a failure inside the server; streams above the last stream id were not processed. The opaque data often names the reason.",
    reference: `${NGHTTP_APP}; RFC 9113 §6.8`,
    causes: sameAs("PD1504"),
  },
  {
    code: "PD1067",
    name: "NghttpGoawayTooManyPings",
    severity: "error",
    summary: "nghttp: {subject} closed the connection with GOAWAY ENHANCE_YOUR_CALM (too_many_pings)",
    detail:
      "The server's keepalive enforcement (grpc-go and grpc-core servers) decided the client pinged too often and dropped the connection with every stream on it. The client's keepalive interval is shorter than the server's permitted minimum.",
    reference: `${NGHTTP_APP}; grpc keepalive enforcement (too_many_pings)`,
    causes: sameAs("PD1530"),
  },
  {
    code: "PD1068",
    name: "NghttpAlpnNotH2",
    severity: "error",
    summary: "nghttp: {subject} did not agree to h2 in ALPN ({message})",
    detail:
      "nghttp speaks only HTTP/2 and the TLS server picked another protocol or none: it terminates TLS without offering h2 (a load balancer or proxy with HTTP/2 off on that listener, or a TLS library without ALPN). Clients that fall back to HTTP/1.1 work against the same port, which hides the difference.",
    reference: "nghttp2 src/nghttp.cc (print_protocol_nego_error); RFC 7301",
    causes: sameAs("PD1539"),
  },
  {
    code: "PD1069",
    name: "NghttpPeerNotHttp2",
    severity: "error",
    summary: "nghttp: {subject} did not answer in HTTP/2 ({message})",
    detail:
      "nghttp sent the HTTP/2 connection preface (or asked to upgrade) and the reply was not an HTTP/2 SETTINGS frame: the port speaks HTTP/1.1 only, expects TLS, or is another protocol altogether.",
    reference: `${NGHTTP_LIB} (expected SETTINGS frame); nghttp2 src/nghttp.cc (HTTP Upgrade)`,
    causes: sameAs("PD1033"),
  },
  {
    code: "PD1070",
    name: "NghttpConnectFailed",
    severity: "error",
    summary: "nghttp could not connect to {address}",
    detail:
      "No TCP connection could be opened to any address of the host. nghttp does not print the reason: nothing listening (refused) is the usual one, a filtered or unreachable network the other.",
    reference: "nghttp2 src/nghttp.cc (Could not connect to the address)",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.3 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1071",
    name: "NghttpTimeout",
    severity: "error",
    summary: "nghttp timed out waiting for {subject}",
    detail:
      "nghttp's timeout (-t) fired before the exchange finished: the server accepted the connection and stayed silent, or packets were lost on the way.",
    reference: "nghttp2 src/nghttp.cc (timeout)",
    causes: sameAs("PD1011"),
  },
]);
