import { defineFindings } from "../define.ts";

/** What every finding from a line of no known format says about its weight. */
const WHY =
  "The line is in no format proxydoc reads, so who wrote it (client, proxy, server) and about which hop is unknown; it weighs little and never decides a diagnosis alone. Give the log of the program that wrote it, or the proxy's log for the same moment, to place it.";

export const GENERAL_FINDINGS = defineFindings([
  {
    code: "PD1901",
    name: "UnrecognisedEvidence",
    severity: "info",
    summary: "None of the {lines} lines of {subject} matched a known format",
    detail:
      "proxydoc read the input but no reader recognised any line of it, so it contributes nothing to the diagnosis. Check that it is the log or output you meant to send (for Envoy, the istio-proxy container; for Kong, the proxy container), or open an issue with a sample so a reader can be added.",
    reference: "proxydoc evidence readers",
    causes: [],
  },
  {
    code: "PD1902",
    name: "UnreadableEvidence",
    severity: "warning",
    summary: "{subject} could not be read: {error}",
    detail: "The input could not be opened or decoded, so nothing from it was used.",
    reference: "proxydoc evidence readers",
    causes: [],
  },
  {
    code: "PD1910",
    name: "FailureWordsConnectionRefused",
    severity: "info",
    summary: "{subject} says a connection was refused ({words}, {count} line(s)) in lines of no known format",
    detail: `Something tried to connect and the other end answered with a reset at once: nothing listened on that address and port (a process not started or bound to localhost only, a wrong port, a Service pointing at the wrong targetPort). ${WHY}`,
    reference: "ECONNREFUSED (POSIX connect(2)); proxydoc evidence readers",
    causes: [{ cause: "upstream.connection-refused", weight: 0.3 }],
  },
  {
    code: "PD1911",
    name: "FailureWordsConnectionReset",
    severity: "info",
    summary: "{subject} says a connection was reset ({words}, {count} line(s)) in lines of no known format",
    detail: `The peer, or something between, closed the connection with a reset while it was in use: a pooled connection the server had closed as idle, a TLS or protocol mismatch refused at the first bytes (mutual TLS to a server without it, a sidecar's port speaking another protocol), or a middlebox dropping the flow. ${WHY}`,
    reference: "ECONNRESET (POSIX recv(2)); proxydoc evidence readers",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.15 },
      { cause: "tls.mismatch", weight: 0.12 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1912",
    name: "FailureWordsTimedOut",
    severity: "info",
    summary: "{subject} says an operation timed out ({words}, {count} line(s)) in lines of no known format",
    detail: `A connect or a read waited longer than its limit: packets dropped on the way (a firewall, a security group, a NetworkPolicy), or a peer too slow for the timeout set in front of it. ${WHY}`,
    reference: "ETIMEDOUT (POSIX connect(2)); proxydoc evidence readers",
    causes: [
      { cause: "network.path-loss", weight: 0.15 },
      { cause: "timeout.route", weight: 0.15 },
    ],
  },
  {
    code: "PD1913",
    name: "FailureWordsCertificate",
    severity: "info",
    summary: "{subject} says a certificate was not accepted ({words}, {count} line(s)) in lines of no known format",
    detail: `A TLS client refused the certificate it was shown: signed by a CA it does not trust, for another name, expired, or self-signed. Behind a proxy, the proxy may present its own certificate (TLS interception, a default certificate for an unknown SNI). ${WHY}`,
    reference: "OpenSSL, Go crypto/x509, Java PKIX error texts; proxydoc evidence readers",
    causes: [{ cause: "tls.mismatch", weight: 0.35 }],
  },
  {
    code: "PD1914",
    name: "FailureWordsBrokenPipe",
    severity: "info",
    summary:
      "{subject} says a write went to a closed connection ({words}, {count} line(s)) in lines of no known format",
    detail: `A program wrote to a connection the peer had already closed: the server closed a kept-alive connection the client then reused, or the client gave up before the answer was written. ${WHY}`,
    reference: "EPIPE (POSIX write(2)); proxydoc evidence readers",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.15 },
      { cause: "client.gave-up", weight: 0.1 },
    ],
  },
  {
    code: "PD1915",
    name: "FailureWordsHeaderTooLarge",
    severity: "info",
    summary:
      "{subject} says a request's or response's headers were too large ({words}, {count} line(s)) in lines of no known format",
    detail: `A server or proxy refused a header section over its limit: Tomcat's \`maxHttpHeaderSize\` (8 KB), Node's 16 KB, nginx's \`large_client_header_buffers\`, a load balancer's own cap. Large cookies (an authenticating proxy's session cookie added to the application's own), long JWTs and many forwarded headers are the usual reason. ${WHY}`,
    reference:
      "Tomcat Http11InputBuffer (Request header is too large); RFC 6585 section 5 (431 Request Header Fields Too Large)",
    causes: [{ cause: "limits.header-too-large", weight: 0.4 }],
  },
  {
    code: "PD1916",
    name: "FailureWordsWrongVersionNumber",
    severity: "warning",
    summary:
      "{subject} has a TLS client reading a plaintext answer ({words}, {count} line(s)) in lines of no known format",
    detail:
      "OpenSSL and BoringSSL say `wrong version number` when the first bytes that come back are not a TLS record: the client speaks TLS and the peer answers in plaintext, usually an HTTP/1 response or a plaintext proxy. In a mesh it is mutual TLS sent to a port that is not in the mesh (a DestinationRule or auto mTLS towards a workload without a sidecar, a port excluded from capture), or `https://` to a plain port. The words are specific; who sent TLS to whom is not in the line.",
    reference: "OpenSSL ssl/record (SSL_R_WRONG_VERSION_NUMBER); BoringSSL OPENSSL_internal:WRONG_VERSION_NUMBER",
    causes: [
      { cause: "tls.mismatch", weight: 0.55 },
      { cause: "protocol.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD1917",
    name: "FailureWordsH2PrefaceAsRequest",
    severity: "warning",
    summary:
      "{subject} logged the HTTP/2 preface as a request ({words}, {count} line(s)): an HTTP/2 client reached an HTTP/1 listener",
    detail:
      "`PRI * HTTP/2.0` is the first line of the connection preface of HTTP/2 without TLS (h2c with prior knowledge). A server that logs it as a request, usually with 400, speaks only HTTP/1.1 on that port: a gRPC or h2c client (or a proxy using `grpc_pass grpc://`, or an Envoy cluster with HTTP/2 options) was pointed at it. Point the client at a port that speaks h2c, enable HTTP/2 without TLS on the listener, or make the client speak HTTP/1.1.",
    reference: "RFC 9113 section 3.4 (HTTP/2 connection preface)",
    causes: [{ cause: "protocol.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1918",
    name: "FailureWordsDatagramTooLong",
    severity: "warning",
    summary: "{subject} could not send datagrams larger than the path allows ({words}, {count} line(s))",
    detail:
      "`message too long` (EMSGSIZE) from a UDP send means the datagram is larger than the interface's or the known path's MTU. Tunnels that carry TCP in UDP (WireGuard, Tailscale, IPsec in UDP, VXLAN) then lose every full-size packet while small ones pass: connections open, small requests work, and large responses or uploads stall. Lower the tunnel's MTU below the path's, or clamp TCP MSS on the tunnel.",
    reference: "Linux udp_sendmsg EMSGSIZE; WireGuard MTU and nested tunnels",
    causes: [{ cause: "network.path-loss", weight: 0.55 }],
  },
  {
    code: "PD1919",
    name: "FailureWordsConntrackTableFull",
    severity: "error",
    summary: "{subject}: the kernel's connection tracking table is full and new packets are dropped ({count} line(s))",
    detail:
      "When `nf_conntrack_count` reaches `nf_conntrack_max`, the kernel drops packets of new connections (and logs `table full, dropping packet`). Clients see connect timeouts, SYN retries and resets at random, on every service of the node, mostly under load or with many short connections. Raise `net.netfilter.nf_conntrack_max` (kube-proxy's `--conntrack-max-per-core`), shorten the time-wait timeouts, or reuse connections.",
    reference: "Linux nf_conntrack_core.c (table full, dropping packet); kube-proxy conntrack settings",
    causes: [{ cause: "network.path-loss", weight: 0.6 }],
  },
  {
    code: "PD1920",
    name: "FailureWordsDatabaseSessionCut",
    severity: "warning",
    summary: "{subject}: a database client lost its connection in the middle of a session ({words}, {count} line(s))",
    detail:
      "The connection of a PostgreSQL or MySQL client ended without the server saying why. Behind a proxy or load balancer the usual reason is a timeout on the way: nginx `stream` closes a session after `proxy_timeout` (10 minutes) without traffic, HAProxy after `timeout client`/`timeout server`, cloud load balancers and NAT gateways after their idle timeout (350 s on AWS NAT, 4 minutes on Azure). A query that runs longer than that, or a pooled connection left idle, is cut. The server crashing or a `wait_timeout` on the database itself end sessions the same way. Compare how long the session ran with the timeouts on the path.",
    reference:
      "libpq (server closed the connection unexpectedly); MySQL client errors 2013 and 2006; nginx stream proxy_timeout",
    causes: [
      { cause: "timeout.route", weight: 0.25 },
      { cause: "network.path-loss", weight: 0.2 },
      { cause: "upstream.app-error", weight: 0.15 },
    ],
  },
  {
    code: "PD1921",
    name: "FailureAtRoundTimeout",
    severity: "warning",
    summary: "{subject}: a request failed after {words}, the length of a common timeout ({count} line(s))",
    detail:
      "The request ran for just over a round number of seconds that proxies, load balancers and platforms use as timeouts (30 and 60 s read and idle timeouts, 100 s at Cloudflare, 350 s at AWS NAT, 10 minutes for nginx streams) and then ended badly. A timer on the way fired: the proxy gave up waiting and answered 502 or 504 or cut the body, while the application, still reading or writing, saw the connection go. Find the hop whose timeout has that length (the proxy's read or idle timeout) and raise it for this route, or make the request shorter.",
    reference:
      "nginx proxy_read_timeout (60 s); Traefik respondingTimeouts; AWS ALB idle timeout (60 s); Cloudflare proxy read timeout (100 s)",
    causes: [{ cause: "timeout.route", weight: 0.35 }],
  },
  {
    code: "PD1922",
    name: "FailureWordsTlsHandshakeFailed",
    severity: "warning",
    summary: "{subject} has a TLS handshake that failed ({words}, {count} line(s)) in lines of no known format",
    detail:
      "A TLS handshake ended in an alert or an error before any HTTP was sent: the two sides found nothing to agree on. The usual reasons between proxies are a missing or wrong SNI (nginx sends none to an upstream unless `proxy_ssl_server_name on`; a CDN origin policy forwards the viewer's host, for which the origin has no certificate), a client certificate the server requires and the client does not send (alert 42 or 116), or protocol versions and ciphers with nothing in common (alert 40, 70). The alert number, and which side logged it, tell which.",
    reference:
      "RFC 8446 section 6.2 (alerts: 40 handshake_failure, 42 bad_certificate, 70 protocol_version, 112 unrecognized_name); nginx SSL_do_handshake() failed; Go net/http (TLS handshake error from)",
    causes: [
      { cause: "tls.mismatch", weight: 0.5 },
      { cause: "upstream.app-error", weight: -0.2 },
    ],
  },
  {
    code: "PD1923",
    name: "FailureWordsH2HeaderRejected",
    severity: "warning",
    summary:
      "{subject} has an HTTP/2 peer refusing a header section ({words}, {count} line(s)) in lines of no known format",
    detail:
      "HTTP/2 forbids what HTTP/1 tolerates in a header section: upper-case names, connection-specific fields (`Connection`, `Keep-Alive`, `Transfer-Encoding`), leading or trailing white space in a value, repeated pseudo-headers. A strict implementation (Python's h2 in mitmproxy and httpx, nghttp2 in curl and Envoy) refuses the message and resets the stream or answers 502, while browsers over HTTP/1 never notice. The application, or a proxy that translates its HTTP/1 answer, writes the offending field: correct it there, or have the translating proxy normalise it.",
    reference:
      "RFC 9113 section 8.2 (field validity, connection-specific fields); python-hyper h2 ProtocolError; nghttp2 (Invalid HTTP header field was received)",
    causes: [{ cause: "upstream.malformed-header", weight: 0.5 }],
  },
  {
    code: "PD1924",
    name: "FailureWordsContextCanceled",
    severity: "info",
    summary: "{subject} says work was abandoned by its caller ({words}, {count} line(s)) in lines of no known format",
    detail:
      "`context canceled` is Go's error for work whose caller went away: in a server, the client closed the connection (or a load balancer in front timed out and closed it) before the answer was ready; in a client, the code that made the call gave up on it. It is not a timeout of the program that logs it (that is `context deadline exceeded`). When it comes at a round number of seconds, a timer in front (a load balancer's or proxy's idle or read timeout, a client's) is the one that fired.",
    reference:
      "Go context package (context.Canceled); net/http (the request's context is canceled when the client's connection closes)",
    causes: [
      { cause: "client.gave-up", weight: 0.25 },
      { cause: "upstream.app-error", weight: -0.1 },
    ],
  },
  {
    code: "PD1930",
    name: "FailuresRepeatAtFixedInterval",
    severity: "warning",
    summary: "{failure} for {subject} repeats every {every} s ({count} times in a row)",
    detail:
      "Connections or streams that fail at a steady interval are cut by a timer, not by chance or load: an idle timeout on a load balancer, proxy or NAT (AWS ELB/ALB and nginx 60 s, Azure 4 min, GCP backend service 30 s), a route's or stream's maximum duration, or a server's maximum connection age. Long-lived streams (gRPC streams, Server-Sent Events, WebSockets, `kubectl logs -f`) meet it first. Find the hop whose timeout equals the interval and raise it, or keep the stream busy with keepalive pings or heartbeats more often than the interval.",
    reference:
      "AWS ELB idle timeout (60 s default); nginx proxy_read_timeout (60 s); Azure Load Balancer idle timeout (4 min); gRPC keepalive and MaxConnectionAge",
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "connection.goaway", weight: 0.1 },
    ],
  },
  {
    code: "PD1931",
    name: "StreamingCommandCut",
    severity: "warning",
    summary: "`{command}` ended {how}",
    detail:
      "`kubectl logs -f`, `exec`, `attach`, `port-forward` and watches hold one connection open for as long as they run, and it often carries nothing for minutes. A hop that closes quiet connections cuts them: a cloud load balancer in front of the API server (AWS ELB 60 s, Azure 4 min), HAProxy's `timeout client`/`timeout server` without a longer `timeout tunnel`, nginx's `proxy_read_timeout`, or the kubelet's `streamingConnectionIdleTimeout`. Short requests through the same hop work, which is why only these commands fail. Raise the idle timeout of the hop in front of the API server (HAProxy: `timeout tunnel 1h`), or keep the stream busy.",
    reference:
      "HAProxy timeout tunnel; AWS ELB idle timeout; kubelet streamingConnectionIdleTimeout; kubeadm HA load balancer guide",
    causes: [{ cause: "timeout.route", weight: 0.5 }],
  },
  {
    code: "PD1932",
    name: "EventStreamCut",
    severity: "warning",
    summary: "An event stream (Server-Sent Events) was cut: {cut}",
    detail:
      "An SSE response never ends by design; it stays open and quiet between events. When it is cut, the usual reason is a timer on the way that takes the quiet for a dead connection: nginx's `proxy_read_timeout` (60 s), a load balancer's idle timeout (AWS 60 s, Google Cloud's backend-service timeout 30 s), Cloudflare's 100 s, a proxy's or the server's own idle timeout. Browsers report the cut as ERR_INCOMPLETE_CHUNKED_ENCODING or ERR_HTTP2_PROTOCOL_ERROR, curl as exit 18. Send a comment line (`:`) or a heartbeat event more often than the shortest timeout, or raise that timeout for the stream's route (and turn proxy buffering off for it).",
    reference:
      "WHATWG HTML Server-sent events (comment lines keep the connection alive); nginx proxy_read_timeout and proxy_buffering",
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "upstream.truncated-body", weight: -0.1 },
    ],
  },
]);
