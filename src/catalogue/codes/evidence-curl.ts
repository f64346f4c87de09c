import { defineFindings } from "../define.ts";

const CURL_H2 = "curl lib/http2.c (stream close handling; wording changed in curl 8.19)";
const CURL_ERRORS = "curl docs/libcurl/libcurl-errors.md";
const ENVOY_REPLY = "Envoy router local replies (router.cc onUpstreamReset, sendNoHealthyUpstreamResponse)";

export const CURL_FINDINGS = defineFindings([
  {
    code: "PD1001",
    name: "CurlStreamInternalError",
    severity: "error",
    summary: "curl: the server reset HTTP/2 stream {stream} with INTERNAL_ERROR (exit {exitCode}) for {subject}",
    detail:
      "The peer curl talked to gave up on the stream with INTERNAL_ERROR. Proxies do this when the response they are relaying breaks after it started: the upstream went away mid-body, or the proxy could not buffer the body. The status already printed (often 200) was real; the body that followed is incomplete. Alone it says a body was cut, not why.",
    reference: `${CURL_H2}; RFC 9113 §7 (INTERNAL_ERROR)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.4 },
      { cause: "proxy.temp-storage-failure", weight: 0.3 },
    ],
  },
  {
    code: "PD1002",
    name: "CurlNginxCutBodyMidStream",
    severity: "error",
    summary: "{producer} sent status {status} for {subject}, then reset the HTTP/2 stream with INTERNAL_ERROR",
    detail:
      "The headers came from nginx or Kong (server, via or x-kong-* fields) and were a success, and then nginx itself reset the stream. nginx does that when reading or buffering the upstream body fails after the headers went out; the classic reason is a proxy_temp directory the worker cannot write, so only responses larger than the memory buffers break.",
    reference:
      "nginx ngx_http_upstream.c (upstream body errors after the header was sent); Kong blank-page field report",
    causes: [
      { cause: "proxy.temp-storage-failure", weight: 0.35 },
      { cause: "upstream.truncated-body", weight: 0.3 },
    ],
  },
  {
    code: "PD1003",
    name: "CurlStreamProtocolError",
    severity: "error",
    summary: "curl: HTTP/2 stream {stream} was reset with PROTOCOL_ERROR (exit {exitCode}) for {subject}",
    detail:
      "A PROTOCOL_ERROR reset means one side found the other's HTTP/2 messages malformed: a header name with upper case or a forbidden connection-specific field, a bad pseudo-header, or an invalid value. It usually points at a header the upstream or a proxy writes.",
    reference: `${CURL_H2}; RFC 9113 §8.2 (field validity)`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.45 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1004",
    name: "CurlStreamRefused",
    severity: "warning",
    summary: "curl: the server refused HTTP/2 stream {stream} for {subject}",
    detail:
      "REFUSED_STREAM tells the client that the request was not processed and may be retried on a new connection. Servers do it while draining, when they hit their concurrent-stream limit, or right after a GOAWAY.",
    reference: `${CURL_H2}; RFC 9113 §8.7`,
    causes: [{ cause: "connection.goaway", weight: 0.35 }],
  },
  {
    code: "PD1005",
    name: "CurlStreamCancelled",
    severity: "warning",
    summary: "curl: HTTP/2 stream {stream} was cancelled by the server (exit {exitCode}) for {subject}",
    detail:
      "A CANCEL reset from a proxy usually means the proxy lost its upstream for this request (the upstream closed or timed out) and abandoned the client's stream.",
    reference: `${CURL_H2}; RFC 9113 §7 (CANCEL)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.25 },
      { cause: "timeout.route", weight: 0.15 },
    ],
  },
  {
    code: "PD1006",
    name: "CurlStreamResetOther",
    severity: "warning",
    summary: "curl: HTTP/2 stream {stream} was reset with {error} (exit {exitCode}) for {subject}",
    detail:
      "The stream ended with an HTTP/2 error other than the common ones (flow control, compression, frame size, ENHANCE_YOUR_CALM). It shows an HTTP/2 disagreement between curl and the peer; the error name says which rule was broken.",
    reference: `${CURL_H2}; RFC 9113 §7`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.15 },
      { cause: "connection.goaway", weight: 0.15 },
    ],
  },
  {
    code: "PD1007",
    name: "CurlHttp2FramingError",
    severity: "error",
    summary: "curl: error in the HTTP/2 framing layer (exit 16) for {subject}",
    detail:
      "The whole HTTP/2 connection failed rather than one stream: the peer sent frames or headers curl's HTTP/2 library rejects, or closed the connection with an error. Repeating with --http1.1 tells an HTTP/2-only problem from a general one.",
    reference: `${CURL_ERRORS} (CURLE_HTTP2)`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.3 },
      { cause: "protocol.mismatch", weight: 0.25 },
      { cause: "connection.goaway", weight: 0.15 },
    ],
  },
  {
    code: "PD1008",
    name: "CurlPartialTransfer",
    severity: "error",
    summary: "curl: transfer closed before the body was complete (exit 18) for {subject}",
    detail:
      "The connection closed while curl still expected body bytes (Content-Length not reached or the last chunk missing). Over HTTP/1.1 this is how a proxy passes on a body it could not finish.",
    reference: `${CURL_ERRORS} (CURLE_PARTIAL_FILE); RFC 9112 §6.3`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.45 },
      { cause: "proxy.temp-storage-failure", weight: 0.25 },
    ],
  },
  {
    code: "PD1009",
    name: "CurlConnectionRefused",
    severity: "error",
    summary: "curl: connection to {host}:{port} was refused (exit 7)",
    detail:
      "Nothing accepted the TCP connection at that address: no process listens on the port, or a firewall answers with a reset. When curl talks to a proxy this is about the proxy's port, not the application's. Run in a meshed pod, a refusal for any address, even a remote one, can come from the sidecar's redirect: outbound connections go to the sidecar's own port, which refuses them until the sidecar is up (a job or init step that runs before it) or after it has exited.",
    reference: `${CURL_ERRORS} (CURLE_COULDNT_CONNECT); Istio holdApplicationUntilProxyStarts`,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.4 },
      { cause: "lifecycle.sidecar-ordering", weight: 0.1 },
    ],
  },
  {
    code: "PD1010",
    name: "CurlHostUnreachable",
    severity: "error",
    summary: "curl: {host} is unreachable: {reason} (exit 7)",
    detail:
      "The network has no path to the address (no route, network or host unreachable). The failure is below HTTP: routing, a down interface, or a firewall answering with ICMP.",
    reference: `${CURL_ERRORS} (CURLE_COULDNT_CONNECT)`,
    causes: [{ cause: "network.path-loss", weight: 0.35 }],
  },
  {
    code: "PD1011",
    name: "CurlTimeoutBeforeResponse",
    severity: "error",
    summary: "curl: timed out after {elapsedMs} ms without a response (exit 28) for {subject}",
    detail:
      "No response header arrived in time: the connection could not be opened, or the server accepted the request and stayed silent. A slow upstream behind a proxy and packets dropped on the path look the same from here.",
    reference: `${CURL_ERRORS} (CURLE_OPERATION_TIMEDOUT)`,
    causes: [
      { cause: "timeout.route", weight: 0.3 },
      { cause: "network.path-loss", weight: 0.25 },
    ],
  },
  {
    code: "PD1012",
    name: "CurlTimeoutMidBody",
    severity: "error",
    summary: "curl: timed out after receiving {receivedBytes} bytes of the body (exit 28) for {subject}",
    detail:
      "The response started and then stalled until curl's time limit. Stalls mid-body come from lost packets on a long transfer, or an upstream that stops writing without closing.",
    reference: `${CURL_ERRORS} (CURLE_OPERATION_TIMEDOUT)`,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.truncated-body", weight: 0.2 },
      { cause: "timeout.route", weight: 0.1 },
    ],
  },
  {
    code: "PD1013",
    name: "CurlTlsHandshakeFailed",
    severity: "error",
    summary: "curl: TLS handshake with {subject} failed: {reason} (exit 35)",
    detail:
      "The TLS handshake did not complete. A reset during the handshake (SSL_ERROR_SYSCALL) often means the server found no certificate or filter chain for the SNI name; an alert means it rejected the client's offer or certificate.",
    reference: `${CURL_ERRORS} (CURLE_SSL_CONNECT_ERROR); curl lib/vtls/openssl.c`,
    causes: [{ cause: "tls.mismatch", weight: 0.45 }],
  },
  {
    code: "PD1014",
    name: "CurlTlsToPlaintextPort",
    severity: "error",
    summary: "curl: TLS to {subject} got a non-TLS answer ({reason}, exit 35)",
    detail:
      "`wrong version number` or `packet length too long` means the bytes that came back were not TLS at all: the port speaks plaintext HTTP. The client uses https:// (or a proxy originates TLS) towards a port that does not terminate TLS.",
    reference: "curl lib/vtls/openssl.c; OpenSSL SSL_R_WRONG_VERSION_NUMBER",
    causes: [
      { cause: "tls.mismatch", weight: 0.55 },
      { cause: "protocol.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD1015",
    name: "CurlCertificateRejected",
    severity: "error",
    summary: "curl: the certificate of {subject} was not accepted: {reason} (exit 60)",
    detail:
      "curl did not trust the server certificate: expired, signed by an unknown authority, or issued for another name. A gateway serving a default or wrong certificate for the host is a frequent reason.",
    reference: `${CURL_ERRORS} (CURLE_PEER_FAILED_VERIFICATION)`,
    causes: [{ cause: "tls.mismatch", weight: 0.5 }],
  },
  {
    code: "PD1016",
    name: "CurlEmptyReply",
    severity: "error",
    summary: "curl: the server closed the connection without any response (exit 52) for {subject}",
    detail:
      "The request went out and the connection closed with zero bytes back. Typical reasons: plaintext sent to a port that wants TLS or mTLS, HTTP/1 sent to an HTTP/2-only port, a crash, or a pooled connection the server had just closed.",
    reference: `${CURL_ERRORS} (CURLE_GOT_NOTHING)`,
    causes: [
      { cause: "protocol.mismatch", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.25 },
      { cause: "upstream.keepalive-race", weight: 0.15 },
    ],
  },
  {
    code: "PD1017",
    name: "CurlSendFailure",
    severity: "warning",
    summary: "curl: sending to {subject} failed: {reason} (exit 55)",
    detail:
      "The peer closed or reset the connection while curl was still writing the request, often an upload the server refused early, or a connection the server had already closed.",
    reference: `${CURL_ERRORS} (CURLE_SEND_ERROR)`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.25 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1018",
    name: "CurlConnectionReset",
    severity: "error",
    summary: "curl: the connection to {subject} was reset: {reason} (exit 56)",
    detail:
      "A TCP reset arrived while curl was reading. Sidecars in STRICT mTLS reset plaintext clients this way; so do proxies that hit a protocol error, load balancers that forgot an idle flow, and servers that crash.",
    reference: `${CURL_ERRORS} (CURLE_RECV_ERROR)`,
    causes: [
      { cause: "tls.mismatch", weight: 0.25 },
      { cause: "upstream.keepalive-race", weight: 0.2 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1019",
    name: "CurlGoawayWithError",
    severity: "warning",
    summary: "curl: the server sent GOAWAY with error {error} (last stream {lastStream}) for {subject}",
    detail:
      "The server closed the HTTP/2 connection with an error code, not a graceful drain. Requests above the last stream id were not processed.",
    reference: `${CURL_H2}; RFC 9113 §6.8`,
    causes: [{ cause: "connection.goaway", weight: 0.45 }],
  },
  {
    code: "PD1020",
    name: "CurlEnvoyReplyConnectFailure",
    severity: "error",
    summary: "Envoy answered {status} for {subject}: it could not connect to the upstream ({reason})",
    detail:
      "The body is Envoy's own reply after its connection to the upstream failed or timed out, before any response. The application never saw the request: nothing listened on the port, or it was not reachable.",
    reference: ENVOY_REPLY,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.5 },
      { cause: "upstream.app-error", weight: -0.5 },
    ],
  },
  {
    code: "PD1021",
    name: "CurlEnvoyReplyConnectionTermination",
    severity: "error",
    summary: "Envoy answered {status} for {subject}: the upstream closed the connection before responding",
    detail:
      "Envoy sent the request on an upstream connection that the upstream then closed without answering. When this happens after idle periods it is the keep-alive race: the application's idle timeout is shorter than Envoy's. The same reply comes when the port speaks another protocol than Envoy was told (port name, appProtocol) or when a mutual-TLS mode does not match (STRICT on the server, plaintext from the caller), so on its own it asks for more evidence.",
    reference: ENVOY_REPLY,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.25 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1022",
    name: "CurlEnvoyReplyProtocolError",
    severity: "error",
    summary: "Envoy answered {status} for {subject}: the upstream's response broke the protocol",
    detail:
      "Envoy could not parse what the upstream sent and replied itself. The upstream wrote a header section Envoy refuses (bad token, duplicate Transfer-Encoding, CL with TE) or spoke another protocol. curl straight to the application usually works, which misleads.",
    reference: `${ENVOY_REPLY}; Envoy http1 codec`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.55 },
      { cause: "protocol.mismatch", weight: 0.2 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1023",
    name: "CurlEnvoyReplyTlsFailure",
    severity: "error",
    summary: "Envoy answered {status} for {subject}: TLS to the upstream failed ({transportFailure})",
    detail:
      "The transport failure reason in Envoy's reply is a TLS error: Envoy's TLS (often Istio mutual TLS) towards the upstream was refused or answered in plaintext. DestinationRule TLS settings and the destination's PeerAuthentication disagree.",
    reference: `${ENVOY_REPLY}; Envoy UPSTREAM_TRANSPORT_FAILURE_REASON`,
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1024",
    name: "CurlEnvoyReplyNoHealthyUpstream",
    severity: "error",
    summary: "Envoy answered {status} for {subject}: no healthy upstream",
    detail:
      "Envoy has a cluster for the route but no endpoint in it is usable: no pod matches the Service or subset, none is ready, or all were ejected.",
    reference: ENVOY_REPLY,
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.7 },
      { cause: "upstream.app-error", weight: -0.5 },
    ],
  },
  {
    code: "PD1025",
    name: "CurlEnvoyReplyUpstreamTimeout",
    severity: "error",
    summary: "Envoy answered {status} for {subject}: upstream request timeout",
    detail: "Envoy's route timeout fired before the upstream answered, and Envoy replied 504 itself.",
    reference: ENVOY_REPLY,
    causes: [
      { cause: "timeout.route", weight: 0.65 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1026",
    name: "CurlErrorStatusFromApp",
    severity: "warning",
    summary: "The application answered {status} for {subject}; {frontProxy} only relayed it",
    detail:
      "The error status came with headers that proxies add only to relayed responses (x-envoy-upstream-service-time, x-kong-upstream-latency) or with the application's own server header. The proxy passed on what the application said.",
    reference: "Envoy x-envoy-upstream-service-time; Kong X-Kong-Upstream-Latency",
    causes: [{ cause: "upstream.app-error", weight: 0.5 }],
  },
  {
    code: "PD1027",
    name: "CurlErrorStatusFromProxy",
    severity: "warning",
    summary: "{producer} generated the {status} for {subject} itself; the application did not answer",
    detail:
      "The error response carries a proxy's fingerprint and none of the headers a relayed response has. The proxy answered on its own (no route, no endpoint, upstream failure or timeout), so the application's logs will not show this request.",
    reference: "Envoy local replies; Kong error_handlers.lua; nginx error pages",
    causes: [{ cause: "upstream.app-error", weight: -0.4 }],
  },
  {
    code: "PD1028",
    name: "CurlKongNoRoute",
    severity: "error",
    summary: "Kong answered {status} for {subject}: no Route matched the request",
    detail:
      "Kong's router found no Route for the host, path, method and headers of the request and answered itself. The Route's hosts, paths, strip_path or protocols do not cover this request, or the Host header is not the one the Route expects.",
    reference: "Kong router (no Route matched with those values)",
    causes: [
      { cause: "routing.no-route", weight: 0.65 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1029",
    name: "CurlKongInvalidUpstreamResponse",
    severity: "error",
    summary: "Kong answered {status} for {subject}: its upstream failed (An invalid response was received)",
    detail:
      "Kong's generic 502 body: the connection to the upstream failed, was reset, or returned something nginx could not read. The body hides which; Kong's error log at the same second names it (connect() failed, prematurely closed, SSL errors).",
    reference: "Kong kong/error_handlers.lua",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.15 },
      { cause: "upstream.keepalive-race", weight: 0.15 },
      { cause: "upstream.malformed-header", weight: 0.1 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1030",
    name: "CurlKongUpstreamTimeout",
    severity: "error",
    summary: "Kong answered {status} for {subject}: the upstream is timing out",
    detail:
      "Kong's generic 504 body: the Service's read, write or connect timeout (60 s each by default) fired before the upstream answered.",
    reference: "Kong kong/error_handlers.lua; Kong Service read_timeout",
    causes: [
      { cause: "timeout.route", weight: 0.55 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1031",
    name: "CurlKongNoUpstreamTarget",
    severity: "error",
    summary: "Kong answered {status} for {subject}: no upstream target to send to ({message})",
    detail:
      "Kong could not pick a target for the Service: its Upstream has no healthy target, or the Service host did not resolve. Kong answered 503 itself without contacting the application.",
    reference:
      "Kong balancer (failure to get a peer from the ring-balancer, name resolution failed); kong/error_handlers.lua",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.55 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1032",
    name: "CurlRejectedHttp2Header",
    severity: "error",
    summary: "curl refused the response header {header} from {subject} over HTTP/2",
    detail:
      "curl's HTTP/2 library (nghttp2) named a response field it will not accept: a connection-specific field such as Upgrade, Connection, Keep-Alive or Transfer-Encoding, an upper-case name, or a value with forbidden bytes. The server or a proxy copies an HTTP/1.1 header into its HTTP/2 response; browsers fail the same request with ERR_HTTP2_PROTOCOL_ERROR.",
    reference: "RFC 9113 §8.2.1 and §8.2.2 (field validity, connection-specific fields); nghttp2 header validation",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.7 },
      { cause: "upstream.truncated-body", weight: -0.3 },
    ],
  },
  {
    code: "PD1033",
    name: "CurlNonHttpAnswer",
    severity: "error",
    summary: "curl: {subject} did not answer with HTTP ({reason})",
    detail:
      "The bytes that came back do not start with an HTTP status line, so curl gave up (`Received HTTP/0.9 when not allowed`, `Weird server reply`). Plain HTTP/1.1 went to a port that speaks HTTP/2 only (gRPC, h2c), TLS, or another protocol.",
    reference: "curl lib/http.c (HTTP/0.9 detection); curl --http0.9",
    causes: [
      { cause: "protocol.mismatch", weight: 0.5 },
      { cause: "tls.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD1034",
    name: "CurlEnvoyReplyOverflow",
    severity: "error",
    summary:
      "Envoy answered {status} for {subject}: reset reason: overflow (a connection pool or circuit breaker was full)",
    detail:
      "Envoy did not send the request at all: the upstream cluster's circuit breakers (maxConnections, http1MaxPendingRequests, http2MaxRequests, maxRequestsPerConnection) were at their limit. The access log shows the same request with the UO flag. Raise the DestinationRule's connectionPool limits or add capacity; look at outlier detection if the limits are deliberately low.",
    reference: ENVOY_REPLY,
    causes: [
      { cause: "limits.connection-pool", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1035",
    name: "HaproxyNoServerPage",
    severity: "error",
    summary: "HAProxy answered {status} for {subject}: no server is available to handle this request",
    detail:
      "HAProxy's own 503 page. The backend the request was routed to had no server to send it to: every server was marked DOWN by its health check (a wrong httpchk path, status or Host), in maintenance, or the backend has none. HAProxy writes the same page when it could not connect to the chosen server at all, so the application never saw the request either way. HAProxy's log names the backend and why its servers are down.",
    reference:
      "HAProxy src/http.c (http_err_msgs, 503); HAProxy configuration manual (option httpchk, http-check expect)",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.55 },
      { cause: "upstream.connection-refused", weight: 0.2 },
      { cause: "upstream.app-error", weight: -0.5 },
    ],
  },
  {
    code: "PD1036",
    name: "HaproxyBadResponsePage",
    severity: "error",
    summary: "HAProxy answered {status} for {subject}: the server returned an invalid or incomplete response",
    detail:
      "HAProxy's own 502 page: the server's response could not be parsed (an invalid status line or header, HAProxy's termination state PH) or the server closed or reset the connection before the header was complete (SH). `show errors` on the stats socket keeps the offending bytes.",
    reference: "HAProxy src/http.c (http_err_msgs, 502); HAProxy manual (termination states)",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.3 },
      { cause: "upstream.keepalive-race", weight: 0.15 },
      { cause: "upstream.truncated-body", weight: 0.1 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1058",
    name: "ApacheProxyReadFailedPage",
    severity: "error",
    summary: "Apache answered {status} for {subject}: Error reading from remote server",
    detail:
      "mod_proxy's own 502 page: the backend closed or reset the connection, or went quiet past `ProxyTimeout`, before a whole status line came back. When it hits a share of requests at once, with nothing in the backend's log, it is nearly always a pooled keep-alive connection the backend had already closed (error.log: `(20014)Internal error … AH01102: error reading status line`): turn reuse off for that worker (`disablereuse=On`), or make the backend keep idle connections longer than Apache does. A `(70007)` in error.log means the timeout instead, a `(104)` a reset.",
    reference: "Apache httpd mod_proxy_http (AH01102, AH00898), ProxyPass disablereuse and timeout parameters",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.3 },
      { cause: "timeout.route", weight: 0.15 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1059",
    name: "GoTlsServerGotPlainHttp",
    severity: "error",
    summary: "A Go TLS server answered {status} for {subject}: Client sent an HTTP request to an HTTPS server",
    detail:
      "Go's net/http writes this body itself when the first bytes on a TLS listener are a plain HTTP request. Caddy, Traefik and any Go service serving HTTPS say it. When the client used https, something in between talked plain HTTP to the TLS port: a proxy whose upstream lacks the scheme (`reverse_proxy localhost:2017` instead of `https://localhost:2017`), a Service or load balancer target marked HTTP for a port that serves HTTPS, a mesh sidecar that ends TLS and forwards plain text.",
    reference:
      "Go net/http server.go (the reply to a plain request on a TLS connection); Caddy reverse_proxy upstream addresses",
    causes: [{ cause: "tls.mismatch", weight: 0.7 }],
  },
  {
    code: "PD1037",
    name: "HaproxyTimeoutPage",
    severity: "error",
    summary: "HAProxy answered {status} for {subject}: the server didn't respond in time",
    detail:
      "HAProxy's own 504 page: `timeout server` expired before the server sent its response headers. The request reached the application, which was slower than HAProxy allows.",
    reference: "HAProxy src/http.c (http_err_msgs, 504); HAProxy manual (timeout server)",
    causes: [
      { cause: "timeout.route", weight: 0.6 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1038",
    name: "NginxBadGatewayPage",
    severity: "error",
    summary:
      "nginx answered {status} for {subject} with its own error page: it got no valid response from its upstream",
    detail:
      "nginx's built-in 502 page: nginx could not connect to the upstream, the upstream closed or reset the connection before a complete header, or sent a header nginx rejects. The page hides which; nginx's error log at the same second names it (connect() failed, upstream prematurely closed connection, upstream sent invalid header).",
    reference: "nginx src/http/ngx_http_special_response.c (error pages); ngx_http_upstream.c",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.2 },
      { cause: "upstream.keepalive-race", weight: 0.15 },
      { cause: "upstream.malformed-header", weight: 0.15 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1039",
    name: "NginxGatewayTimeoutPage",
    severity: "error",
    summary: "nginx answered {status} for {subject} with its own error page: the upstream timed out",
    detail:
      "nginx's built-in 504 page: proxy_read_timeout (60 s by default), or proxy_connect_timeout, expired before the upstream answered.",
    reference: "nginx src/http/ngx_http_special_response.c; ngx_http_proxy_module (proxy_read_timeout)",
    causes: [
      { cause: "timeout.route", weight: 0.55 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1040",
    name: "CurlUpgradeRefusedByProxy",
    severity: "error",
    summary: "{producer} refused the request's protocol switch (Upgrade: {upgrade}) with {status} for {subject}",
    detail:
      "The client asked to switch protocols (h2c, WebSocket, SPDY for `kubectl exec` and `port-forward`) and the proxy answered itself instead of passing the upgrade on: a 403 or 400 from Envoy with no upstream service time, not a 101. Envoy refuses upgrade types its route or listener does not enable (`upgrade_configs`; Istio sidecars of some releases answered 403 to `Upgrade: h2c`; Envoy Gateway does not allow SPDY unless configured). Send the protocol the hop supports (HTTP/2 with prior knowledge, plain HTTP/1.1) or enable the upgrade on the route.",
    reference:
      "RFC 9110 section 7.8 (Upgrade); Envoy HttpConnectionManager upgrade_configs (upgrade_failed); istio/istio#8552",
    causes: [{ cause: "protocol.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1041",
    name: "NginxPageHeaderTooLarge",
    severity: "error",
    summary: "nginx answered {status} itself: the request's header (or one cookie) is larger than its buffers",
    detail:
      "nginx writes this page when a request line or header field does not fit `large_client_header_buffers` (4 × 8k by default; ingress-nginx `large-client-header-buffers`, HTTP/2 `http2_max_field_size` in older releases): large cookies and JWT bearer tokens are the usual cause. The application never saw the request.",
    reference:
      "nginx src/http/ngx_http_special_response.c (400 Request Header Or Cookie Too Large, 494); large_client_header_buffers",
    causes: [{ cause: "limits.header-too-large", weight: 0.8 }],
  },
  {
    code: "PD1042",
    name: "NginxPageTlsMisuse",
    severity: "error",
    summary: "nginx answered {status} itself: the client's TLS does not fit the port ({kind})",
    detail:
      "nginx writes these pages when plain HTTP arrives on a port that expects TLS (`The plain HTTP request was sent to HTTPS port`), or when a port that requires client certificates (`ssl_verify_client on`) gets none or one it cannot verify. The client, or a proxy or load balancer in front that terminates TLS and forwards plain HTTP, uses the wrong scheme or no certificate.",
    reference: "nginx src/http/ngx_http_special_response.c (497, 496, 495 shown as 400)",
    causes: [{ cause: "tls.mismatch", weight: 0.75 }],
  },
  {
    code: "PD1043",
    name: "CurlCutNearOneGib",
    severity: "error",
    summary: "The download of {subject} stopped at {received} of {expected}, just past 1 GiB",
    detail:
      "A transfer that ends early at about 1 GiB, whatever the file, is the mark of nginx's default `proxy_max_temp_file_size 1024m`: nginx buffers the upstream's answer to a temporary file when the client reads slower than the upstream sends, and long responses break at that limit. Raise it (or set `proxy_buffering off` / `proxy_max_temp_file_size 0` for large downloads), or serve large files without the proxy buffering them.",
    reference: "nginx proxy_max_temp_file_size (default 1024m), proxy_buffering; curl progress meter",
    causes: [
      { cause: "proxy.temp-storage-failure", weight: 0.55 },
      { cause: "upstream.truncated-body", weight: 0.2 },
    ],
  },
  {
    code: "PD1044",
    name: "CurlWorksOnOneHttpVersion",
    severity: "error",
    summary: "{subject} works over {works} and gets {status} from {producer} over {fails}",
    detail:
      "The same URL through the same proxy succeeds with one HTTP version and fails with the other, and the failure is the proxy's own answer: the version the client chose changes what the proxy sends upstream. In a mesh, a port without a protocol in its name or `appProtocol` is treated as HTTP/1.1 or sniffed, and an upstream that cannot speak HTTP/2 (or needs it, like gRPC) breaks with the other. Declare the port's protocol, or set the proxy's upstream HTTP version.",
    reference:
      "RFC 9113 section 3 (starting HTTP/2); Istio protocol selection (port names, appProtocol); istio/istio#19040",
    causes: [{ cause: "protocol.mismatch", weight: 0.65 }],
  },
  {
    code: "PD1045",
    name: "CurlUpgradeRefusedByApplication",
    severity: "error",
    summary: "The application refused the request's protocol switch (Upgrade: {upgrade}) with {status} for {subject}",
    detail:
      "The client asked to switch protocols and the answer is the application's own refusal, passed on by any proxy in between (its body is not the proxy's error page). The application saw a handshake it would not accept. Either the proxy did not pass the handshake on as sent (nginx without `proxy_http_version 1.1` and `proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\"`, or a rewritten `Connection: upgrade` that a server compares case-sensitively), or the application refuses it anyway (wrong path, Origin check, missing `Sec-WebSocket-*` header). If the same request straight to the application gets 101, compare what each receives.",
    reference:
      "RFC 6455 section 4 (opening handshake); RFC 9110 section 7.8 (Upgrade); nginx WebSocket proxying; kubernetes/ingress-nginx#1609",
    causes: [
      { cause: "upstream.app-error", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.35 },
    ],
  },
  {
    code: "PD1046",
    name: "AwsElbAnswered502",
    severity: "error",
    summary: "The AWS load balancer answered 502 for {subject} itself (Server: {server})",
    detail:
      "The ALB (or Classic ELB) got no usable response from the target: the target closed or reset the connection (its keep-alive timeout shorter than the load balancer's idle timeout, 60 s by default), the target group speaks HTTP to a port that only takes HTTPS (or the reverse: health checks can pass on another port or protocol while traffic fails), the TLS handshake with the target failed, or the response was malformed. A request straight to the target that works shows the path, not the application, is at fault: compare the target group's protocol and port with what the target serves.",
    reference:
      "AWS Elastic Load Balancing: Troubleshoot your Application Load Balancers (HTTP 502, 503, 504); Classic Load Balancer troubleshooting",
    causes: [
      { cause: "tls.mismatch", weight: 0.3 },
      { cause: "upstream.keepalive-race", weight: 0.25 },
      { cause: "upstream.malformed-header", weight: 0.1 },
    ],
  },
  {
    code: "PD1047",
    name: "AwsElbAnswered503",
    severity: "error",
    summary: "The AWS load balancer answered 503 for {subject} itself: no target to send it to",
    detail:
      "The listener rule's target group has no registered targets, or none that pass health checks (an ALB routes to all targets when every one fails, so 503 usually means none registered), or the rule forwards to a target group in another state. Check the target group's registered targets and their health.",
    reference:
      "AWS Elastic Load Balancing: Troubleshoot your Application Load Balancers (HTTP 502, 503, 504); Classic Load Balancer troubleshooting",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.6 }],
  },
  {
    code: "PD1048",
    name: "AwsElbAnswered504",
    severity: "error",
    summary: "The AWS load balancer answered 504 for {subject} itself: the target did not answer in time",
    detail:
      "The target accepted the connection (or did not) and sent no response before the load balancer's idle timeout (60 s by default) ran out: a slow request, a target that never answers on that port, or a security group that drops the packets. A 504 that comes back at once instead points at a target closing connections the load balancer reuses.",
    reference:
      "AWS Elastic Load Balancing: Troubleshoot your Application Load Balancers (HTTP 502, 503, 504); Classic Load Balancer troubleshooting",
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1049",
    name: "EnvoyResetReplyWithoutReason",
    severity: "error",
    summary:
      "Envoy answered {status} for {subject} itself: upstream connect error or disconnect/reset before headers, with no reason given",
    detail:
      "Envoy got no response head from the upstream and said so without the `reset reason:` that releases from 1.9 on add. Any of the reasons can be behind it: nothing listening (connection refused or a failed connect), the upstream closing a pooled connection Envoy had just reused (the keep-alive race, when the upstream's idle timeout is shorter than Envoy's), a protocol or TLS mismatch on the port. The access log's response flags (UF, UC, UPE) or the debug log tell them apart.",
    reference: "Envoy router.cc local reply body (onUpstreamReset), before reset reasons were added",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.2 },
      { cause: "upstream.connection-refused", weight: 0.2 },
      { cause: "protocol.mismatch", weight: 0.15 },
      { cause: "tls.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1050",
    name: "NginxPageBodyTooLarge",
    severity: "error",
    summary: "nginx answered {status} itself for {subject}: the request body is larger than client_max_body_size",
    detail:
      "nginx's own 413 page. nginx compares the request's Content-Length (or the bytes read so far) with `client_max_body_size`, 1 MiB unless set, and refuses before proxying anything. Behind ingress-nginx the limit comes from the `proxy-body-size` annotation or the controller's ConfigMap.",
    reference: "nginx src/http/ngx_http_special_response.c (413 Request Entity Too Large); client_max_body_size",
    causes: [
      { cause: "limits.body-too-large", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1051",
    name: "ApisixNoRouteBody",
    severity: "error",
    summary: "APISIX answered {status} itself for {subject}: no route matched the request",
    detail:
      '`{"error_msg":"404 Route Not Found"}` is APISIX\'s own answer when none of its routes matches the request\'s host, path and method; no upstream was asked. Compare the route\'s `uri`, `hosts`, `methods` and any `vars` with what the client sends, and check that the route is published to the node that answered (etcd or the standalone file).',
    reference: "apache/apisix apisix/init.lua (404 Route Not Found)",
    causes: [
      { cause: "routing.no-route", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1052",
    name: "AwsApiGatewayIntegrationTimeout",
    severity: "error",
    summary: "AWS API Gateway answered {status} for {subject}: the integration did not answer within its timeout",
    detail:
      "`Endpoint request timed out` is API Gateway's own reply when the backend (Lambda, HTTP or VPC link integration) has not answered within the integration timeout: 29 seconds by default for REST APIs and 30 for HTTP APIs. The backend may still be running and finish later. Make the work asynchronous or shorter, or raise the integration timeout where the account allows it.",
    reference: "AWS API Gateway quotas (integration timeout); 504 INTEGRATION_TIMEOUT gateway response",
    causes: [
      { cause: "timeout.route", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1053",
    name: "AwsApiGatewayMissingResource",
    severity: "error",
    summary:
      'AWS API Gateway answered {status} "Missing Authentication Token" for {subject}: no resource and method match',
    detail:
      "Despite its words, API Gateway sends this 403 mostly when the path or method has no resource in the deployed stage (a wrong stage name, a missing trailing resource, a method not deployed), and only otherwise when IAM authorization is on and the request is unsigned. Compare the URL with the stage's resources and redeploy the API after changing them.",
    reference: "AWS API Gateway gateway responses (MISSING_AUTHENTICATION_TOKEN)",
    causes: [
      { cause: "routing.no-route", weight: 0.6 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1054",
    name: "EnvoyOverloadedReply",
    severity: "error",
    summary: "Envoy answered {status} with x-envoy-overloaded for {subject}: a circuit breaker of the cluster is full",
    detail:
      "Envoy adds `x-envoy-overloaded: true` to the 503 it sends without trying the upstream because a threshold of the cluster's circuit breakers is reached: maximum connections, pending requests, requests or retries (Istio DestinationRule `connectionPool`). A threshold of 0 or 1, or an upstream that became slow so requests pile up, trips it at once. The access log shows the same requests with the UO flag.",
    reference: "Envoy router filter (x-envoy-overloaded); Envoy circuit breaking; Istio DestinationRule connectionPool",
    causes: [
      { cause: "limits.connection-pool", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1055",
    name: "EnvoyRouteNotFoundDetails",
    severity: "error",
    summary: "Envoy answered {status} for {subject} itself: no route matched (route_not_found)",
    detail:
      "`route_not_found` is the response code detail Envoy records when no virtual host or route matches the request's Host (`:authority`) and path, and it answers 404 without asking any upstream. A Host with a port (`example.com:443`) that the virtual host's domains do not list, a route bound to another listener or gateway, and a client reusing an HTTP/2 connection for another host that shares the certificate are the usual reasons.",
    reference: "Envoy response code details (route_not_found); Envoy virtual host domains",
    causes: [
      { cause: "routing.no-route", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1056",
    name: "CdnPageBodyTooLarge",
    severity: "error",
    summary: "{producer} answered {status} itself for {subject}: the request body is over the edge's upload limit",
    detail:
      "The page is the CDN's own (`413 Request Entity Too Large` over the word `cloudflare`), so the request never reached the origin. Cloudflare takes bodies up to 100 MB on the Free and Pro plans, 200 MB on Business and 500 MB on Enterprise, whatever the origin allows. Split the upload into chunks below the limit, send large files straight to storage (a signed upload URL), or route uploads through a hostname that is not proxied by the CDN.",
    reference: "Cloudflare docs: request body limits by plan (413 Request Entity Too Large)",
    causes: [
      { cause: "limits.body-too-large", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1057",
    name: "CurlTlsHandshakeStalled",
    severity: "warning",
    summary: "curl sent its TLS ClientHello to {subject} and nothing came back",
    detail:
      "The TCP connection was made and the ClientHello went out, then the server said nothing: no ServerHello, no alert, no reset, until the user gave up. Small packets pass and large ones vanish, which is the mark of a path MTU black hole (a tunnel such as WireGuard, IPsec or a VPN with a smaller MTU, and ICMP \"fragmentation needed\" blocked): a ClientHello with many extensions or post-quantum key shares, or the server's certificate flight, is larger than the path carries. A middlebox that drops TLS to some names does the same. Lower the MTU (or clamp MSS) on the tunnel's interface and try again; `ping -M do -s 1400` to the server shows the largest size that passes.",
    reference:
      "RFC 8446 section 4.1.2 (ClientHello); RFC 4821 (path MTU discovery black holes); curl -v OpenSSL handshake messages",
    causes: [
      { cause: "network.path-loss", weight: 0.45 },
      { cause: "tls.mismatch", weight: 0.1 },
    ],
  },
]);
