import { defineFindings } from "../define.ts";

const WATCH = "proxydoc watch: bounded TCP connect, HTTP/2 PING and request loops";
const PROBE = "proxydoc probe: one request with every byte and frame kept";

export const TRANSPORT_FINDINGS = defineFindings([
  {
    code: "PD4001",
    name: "PathPacketLoss",
    severity: "error",
    summary:
      "{lossPct}% of {mode} attempts to {subject} were lost ({failed} failed, {retransmitted} needed a retransmission, of {sent})",
    detail:
      "Some attempts along this path got no answer in time, or got through only after the kernel resent the first packet, while the rest succeeded. A healthy network path within a data centre loses nothing; even 1 % breaks long-lived HTTP/2 and gRPC connections whose health checks give up after a few missed PINGs.",
    reference: `${WATCH}; RFC 6298 §2 (initial retransmission timeout of 1 s)`,
    causes: [{ cause: "network.path-loss", weight: 0.85 }],
  },
  {
    code: "PD4002",
    name: "PathBlackHole",
    severity: "error",
    summary:
      "Every attempt to {subject} failed for {seconds} s ({attempts} in a row, from second {fromSecond}), then traffic came back",
    detail:
      "All packets vanished for a stretch and then the path recovered: the signature of a black hole (a flapping link, a route or ARP change, a load balancer or NAT dropping the flow, a firewall rule) rather than random loss. Connections open during the window die; new ones fail until it ends.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: 0.85 }],
  },
  {
    code: "PD4003",
    name: "TargetUnreachable",
    severity: "error",
    summary: "None of {sent} attempts reached {subject}: {error}",
    detail:
      "Not a single attempt succeeded, so the problem is not intermittent loss: the target is down, the address or port is wrong, or a firewall drops everything. Check the address and whether anything listens there before suspecting the network.",
    reference: WATCH,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.4 },
      { cause: "network.path-loss", weight: 0.2 },
    ],
  },
  {
    code: "PD4004",
    name: "Http2PingUnanswered",
    severity: "error",
    summary: "{failed} of {sent} HTTP/2 PINGs to {subject} went unanswered",
    detail:
      "PING frames on one long-lived HTTP/2 connection got no PING ACK within the timeout. This is exactly what Go's HTTP/2 health check (`http2: client connection lost`) and gRPC keepalives (`keepalive ping failed to receive ACK within timeout`) react to by closing the connection.",
    reference: "RFC 9113 §6.7 (PING); golang.org/x/net/http2 Transport.PingTimeout",
    causes: [{ cause: "network.path-loss", weight: 0.75 }],
  },
  {
    code: "PD4005",
    name: "ConnectionRefusedByTarget",
    severity: "error",
    summary: "{subject} refused {refused} of {sent} connections: nothing listens there",
    detail:
      "The target host answered the SYN with a reset: the host is reachable but no process listens on that port (wrong port, the application bound to 127.0.0.1 only, or it has not started).",
    reference: "RFC 9293 §3.5.2 (reset on a closed port)",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.85 },
      { cause: "network.path-loss", weight: -0.5 },
    ],
  },
  {
    code: "PD4006",
    name: "LossOnOneSegment",
    severity: "error",
    summary: "{subject} loses {lossPct}% while {cleanPaths} lost nothing at the same time",
    detail:
      "Paths watched side by side disagree: one loses packets, the other does not. The fault sits on the segment the lossy path uses and the clean one avoids (a switch port, a load balancer, a node's uplink), which is where to look first.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: 0.9 }],
  },
  {
    code: "PD4007",
    name: "PathClean",
    severity: "info",
    summary: "No loss on {subject} over {sent} {mode} attempts (median RTT {p50} ms)",
    detail:
      "Every attempt succeeded without retransmission. Over enough attempts this is evidence against packet loss on this path at this time; intermittent loss can still happen at other times or on other paths.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: -0.6 }],
  },
  {
    code: "PD4008",
    name: "LatencySpikes",
    severity: "warning",
    summary: "Round trips to {subject}: median {p50} ms but 99th percentile {p99} ms",
    detail:
      "The slowest round trips are more than ten times the typical one. Queues filling on a congested link, or packets resent after a loss, look like this; it often precedes outright loss.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: 0.35 }],
  },
  {
    code: "PD4010",
    name: "ResponseBodyShort",
    severity: "error",
    summary:
      "{subject}: {status} with Content-Length {declared}, but only {received} bytes arrived before the connection {end}",
    detail:
      "The response declared its length and the connection ended before that many bytes came. A client sees a partial file (curl exit 18, `transfer closed with outstanding read data remaining`). The sender stopped mid-body: a proxy that could not buffer the upstream's response, an upstream that crashed or timed out while writing, or a connection cut on the way.",
    reference: `${PROBE}; RFC 9112 §6.3 item 5 (incomplete message)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.8 },
      { cause: "proxy.temp-storage-failure", weight: 0.35 },
    ],
  },
  {
    code: "PD4011",
    name: "ChunkedBodyUnterminated",
    severity: "error",
    summary: "{subject}: chunked body ended without its last chunk after {received} bytes (connection {end})",
    detail:
      "A chunked body is complete only with its zero-size last chunk. It never came: the sender stopped mid-body, so the client cannot know the body is whole (curl exit 18, browsers ERR_INCOMPLETE_CHUNKED_ENCODING).",
    reference: `${PROBE}; RFC 9112 §7.1 (chunked transfer coding)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.8 },
      { cause: "proxy.temp-storage-failure", weight: 0.3 },
    ],
  },
  {
    code: "PD4012",
    name: "StreamResetMidResponse",
    severity: "error",
    summary: "{subject}: {status} over HTTP/2, then RST_STREAM {code} after {received} body bytes",
    detail:
      "The server started a normal response and then reset the stream. Clients report it as a protocol error even though the status was fine (curl exit 92 `INTERNAL_ERROR`, Chrome ERR_HTTP2_PROTOCOL_ERROR). nginx and Envoy do this when the upstream side of the response fails mid-body, for example when nginx cannot write its proxy temp file.",
    reference: `${PROBE}; RFC 9113 §6.4 (RST_STREAM), §7 (error codes)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.7 },
      { cause: "proxy.temp-storage-failure", weight: 0.45 },
    ],
  },
  {
    code: "PD4013",
    name: "ResetBeforeResponse",
    severity: "error",
    summary: "{subject}: no response; the exchange ended with {how}",
    detail:
      "The request was sent and the server reset the stream or closed the connection without any response (curl exit 52 `Empty reply from server` or 56 `Connection reset by peer`). A proxy that rejects the request or cannot reach its upstream, a plaintext client on a TLS or mTLS port, or an idle connection closed by the server just as the request went out, look like this.",
    reference: `${PROBE}; RFC 9112 §9.6 (tear-down)`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.3 },
      { cause: "protocol.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD4014",
    name: "NoResponseInTime",
    severity: "error",
    summary: "{subject}: connected and sent the request, but no response came ({end})",
    detail:
      "The connection was accepted and the request written, yet not one byte came back before the probe's timeout. The server or something behind it is too slow or stuck, or a middlebox swallowed the traffic.",
    reference: PROBE,
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "network.path-loss", weight: 0.2 },
    ],
  },
  {
    code: "PD4015",
    name: "GoawayDuringExchange",
    severity: "warning",
    summary: "{subject}: server sent GOAWAY {code} (last stream {lastStreamId}, debug: {debug})",
    detail:
      "The server announced it is closing the connection. With NO_ERROR this is a graceful drain (restart, max connection age) and requests above the last stream id must be retried; with an error code (ENHANCE_YOUR_CALM for too many pings, PROTOCOL_ERROR) the client did something the server refuses.",
    reference: `${PROBE}; RFC 9113 §6.8 (GOAWAY)`,
    causes: [{ cause: "connection.goaway", weight: 0.7 }],
  },
  {
    code: "PD4016",
    name: "ProbeConnectFailed",
    severity: "error",
    summary: "{subject}: {phase} failed: {error}",
    detail:
      "The probe could not get as far as sending the request: the name did not resolve, the TCP connection was refused or timed out, or the HTTP proxy refused the tunnel. Nothing about HTTP can be said until this works.",
    reference: PROBE,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.6 },
      { cause: "network.path-loss", weight: 0.2 },
    ],
  },
  {
    code: "PD4017",
    name: "ProbeTlsHandshakeFailed",
    severity: "error",
    summary: "TLS with {host} failed: {error}",
    detail:
      "The TLS handshake did not complete, or the certificate is not trusted. A plaintext server on a TLS port (`wrong version number`), an mTLS port that wants a client certificate, no shared protocol version or cipher, or a certificate signed by an unknown authority.",
    reference: `${PROBE}; RFC 8446 §6 (alerts)`,
    causes: [{ cause: "tls.mismatch", weight: 0.75 }],
  },
  {
    code: "PD4018",
    name: "CertificateHostnameMismatch",
    severity: "error",
    summary: "The certificate of {subject} does not name {host}",
    detail:
      "None of the certificate's subject alternative names matches the host asked for. Browsers and strict clients refuse the connection; with HTTP/2 connection reuse a wildcard or shared certificate can also send requests for one host to another host's server (404s).",
    reference: `${PROBE}; RFC 9110 §4.3.4 (https certificate verification)`,
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD4019",
    name: "CertificateExpiring",
    severity: "warning",
    summary: "The certificate of {subject} {state} ({daysLeft} days left)",
    detail:
      "The server's leaf certificate has expired or will within two weeks; clients that check expiry will refuse it.",
    reference: `${PROBE}; RFC 5280 §4.1.2.5 (validity)`,
    causes: [{ cause: "tls.mismatch", weight: 0.5 }],
  },
  {
    code: "PD4020",
    name: "Http2NotNegotiated",
    severity: "info",
    summary: "{subject}: offered h2 in ALPN, the server chose {chosen}",
    detail:
      "The server does not speak HTTP/2 on this port (or a TLS-terminating proxy in front does not offer it). Clients fall back to HTTP/1.1; gRPC, which needs HTTP/2, fails.",
    reference: `${PROBE}; RFC 7301 (ALPN), RFC 9113 §3.2`,
    causes: [{ cause: "protocol.mismatch", weight: 0.3 }],
  },
]);
