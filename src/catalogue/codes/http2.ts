import type { CauseId, CauseLink } from "../../model/cause.ts";
import { defineFindings } from "../define.ts";

const link = (cause: CauseId, weight: number): CauseLink => ({ cause, weight });
const malformed = (weight: number): CauseLink => link("upstream.malformed-header", weight);

/**
 * HTTP/2 wire defects found in frames and decoded header blocks (PD30xx). Peer reactions live in
 * src/wire/peers/http2-rules.ts. Summaries use the vars the checks in src/wire/http2/checks set.
 */
export const HTTP2_FINDINGS = defineFindings([
  {
    code: "PD3001",
    name: "H2ConnectionSpecificField",
    severity: "error",
    summary: "Connection-specific field `{name}` on HTTP/2 stream {stream} ({role})",
    detail:
      "HTTP/2 has no per-hop connection fields: Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding and Upgrade make the message malformed. nghttp2-based peers (curl, Node, Envoy as an HTTP/2 client) reset the stream with PROTOCOL_ERROR and Safari drops it, while Chrome is said to tolerate it, so one browser works and another fails. The usual origin is an HTTP/1.1 response copied into HTTP/2 without removing its hop-by-hop fields.",
    reference: "RFC 9113 §8.2.2",
    causes: [malformed(0.75), link("protocol.mismatch", 0.2)],
  },
  {
    code: "PD3002",
    name: "H2UppercaseFieldName",
    severity: "error",
    summary: "Uppercase field name `{name}` on HTTP/2 stream {stream} ({role})",
    detail:
      "HTTP/2 field names must be sent in lowercase; a name with uppercase letters makes the message malformed. Chrome (ERR_HTTP2_PROTOCOL_ERROR, NetLog `Upper case characters in header`), Go (`invalid header field name`) and nghttp2 reject it. It comes from code that writes HTTP/2 headers itself, or from an HTTP/1 hop converted without lowercasing.",
    reference: "RFC 9113 §8.2.1",
    causes: [malformed(0.8)],
  },
  {
    code: "PD3003",
    name: "H2TeNotTrailers",
    severity: "error",
    summary: "`te: {value}` on HTTP/2 stream {stream}: only `trailers` is allowed",
    detail:
      "The TE field may appear in HTTP/2 only with the value `trailers` (gRPC sends exactly that). Any other value, such as `gzip` or `chunked`, makes the message malformed and strict peers reset the stream.",
    reference: "RFC 9113 §8.2.2",
    causes: [malformed(0.6)],
  },
  {
    code: "PD3004",
    name: "H2PseudoHeaderMissing",
    severity: "error",
    summary: "HTTP/2 {role} on stream {stream} lacks the pseudo-header {name}",
    detail:
      "Requests need :method, :scheme and :path (CONNECT needs :method and :authority); responses need :status. Without them the message is malformed and the receiver resets the stream with PROTOCOL_ERROR.",
    reference: "RFC 9113 §8.3.1, §8.3.2, §8.5",
    causes: [malformed(0.6)],
  },
  {
    code: "PD3005",
    name: "H2PseudoHeaderDuplicate",
    severity: "error",
    summary: "Pseudo-header {name} appears more than once on HTTP/2 stream {stream}",
    detail:
      "Each pseudo-header field may appear at most once in a header block; a repeated one makes the message malformed.",
    reference: "RFC 9113 §8.3",
    causes: [malformed(0.6)],
  },
  {
    code: "PD3006",
    name: "H2PseudoHeaderInvalid",
    severity: "error",
    summary: "Pseudo-header {name} {defect} (HTTP/2 stream {stream}, {role})",
    detail:
      "Only the pseudo-headers RFC 9113 defines may be sent, each in its own kind of message: request ones in requests, :status in responses, none in trailers. An empty :path, a :status that is not three digits or a :method that is not a token is malformed too.",
    reference: "RFC 9113 §8.3, §8.3.1, §8.3.2",
    causes: [malformed(0.6)],
  },
  {
    code: "PD3007",
    name: "H2PseudoHeaderAfterRegular",
    severity: "error",
    summary: "Pseudo-header {name} follows the regular field {after} on HTTP/2 stream {stream}",
    detail:
      "All pseudo-header fields must come before the regular fields of a header block. A block that mixes them is malformed and nghttp2, Go and Envoy reset the stream.",
    reference: "RFC 9113 §8.3",
    causes: [malformed(0.6)],
  },
  {
    code: "PD3008",
    name: "H2InvalidFieldName",
    severity: "error",
    summary: "HTTP/2 field name `{name}` is {defect} (stream {stream})",
    detail:
      "A field name must be a non-empty token; spaces, colons inside the name, control bytes and octets above 0x7E are not allowed. HPACK can carry any octets, so an application or proxy that copies bytes blindly can produce names that every strict HTTP/2 peer refuses.",
    reference: "RFC 9113 §8.2.1; RFC 9110 §5.1",
    causes: [malformed(0.75)],
  },
  {
    code: "PD3009",
    name: "H2InvalidFieldValue",
    severity: "error",
    summary: "HTTP/2 field `{name}` has a value with {defect} (stream {stream})",
    detail:
      "A field value must not contain NUL, CR or LF, nor start or end with a space or tab; such a message is malformed. Other control bytes are allowed by HTTP/2 itself but refused by Envoy and other strict peers once the value travels on as HTTP/1. Raw UTF-8 is allowed everywhere; look for control bytes instead.",
    reference: "RFC 9113 §8.2.1; RFC 9110 §5.5",
    causes: [malformed(0.7)],
  },
  {
    code: "PD3010",
    name: "H2ContentLengthMismatch",
    severity: "error",
    summary: "Stream {stream}: content-length {declared} but the {direction} sent {received} DATA octets",
    detail:
      "When a message with content-length ends (END_STREAM), the DATA payloads must add up to it; otherwise the message is malformed and the receiver resets the stream with PROTOCOL_ERROR. Fewer octets usually means the body was cut; more means the length was computed before a transformation (compression, rewriting).",
    reference: "RFC 9113 §8.1.1",
    causes: [link("upstream.truncated-body", 0.55), malformed(0.35)],
  },
  {
    code: "PD3011",
    name: "H2ResetMidResponse",
    severity: "error",
    summary:
      "Stream {stream}: the server reset a {status} response with INTERNAL_ERROR after {received} of {declared} body octets",
    detail:
      "The response started normally and then the stream was reset with INTERNAL_ERROR before END_STREAM. Clients report it as curl exit 92 (`HTTP/2 stream N was not closed cleanly: INTERNAL_ERROR`), Chrome ERR_HTTP2_PROTOCOL_ERROR and Go `stream error: …; INTERNAL_ERROR; received from peer`. A proxy does this when it loses the upstream mid-body or cannot buffer it, for example nginx unable to write its proxy_temp files.",
    reference: "RFC 9113 §6.4, §7 (INTERNAL_ERROR)",
    causes: [link("upstream.truncated-body", 0.6), link("proxy.temp-storage-failure", 0.35)],
  },
  {
    code: "PD3012",
    name: "H2StreamRefused",
    severity: "warning",
    summary: "Stream {stream} refused by the {by} (REFUSED_STREAM)",
    detail:
      "REFUSED_STREAM says the stream was not processed at all, so the request may be retried safely. Servers send it above SETTINGS_MAX_CONCURRENT_STREAMS or while shutting down; curl and Chrome retry on a new connection. Frequent refusals point at a concurrency limit or draining servers.",
    reference: "RFC 9113 §8.7, §7 (REFUSED_STREAM)",
    causes: [link("connection.goaway", 0.3)],
  },
  {
    code: "PD3013",
    name: "H2StreamCancelled",
    severity: "info",
    summary: "Stream {stream} cancelled by the {by} (CANCEL)",
    detail:
      "CANCEL means the sender no longer wants the stream: a client gave up (user navigation, client timeout) or a proxy abandoned the upstream request because its own client went away. Alone it is not a fault; many of them together with timeouts point at a slow upstream.",
    reference: "RFC 9113 §7 (CANCEL)",
    causes: [link("timeout.route", 0.2)],
  },
  {
    code: "PD3014",
    name: "H2StreamProtocolError",
    severity: "error",
    summary: "Stream {stream} reset by the {by} with PROTOCOL_ERROR",
    detail:
      "The peer found the stream malformed: a connection-specific or uppercase field, bad pseudo-headers, a content-length that does not match the DATA. Look at the header block just before the reset; curl prints `(92) … PROTOCOL_ERROR` and Chrome ERR_HTTP2_PROTOCOL_ERROR.",
    reference: "RFC 9113 §8.1.1, §7 (PROTOCOL_ERROR)",
    causes: [malformed(0.5), link("protocol.mismatch", 0.25)],
  },
  {
    code: "PD3015",
    name: "H2Http11Required",
    severity: "warning",
    summary: "Stream {stream} reset by the {by} with HTTP_1_1_REQUIRED",
    detail:
      "The server will only answer this request over HTTP/1.1 (often for client-certificate renegotiation or NTLM). Chrome retries over HTTP/1.1; other clients fail. The hop was expected to speak a protocol it does not serve.",
    reference: "RFC 9113 §7 (HTTP_1_1_REQUIRED)",
    causes: [link("protocol.mismatch", 0.6)],
  },
  {
    code: "PD3016",
    name: "H2StreamReset",
    severity: "warning",
    summary: "Stream {stream} reset by the {by} with {errorCode}",
    detail:
      "The stream ended with RST_STREAM before the message was complete. The error code says why: FLOW_CONTROL_ERROR and STREAM_CLOSED are codec faults, ENHANCE_YOUR_CALM a rate limit, INTERNAL_ERROR before any response a failure inside the server, NO_ERROR before the response ended an abrupt stop. Unknown codes carry no meaning of their own.",
    reference: "RFC 9113 §6.4, §7",
    causes: [link("upstream.truncated-body", 0.25)],
  },
  {
    code: "PD3017",
    name: "H2GoawayGraceful",
    severity: "info",
    summary: "GOAWAY NO_ERROR from the {by}: last stream {lastStreamId}, {streamsAbove} stream(s) above it to retry",
    detail:
      "A graceful drain: the sender finishes streams up to last_stream_id and will take no new ones (connection max age, max requests per connection, shutdown, Envoy drain). Streams above it were not processed and a client must retry them on a new connection; clients that do not (older Go, some gRPC versions) surface errors.",
    reference: "RFC 9113 §6.8",
    causes: [link("connection.goaway", 0.6)],
  },
  {
    code: "PD3018",
    name: "H2GoawayEnhanceYourCalm",
    severity: "error",
    summary: 'GOAWAY ENHANCE_YOUR_CALM from the {by} (debug data "{debug}")',
    detail:
      "The sender closed the connection because the peer generated too much load by its standards. With debug data `too_many_pings` it is a gRPC server whose keepalive enforcement policy is stricter than the client's keepalive interval; other cases are rate limits on resets or control frames.",
    reference: "RFC 9113 §6.8, §7 (ENHANCE_YOUR_CALM); gRPC A8 keepalive enforcement",
    causes: [link("connection.goaway", 0.75)],
  },
  {
    code: "PD3019",
    name: "H2GoawayError",
    severity: "error",
    summary: 'GOAWAY {errorCode} from the {by}: last stream {lastStreamId}, debug "{debug}"',
    detail:
      "The connection was closed because of an error. PROTOCOL_ERROR and COMPRESSION_ERROR mean the peer broke the protocol (look at the frames just before), FLOW_CONTROL_ERROR a window overrun, INTERNAL_ERROR a failure inside the sender. Every stream above last_stream_id failed and in-flight ones may be lost.",
    reference: "RFC 9113 §5.4.1, §6.8",
    causes: [link("connection.goaway", 0.45), link("protocol.mismatch", 0.2)],
  },
  {
    code: "PD3020",
    name: "H2FlowControlStall",
    severity: "warning",
    summary: "The {direction}'s send window on {subject} stayed at zero ({held})",
    detail:
      "The sender used up its flow-control window and the receiver did not open it again, so the stream stalled. A receiver that stops reading (a slow client, a proxy buffer full, an application that never consumes the body) produces this; it looks like a hang followed by a timeout.",
    reference: "RFC 9113 §5.2, §6.9",
    causes: [link("timeout.route", 0.35)],
  },
  {
    code: "PD3021",
    name: "H2ContinuationFlood",
    severity: "error",
    summary: "Header block on stream {stream} spread over {frames} frames ({bytes} octets), END_HEADERS {endHeaders}",
    detail:
      "A header block made of very many CONTINUATION frames, or growing without END_HEADERS, makes a receiver buffer and decode without bound (CVE-2024-27316 and related 2024 advisories). Servers answer with GOAWAY or drop the connection; a legitimate block rarely needs more than a few frames.",
    reference: "RFC 9113 §6.10, §10.5.1",
    causes: [link("limits.header-too-large", 0.4)],
  },
  {
    code: "PD3022",
    name: "H2ControlFrameFlood",
    severity: "warning",
    summary: "{count} {kind} frames from the {direction} (more than {limit})",
    detail:
      "A side sent far more SETTINGS, PING or empty frames than any exchange needs. Servers treat this as the 2019 HTTP/2 denial-of-service patterns (CVE-2019-9512, -9515, -9518) and answer with GOAWAY ENHANCE_YOUR_CALM; a client library in a loop can trigger it by accident.",
    reference: "RFC 9113 §10.5",
    causes: [link("connection.goaway", 0.3)],
  },
  {
    code: "PD3023",
    name: "H2RapidReset",
    severity: "error",
    summary: "The client cancelled {resets} of {streams} streams before any response (rapid reset)",
    detail:
      "Opening streams and cancelling them at once, over and over, is the rapid reset attack (CVE-2023-44487). Patched servers count such resets and close the connection with GOAWAY ENHANCE_YOUR_CALM; a client that does this by accident (aggressive timeouts, hedging) gets its connections closed.",
    reference: "RFC 9113 §10.5; CVE-2023-44487",
    causes: [link("connection.goaway", 0.35)],
  },
  {
    code: "PD3024",
    name: "H2CompressionError",
    severity: "error",
    summary: "Header block on stream {stream} from the {direction} cannot be decoded: {detail}",
    detail:
      "HPACK decoding failed (bad index, bad Huffman padding, a table size update out of place or too large, a truncated string). That is a connection error COMPRESSION_ERROR: the receiver sends GOAWAY and every stream on the connection fails, since the shared table is now out of step.",
    reference: "RFC 9113 §4.3; RFC 7541 §2.3.3, §4.2, §5.2, §6.3",
    causes: [malformed(0.55)],
  },
  {
    code: "PD3025",
    name: "H2FrameSizeError",
    severity: "error",
    summary: "Frame size error from the {direction} on {subject}: {detail}",
    detail:
      "A frame is larger than the receiver's SETTINGS_MAX_FRAME_SIZE, or a frame of fixed size (PRIORITY, RST_STREAM, PING, WINDOW_UPDATE, SETTINGS) has the wrong length. Receivers answer with FRAME_SIZE_ERROR, usually for the whole connection.",
    reference: "RFC 9113 §4.2, §6",
    causes: [link("protocol.mismatch", 0.3), malformed(0.3)],
  },
  {
    code: "PD3026",
    name: "H2NotHttp2",
    severity: "error",
    summary: "Expected HTTP/2 from the {direction}, but {detail}",
    detail:
      "The bytes do not start with the HTTP/2 connection preface or frames: one side speaks HTTP/1.1, or TLS arrives where cleartext h2c was expected. Envoy and gRPC report such a hop as a protocol error; the two ends disagree on the protocol (port name, appProtocol, ALPN, h2c prior knowledge).",
    reference: "RFC 9113 §3.4",
    causes: [link("protocol.mismatch", 0.75)],
  },
  {
    code: "PD3027",
    name: "H2PingUnanswered",
    severity: "warning",
    summary:
      "{unanswered} PING(s) from the {direction} never acknowledged while the peer sent {peerFramesAfter} frame(s)",
    detail:
      "A PING must be answered with a PING ACK as soon as possible. Clients use them as health checks (Go's ReadIdleTimeout/PingTimeout, gRPC keepalive, Chrome); when the ACK does not come the client closes the connection (`http2: client connection lost`, ERR_HTTP2_PING_FAILED). Loss on the path or an overloaded peer are the usual reasons.",
    reference: "RFC 9113 §6.7",
    causes: [link("network.path-loss", 0.5)],
  },
  {
    code: "PD3028",
    name: "H2FrameProtocolViolation",
    severity: "error",
    summary: "Protocol violation by the {direction} on {subject}: {detail}",
    detail:
      "A frame breaks the framing rules: DATA or HEADERS on stream 0, frames on the wrong stream, bad padding, a zero window increment, CONTINUATION interleaved with other frames, DATA after END_STREAM. A conforming peer answers with a stream or connection error PROTOCOL_ERROR.",
    reference: "RFC 9113 §5.1, §5.4, §6",
    causes: [link("protocol.mismatch", 0.2), malformed(0.3)],
  },
  {
    code: "PD3029",
    name: "H2HeaderListTooLarge",
    severity: "error",
    summary: "Header list on stream {stream} from the {direction} is too large: {detail}",
    detail:
      "The decoded header list is larger than the peer's SETTINGS_MAX_HEADER_LIST_SIZE or than proxydoc's cap. Envoy (60 KiB requests, 80 KiB responses by default), nginx (http2_max_header_size / large_client_header_buffers) and Go (10 MiB) reject such header sections.",
    reference: "RFC 9113 §6.5.2, §10.5.1",
    causes: [link("limits.header-too-large", 0.7)],
  },
  {
    code: "PD3030",
    name: "H2StreamEndedEarly",
    severity: "error",
    summary:
      "Stream {stream}: the {direction}'s message never ended ({received} body octets, content-length {declared})",
    detail:
      "The connection ended (closed, GOAWAY, or the end of the bytes) while a message was still open: no END_STREAM and no RST_STREAM. The body is incomplete; a proxy forwarding it must reset the stream towards its client.",
    reference: "RFC 9113 §8.1",
    causes: [link("upstream.truncated-body", 0.5)],
  },
  {
    code: "PD3031",
    name: "H2InvalidContentLength",
    severity: "error",
    summary: "content-length on HTTP/2 stream {stream} is invalid: {defect}",
    detail:
      "content-length must be one decimal number; repeated fields must agree. A message with an invalid or conflicting length is malformed; Envoy, nghttp2 and Go reject it where curl may still accept it.",
    reference: "RFC 9110 §8.6; RFC 9113 §8.1.1",
    causes: [malformed(0.7)],
  },
  {
    code: "PD3032",
    name: "H2HostAuthorityMismatch",
    severity: "warning",
    summary: "Request on stream {stream} has :authority {authority} but host {host}",
    detail:
      "When a request carries both :authority and Host they must name the same authority; a server should treat a mismatch as malformed. It appears when an HTTP/1 Host header is copied next to a rewritten :authority, and routes by one while the application reads the other.",
    reference: "RFC 9113 §8.3.1",
    causes: [malformed(0.4), link("routing.no-route", 0.2)],
  },
  {
    code: "PD3033",
    name: "H2SwitchingProtocols",
    severity: "error",
    summary: "Status 101 on HTTP/2 stream {stream}: HTTP/2 has no protocol upgrade",
    detail:
      "HTTP/2 does not support the 101 status or the Upgrade mechanism; WebSockets over HTTP/2 use extended CONNECT instead. An upstream answering 101 cannot be relayed over an HTTP/2 hop, so the proxy in front fails the request.",
    reference: "RFC 9113 §8.6; RFC 8441",
    causes: [link("protocol.mismatch", 0.55)],
  },
  {
    code: "PD3034",
    name: "H2BytesEndMidFrame",
    severity: "info",
    summary: "The {direction}'s bytes end inside a frame: {detail}",
    detail:
      "The input stops in the middle of the preface or a frame. In a capture this is usually a snap length or the end of the capture; from a live peer it means the connection closed in the middle of a frame.",
    reference: "RFC 9113 §4.1",
    causes: [link("upstream.truncated-body", 0.15)],
  },
  {
    code: "PD3035",
    name: "H2FlowControlViolation",
    severity: "error",
    summary: "The {direction} sent {overBy} octets beyond the flow-control window of {subject}",
    detail:
      "A sender may not send more DATA than the receiver's window allows; doing so is a FLOW_CONTROL_ERROR and the receiver resets the stream or closes the connection. It points at a sender that ignores SETTINGS_INITIAL_WINDOW_SIZE changes or WINDOW_UPDATE accounting.",
    reference: "RFC 9113 §5.2, §6.9.1",
    causes: [link("protocol.mismatch", 0.2), malformed(0.2)],
  },
]);
