import type { CauseLink } from "../../model/cause.ts";
import { defineFindings } from "../define.ts";

const cause = (id: CauseLink["cause"], weight: number): CauseLink => ({ cause: id, weight });

/**
 * Findings read from packet captures: PD41xx the file itself, PD42xx TCP, PD43xx HTTP seen on
 * the wire, PD44xx TLS, PD45xx protocol agreement. The HTTP/1 and HTTP/2 defects of each message
 * are the wire family's PD2xxx/PD3xxx codes, with packet numbers.
 */
export const CAPTURE_FINDINGS = defineFindings([
  {
    code: "PD4101",
    name: "CaptureFileTruncated",
    severity: "warning",
    summary: "{subject} ends in the middle of a record: {detail}",
    detail:
      "The capture stops inside a packet record or block, usually because tcpdump was killed or the copy was cut. Everything before that point was read; the last packet is missing, so a reset or the end of a response may not be in the file.",
    reference: "pcap file format (draft-ietf-opsawg-pcap §4-5); pcapng (draft-ietf-opsawg-pcapng §3)",
    causes: [],
  },
  {
    code: "PD4102",
    name: "CaptureBlockCorrupt",
    severity: "warning",
    summary: "{subject} has an unreadable record or block: {detail}",
    detail:
      "A record or block declares a length that cannot be right (larger than any packet, not a multiple of four, or its two length fields disagree). proxydoc stops reading at that point rather than guessing where the next record starts, and says how far it got.",
    reference: "draft-ietf-opsawg-pcapng §3.1 (block total length), draft-ietf-opsawg-pcap §5",
    causes: [],
  },
  {
    code: "PD4103",
    name: "PacketsCutBySnaplen",
    severity: "info",
    summary: "{count} packets were cut by the snapshot length; {bytes} bytes are not in {subject}",
    detail:
      "tcpdump was run with a snapshot length (-s) shorter than the packets, so only their first bytes were saved. The missing payload is treated as a gap in the TCP stream: message heads may still be readable, bodies are not. Capture again with `-s 0` to keep whole packets.",
    reference: "tcpdump(8) -s snaplen",
    causes: [],
  },
  {
    code: "PD4104",
    name: "LinkTypeUnsupported",
    severity: "info",
    summary: "Packets of an unknown link layer skipped in {subject}: {detail}",
    detail:
      "The capture holds packets of a link layer proxydoc does not decode (it reads Ethernet with VLAN tags, Linux cooked SLL and SLL2, raw IPv4/IPv6 and BSD loopback). Those packets were skipped; capture on a regular interface or with `-i any`.",
    reference: "tcpdump.org link-layer header types",
    causes: [],
  },
  {
    code: "PD4105",
    name: "SegmentsMissingFromCapture",
    severity: "info",
    summary: "TCP bytes missing from {subject}: {detail}",
    detail:
      "Some TCP payload was sent but is not in the file: the capture started late, dropped packets (tcpdump's `packets dropped by kernel`), or saw only one path. proxydoc marks each hole as a gap and does not invent the bytes; messages that cross a hole are reported as incomplete rather than as defects.",
    reference: "RFC 9293 §3.4 (sequence numbers)",
    causes: [],
  },
  {
    code: "PD4106",
    name: "IpFragmentsUnassembled",
    severity: "info",
    summary: "IP fragments not reassembled in {subject}: {detail}",
    detail:
      "Fragmented IP datagrams were seen whose other fragments are missing from the capture or exceed the reassembly limits; their TCP content was not read. Fragments on the path of TCP traffic also hint at an MTU problem worth checking.",
    reference: "RFC 791 §3.2 (fragmentation and reassembly), RFC 8200 §4.5",
    causes: [],
  },
  {
    code: "PD4201",
    name: "ResetAfterResponse",
    severity: "error",
    summary:
      "{by} reset connection {connection} {seconds}s after receiving a {status} response to {method} {path} (packets {responsePacket}→{resetPacket})",
    detail:
      "The side that received a response closed the connection with RST right after the response arrived, instead of using it or closing it cleanly. A proxy (Envoy, nginx) does this when it rejects the response it just read: duplicate or mixed-case Transfer-Encoding, an invalid header name, conflicting lengths. The status it received looked fine, yet the client of the proxy gets a 502 (`upstream_reset_before_response_started{protocol_error}`). Look at the response head's wire defects listed with the same packets.",
    reference: "RFC 9293 §3.10.7.3 (RST); RFC 9112 §6.3 (message framing)",
    causes: [cause("upstream.malformed-header", 0.5), cause("protocol.mismatch", 0.15)],
  },
  {
    code: "PD4202",
    name: "RequestWithoutResponse",
    severity: "warning",
    summary:
      "{method} {path} on connection {connection} got no response: the connection was closed ({how}{byText}) after {idleBefore}s idle",
    detail:
      "A request was sent and the connection ended without any response. When it happens on a reused connection after an idle period, the server had closed it while the client was sending: the keep-alive race behind Envoy's 503 UC and nginx's `upstream prematurely closed connection`.",
    reference: "RFC 9112 §9.3.1 (retrying requests), §9.6 (tear-down)",
    causes: [cause("upstream.keepalive-race", 0.5), cause("network.path-loss", 0.1)],
  },
  {
    code: "PD4203",
    name: "SynUnanswered",
    severity: "error",
    summary: "{client} sent {attempts} SYNs to {server} and got no answer",
    detail:
      "The connection attempt was never answered: no SYN-ACK and no RST. Something on the path drops the packets: a firewall or network policy, a dead node, a black-holed route, or a full conntrack table. Clients see connect timeouts (Envoy UF, `connection_failure`).",
    reference: "RFC 9293 §3.5 (connection establishment)",
    causes: [cause("network.path-loss", 0.5), cause("routing.no-healthy-upstream", 0.2)],
  },
  {
    code: "PD4204",
    name: "ConnectionRefused",
    severity: "error",
    summary: "{server} refused the connection from {client} with RST",
    detail:
      "The SYN was answered with RST: nothing listens on that address and port (the pod is not ready, the sidecar not started, the wrong port), or a filter rejects it. Clients see `connection refused` (Envoy UF with `delayed_connect_error:_111`).",
    reference: "RFC 9293 §3.5.2 (reset generation)",
    causes: [cause("routing.no-healthy-upstream", 0.4), cause("lifecycle.sidecar-ordering", 0.2)],
  },
  {
    code: "PD4205",
    name: "HighRetransmissionRate",
    severity: "warning",
    summary:
      "Connection {connection} ({client} → {server}): {retransmissions} of {dataSegments} data segments retransmitted ({percent}%)",
    detail:
      "Segments had to be sent again because they (or their acknowledgements) were lost. A few retransmissions are normal; a rate above about one percent means a lossy path, and long-lived HTTP/2 connections suffer first (ping timeouts, `http2: client connection lost`).",
    reference: "RFC 6298 (retransmission timer), RFC 5681 §3.2 (fast retransmit)",
    causes: [cause("network.path-loss", 0.6)],
  },
  {
    code: "PD4206",
    name: "DuplicateAcks",
    severity: "warning",
    summary: "Connection {connection} ({client} → {server}): {dupAcks} duplicate ACKs",
    detail:
      "The receiver acknowledged the same byte again and again: segments after a lost one arrived, the lost one did not. Three duplicate ACKs start a fast retransmit; many of them mean loss or reordering on the path.",
    reference: "RFC 5681 §3.2 (duplicate acknowledgments)",
    causes: [cause("network.path-loss", 0.4)],
  },
  {
    code: "PD4207",
    name: "ZeroWindowStall",
    severity: "warning",
    summary: "The {side} of connection {connection} advertised a zero window for {duration}",
    detail:
      "The receiver's buffer was full and it told the sender to stop. The application (or proxy) on that side did not read fast enough: a slow consumer, a blocked worker, or a proxy that cannot spill to disk. Long stalls end in timeouts.",
    reference: "RFC 9293 §3.8.6.1 (zero-window probing)",
    causes: [cause("timeout.route", 0.25), cause("proxy.temp-storage-failure", 0.1)],
  },
  {
    code: "PD4208",
    name: "IdleConnectionReset",
    severity: "warning",
    summary: "Connection {connection} was reset by the {by} side after {idleSeconds}s of silence",
    detail:
      "The connection sat idle and the first packet after the silence was met with a reset. A NAT, load balancer or firewall that forgets idle flows answers this way (the reset seems to come from the peer), as does a server whose keep-alive timeout ran out. Keep-alives shorter than the middlebox's idle timeout, or a shorter pool idle timeout, avoid it.",
    reference: "RFC 5382 §5 (NAT TCP idle timeout), RFC 9293 §3.8.4 (keep-alives)",
    causes: [cause("network.path-loss", 0.35), cause("upstream.keepalive-race", 0.35)],
  },
  {
    code: "PD4301",
    name: "ResponseCutShort",
    severity: "error",
    summary:
      "The {status} response on connection {connection} stream {stream} ended after {received} of {declaredText} bytes ({how} from the server)",
    detail:
      "The server began a response and closed (or reset) the connection before the body was complete: fewer bytes than Content-Length, or no last chunk. The status looks healthy in access logs; clients report `transfer closed with outstanding read data remaining` (curl 18) or, through an HTTP/2 proxy, a stream reset.",
    reference: "RFC 9112 §6.3 (incomplete messages), §8",
    causes: [cause("upstream.truncated-body", 0.7), cause("proxy.temp-storage-failure", 0.3)],
  },
  {
    code: "PD4302",
    name: "Http2StreamReset",
    severity: "error",
    summary:
      "The {by} reset stream {stream} on connection {connection} with {errorCode} after {delivered} body bytes{statusText}",
    detail:
      "An RST_STREAM ended one request. Sent by the server after the response started, it means the response could not be finished (nginx resets with INTERNAL_ERROR when it cannot buffer the upstream body); with PROTOCOL_ERROR the peer found the message malformed; CANCEL from the client is usually the user going away. Clients print `stream … was not closed cleanly: INTERNAL_ERROR (err 2)` (curl 92) or ERR_HTTP2_PROTOCOL_ERROR (Chrome).",
    reference: "RFC 9113 §6.4 (RST_STREAM), §7 (error codes)",
    causes: [
      cause("upstream.truncated-body", 0.4),
      cause("proxy.temp-storage-failure", 0.25),
      cause("upstream.malformed-header", 0.15),
    ],
  },
  {
    code: "PD4303",
    name: "Http2Goaway",
    severity: "warning",
    summary:
      "The {by} sent GOAWAY {errorCode} on connection {connection} (last stream {lastStream}, {streamsAbove} streams refused){debugText}",
    detail:
      "GOAWAY ends an HTTP/2 connection. With NO_ERROR it is a graceful drain (max connection age, max requests, shutdown); clients must retry the streams above the last stream id on a new connection. With an error code, or when streams were in flight, clients that do not retry fail (Go `server sent GOAWAY and closed the connection`, gRPC `Unavailable`).",
    reference: "RFC 9113 §6.8 (GOAWAY)",
    causes: [cause("connection.goaway", 0.6)],
  },
  {
    code: "PD4304",
    name: "ServerErrorResponse",
    severity: "warning",
    summary: "{count} responses with status {status} from {producer} (first: {method} {path}, connection {connection})",
    detail:
      "Responses with a 5xx status crossed the captured link. The Server header says who wrote them: a proxy (envoy, nginx, kong) generating a local reply, or the application. Read the other findings on the same connection before blaming the application.",
    reference: "RFC 9110 §15.6 (server error 5xx)",
    causes: [cause("upstream.app-error", 0.25)],
  },
  {
    code: "PD4401",
    name: "TlsHandshakeFailedInCapture",
    severity: "error",
    summary: "TLS handshake from {client} to {server}{sniText} failed: {reason}",
    detail:
      "The client started TLS but no encrypted data followed: the server answered with an alert, reset the connection, or never answered the ClientHello. Typical causes are a plaintext listener on the other side (mTLS mode mismatch), no common version or cipher, an unknown SNI, or no common ALPN protocol.",
    reference: "RFC 8446 §4.1 (handshake), §6 (alerts)",
    causes: [cause("tls.mismatch", 0.6), cause("protocol.mismatch", 0.2)],
  },
  {
    code: "PD4402",
    name: "TlsAlert",
    severity: "warning",
    summary: "The {alertBy} on connection {connection}{sniText} sent the TLS alert {alert}",
    detail:
      "A TLS alert other than close_notify was sent in clear. Certificate alerts (bad_certificate, unknown_ca, certificate_expired, certificate_required) point at mTLS or trust configuration; protocol_version and handshake_failure at incompatible settings.",
    reference: "RFC 8446 §6.2 (error alerts)",
    causes: [cause("tls.mismatch", 0.5)],
  },
  {
    code: "PD4403",
    name: "TlsTrafficNotDecrypted",
    severity: "info",
    summary: "The HTTP inside {count} TLS connections to {server}{sniText} was not read: no key log for them",
    detail:
      "The capture holds encrypted HTTP that proxydoc could only describe by its TLS handshake. Capture again with the client's secrets (SSLKEYLOGFILE=keys.log for curl, Chrome, Firefox and Node with --tls-keylog) and pass them with `--keylog keys.log`, or inject them into a pcapng with `editcap --inject-secrets tls,keys.log`; then every request, status and reset inside is checked too.",
    reference: "NSS key log format; draft-ietf-tls-keylogfile; pcapng Decryption Secrets Block",
    causes: [],
  },
  {
    code: "PD4501",
    name: "H2cPriorKnowledgeRefused",
    severity: "error",
    summary:
      "Connection {connection}: the client opened with the HTTP/2 preface and {server} answered in HTTP/1.1{statusText}",
    detail:
      "The client assumed the server speaks HTTP/2 in clear (h2c prior knowledge) but the server only speaks HTTP/1.1 and answered the preface as a bad request. The two sides disagree on the protocol: check the port's appProtocol or name (Istio), Envoy's http2_protocol_options, or the client's h2c setting.",
    reference: "RFC 9113 §3.3 (prior knowledge), §3.4 (preface)",
    causes: [cause("protocol.mismatch", 0.7)],
  },
  {
    code: "PD4502",
    name: "Http1AnsweredWithHttp2",
    severity: "error",
    summary: "Connection {connection}: the client sent HTTP/1.1 and {server} answered with HTTP/2 frames",
    detail:
      "The server speaks only HTTP/2 on this port (a gRPC or h2c-only listener) while the client sent HTTP/1.1. The client sees garbage or a protocol error; a proxy in front reports a protocol error or reset. Declare the port's protocol so the proxy speaks HTTP/2 upstream.",
    reference: "RFC 9113 §3 (starting HTTP/2)",
    causes: [cause("protocol.mismatch", 0.7)],
  },
]);
