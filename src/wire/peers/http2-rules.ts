import type { FindingCode } from "../../model/finding.ts";
import type { PeerConfidence, PeerName, PeerOutcome, PeerRule } from "./model.ts";

/**
 * What each peer does when it RECEIVES an HTTP/2 message with one defect: as a client reading a
 * response (curl, Chrome, Go, Node) or as a proxy reading its upstream's HTTP/2 response (Envoy;
 * nginx, HAProxy, Apache and Caddy speak HTTP/2 to upstreams only for gRPC or not at all, and
 * appear here through how they answer such bytes from a client). Sources: protocol-anchors §7 and
 * §8 rows D35–D37, h2spec §8.1.2 cases; "inferred" marks rows not yet confirmed by source or lab.
 */
type Extra = { from?: string; until?: string; status?: number };

function rule(
  code: FindingCode,
  peer: PeerName,
  outcome: PeerOutcome,
  detail: string,
  confidence: PeerConfidence,
  extra: Extra = {},
): PeerRule {
  return { code, peer, outcome, detail, confidence, ...extra };
}

const ENVOY_UPE =
  "502 UPE upstream_reset_before_response_started{protocol_error}; debug log: Invalid HTTP header field was received";
const CURL_OLD = (code: string) =>
  `curl: (92) HTTP/2 stream 1 was not closed cleanly: ${code} (err ${code === "PROTOCOL_ERROR" ? 1 : 2})`;
const CURL_NEW = (code: string, hex: string) => `curl: (92) HTTP/2 stream 1 reset by server (error ${hex} ${code})`;
const NODE_RESET = (code: string) => `Error [ERR_HTTP2_STREAM_ERROR]: Stream closed with error code NGHTTP2_${code}`;
const GO_RESET = (code: string, fromPeer: boolean) =>
  `stream error: stream ID 1; ${code}${fromPeer ? "; received from peer" : ""}`;

/**
 * Seen in src/wire/http2/peers-observed.test.ts: curl 7.88.1 (nghttp2 1.52) exits 92 with the
 * PROTOCOL_ERROR text below, node:http2 (Node 20, nghttp2 1.61) resets the stream, and Go 1.19's
 * client accepts connection-specific fields, `te` and a bad content-length but not uppercase names.
 */
const OBSERVED_HERE: ReadonlySet<FindingCode> = new Set(["PD3001", "PD3002", "PD3003", "PD3031"]);

/** The same strict reaction of nghttp2-based clients and Go to a malformed header block. */
function malformedHeaderRules(
  code: FindingCode,
  goDetail: string | undefined,
  goConfidence: PeerConfidence,
  chrome: PeerRule | undefined,
): PeerRule[] {
  // Go's client framer validates names and pseudo-headers but has no list of connection-specific fields.
  const go =
    goDetail === undefined
      ? rule(code, "go", "accept", "accepted: the client framer does not check this", goConfidence)
      : rule(code, "go", "reject", goDetail, goConfidence);
  const seen = OBSERVED_HERE.has(code);
  return [
    rule(code, "envoy", "reject", ENVOY_UPE, "documented", { status: 502 }),
    rule(code, "curl", "reject", CURL_OLD("PROTOCOL_ERROR"), seen ? "observed" : "documented", { until: "8.19" }),
    rule(code, "curl", "reject", CURL_NEW("PROTOCOL_ERROR", "0x1"), "documented", { from: "8.19" }),
    rule(code, "node", "reject", NODE_RESET("PROTOCOL_ERROR"), seen ? "observed" : "inferred"),
    go,
    ...(chrome ? [chrome] : []),
  ];
}

/**
 * nginx as an HTTP/2 server reading a client's request, observed with nginx 1.22.1 (Debian) by
 * src/wire/http2/peers-observed.test.ts; the log lines are from its error.log at level info.
 */
const NGINX_SEEN = "(observed with nginx 1.22.1)";
const nginxReset = (code: FindingCode, log: string): PeerRule =>
  rule(
    code,
    "nginx",
    "reject",
    `RST_STREAM PROTOCOL_ERROR; error.log: ${log} while reading client request headers ${NGINX_SEEN}`,
    "observed",
  );
const nginxBadRequest = (code: FindingCode, log: string): PeerRule =>
  rule(
    code,
    "nginx",
    "reject",
    `400 Bad Request; error.log: ${log} while reading client request headers ${NGINX_SEEN}`,
    "observed",
    { status: 400 },
  );
const nginxAccepts = (code: FindingCode, detail: string): PeerRule =>
  rule(code, "nginx", "accept", `${detail} ${NGINX_SEEN}`, "observed");

const NGINX_RULES: readonly PeerRule[] = [
  nginxAccepts(
    "PD3001",
    "accepted from a client; as an HTTP/1→HTTP/2 converter it drops Connection, Keep-Alive, TE and Upgrade",
  ),
  nginxReset("PD3002", 'client sent invalid header name: "X-Upper"'),
  nginxAccepts("PD3003", "accepted from a client"),
  nginxReset("PD3008", 'client sent invalid header name: "x y"'),
  nginxReset("PD3009", 'client sent header "x" with invalid value'),
  nginxBadRequest("PD3031", 'client sent invalid "Content-Length" header'),
  nginxBadRequest("PD3032", 'client sent duplicate host header: "host: other", previous value: "host: 127.0.0.1"'),
];

const CHROME_PROTOCOL = "net::ERR_HTTP2_PROTOCOL_ERROR (NetLog HTTP2_STREAM_ERROR)";

export const HTTP2_PEER_RULES: readonly PeerRule[] = [
  ...NGINX_RULES,
  ...malformedHeaderRules(
    "PD3001",
    undefined,
    "observed",
    rule(
      "PD3001",
      "chrome",
      "accept",
      "reported to tolerate connection-specific fields (Safari drops the stream)",
      "inferred",
    ),
  ),
  ...malformedHeaderRules(
    "PD3002",
    'stream error: stream ID 1; PROTOCOL_ERROR; invalid header field name "Content-Type"',
    "source",
    rule("PD3002", "chrome", "reject", `${CHROME_PROTOCOL}: Upper case characters in header`, "documented"),
  ),
  ...malformedHeaderRules("PD3003", undefined, "observed", undefined),
  ...malformedHeaderRules(
    "PD3004",
    "stream error: stream ID 1; PROTOCOL_ERROR; malformed response from server: missing status pseudo header",
    "source",
    rule("PD3004", "chrome", "reject", CHROME_PROTOCOL, "inferred"),
  ),
  ...malformedHeaderRules(
    "PD3005",
    "stream error: stream ID 1; PROTOCOL_ERROR; duplicate pseudo-header",
    "source",
    rule("PD3005", "chrome", "reject", CHROME_PROTOCOL, "inferred"),
  ),
  ...malformedHeaderRules(
    "PD3006",
    "stream error: stream ID 1; PROTOCOL_ERROR; invalid pseudo-header",
    "source",
    rule("PD3006", "chrome", "reject", CHROME_PROTOCOL, "inferred"),
  ),
  ...malformedHeaderRules(
    "PD3007",
    "stream error: stream ID 1; PROTOCOL_ERROR; pseudo header field after regular header field",
    "source",
    rule("PD3007", "chrome", "reject", CHROME_PROTOCOL, "inferred"),
  ),
  ...malformedHeaderRules(
    "PD3008",
    "stream error: stream ID 1; PROTOCOL_ERROR; invalid header field name",
    "source",
    rule("PD3008", "chrome", "reject", CHROME_PROTOCOL, "inferred"),
  ),
  ...malformedHeaderRules(
    "PD3009",
    "stream error: stream ID 1; PROTOCOL_ERROR; invalid header field value",
    "source",
    rule("PD3009", "chrome", "reject", CHROME_PROTOCOL, "inferred"),
  ),
  ...malformedHeaderRules(
    "PD3031",
    // Go 1.19 ignores an unparsable content-length on an HTTP/2 response and reads to END_STREAM.
    undefined,
    "observed",
    rule("PD3031", "chrome", "reject", CHROME_PROTOCOL, "inferred"),
  ),
  rule(
    "PD3010",
    "envoy",
    "reject",
    "502 UPE; http2.violation.of.messaging.rule (content-length and body size disagree)",
    "inferred",
    { status: 502 },
  ),
  rule(
    "PD3010",
    "curl",
    "reject",
    "curl: (92) HTTP/2 stream 1 was not closed cleanly: PROTOCOL_ERROR (err 1) or (18) transfer closed with N bytes remaining",
    "inferred",
  ),
  rule(
    "PD3010",
    "go",
    "reject",
    "net/http: request body/response body length mismatch (http2: response body larger than declared)",
    "inferred",
  ),
  rule("PD3010", "chrome", "reject", "net::ERR_HTTP2_PROTOCOL_ERROR", "inferred"),
  rule("PD3010", "node", "reject", NODE_RESET("PROTOCOL_ERROR"), "inferred"),
  rule("PD3011", "curl", "truncate", CURL_OLD("INTERNAL_ERROR"), "observed", { until: "8.19" }),
  rule("PD3011", "curl", "truncate", CURL_NEW("INTERNAL_ERROR", "0x2"), "documented", { from: "8.19" }),
  rule(
    "PD3011",
    "chrome",
    "truncate",
    "net::ERR_HTTP2_PROTOCOL_ERROR (Server reset stream.); a page whose script was cut stays blank",
    "source",
  ),
  rule("PD3011", "go", "truncate", GO_RESET("INTERNAL_ERROR", true), "observed"),
  rule("PD3011", "node", "truncate", NODE_RESET("INTERNAL_ERROR"), "observed"),
  rule(
    "PD3011",
    "envoy",
    "truncate",
    "downstream stream reset after headers; access log flag UR or UPE with upstream_reset_after_response_started",
    "inferred",
  ),
  rule("PD3014", "curl", "reject", CURL_OLD("PROTOCOL_ERROR"), "documented", { until: "8.19" }),
  rule("PD3014", "curl", "reject", CURL_NEW("PROTOCOL_ERROR", "0x1"), "documented", { from: "8.19" }),
  rule("PD3014", "chrome", "reject", "net::ERR_HTTP2_PROTOCOL_ERROR (Server reset stream.)", "source"),
  rule("PD3014", "go", "reject", GO_RESET("PROTOCOL_ERROR", true), "source"),
  rule("PD3014", "node", "reject", NODE_RESET("PROTOCOL_ERROR"), "documented"),
  rule(
    "PD3012",
    "curl",
    "alter",
    "HTTP/2 stream N refused by server, try again on a new connection (retried)",
    "documented",
  ),
  rule("PD3012", "chrome", "alter", "ERR_HTTP2_SERVER_REFUSED_STREAM, retried internally", "source"),
  rule("PD3012", "go", "alter", "retried on a new connection when the request is replayable", "inferred"),
  rule("PD3012", "node", "reject", NODE_RESET("REFUSED_STREAM"), "documented"),
  rule(
    "PD3015",
    "chrome",
    "alter",
    "ERR_HTTP_1_1_REQUIRED: the session is drained and the request retried over HTTP/1.1",
    "source",
  ),
  rule("PD3015", "go", "reject", GO_RESET("HTTP_1_1_REQUIRED", true), "source"),
  rule(
    "PD3018",
    "go",
    "reject",
    'http2: server sent GOAWAY and closed the connection; LastStreamID=N, ErrCode=ENHANCE_YOUR_CALM, debug="too_many_pings"',
    "source",
  ),
  rule(
    "PD3018",
    "chrome",
    "reject",
    "session closed; in-flight requests fail with net::ERR_HTTP2_PROTOCOL_ERROR",
    "inferred",
  ),
  rule(
    "PD3019",
    "go",
    "reject",
    "http2: server sent GOAWAY and closed the connection; LastStreamID=N, ErrCode=<code>",
    "source",
  ),
  rule("PD3024", "curl", "reject", "curl: (16) Error in the HTTP2 framing layer (COMPRESSION_ERROR)", "inferred"),
  rule("PD3024", "chrome", "reject", "net::ERR_HTTP2_COMPRESSION_ERROR", "documented"),
  rule("PD3024", "go", "reject", "connection error: COMPRESSION_ERROR", "source"),
  rule("PD3024", "node", "reject", "Error [ERR_HTTP2_SESSION_ERROR]: Session closed with error code 9", "inferred"),
  rule("PD3024", "envoy", "reject", "502 UPE; upstream codec error (COMPRESSION_ERROR)", "inferred", { status: 502 }),
  rule("PD3033", "envoy", "reject", "502: upgrade over an HTTP/2 hop needs extended CONNECT", "inferred", {
    status: 502,
  }),
  rule("PD3033", "go", "reject", "stream error: PROTOCOL_ERROR (101 is not valid in HTTP/2)", "inferred"),
  rule("PD3033", "curl", "reject", "curl: (92) PROTOCOL_ERROR", "inferred"),
  rule("PD3033", "chrome", "reject", "net::ERR_HTTP2_PROTOCOL_ERROR", "inferred"),
];
