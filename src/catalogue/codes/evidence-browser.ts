import { defineFindings } from "../define.ts";

const NET_ERRORS = "Chromium net/base/net_error_list.h";
const HAR = "HAR 1.2 (W3C draft) and Chrome DevTools HAR export (_error)";
const CONSOLE = "Chromium DevTools console (Failed to load resource) and Firefox network console lines";

export const BROWSER_FINDINGS = defineFindings([
  {
    code: "PD1101",
    name: "ChromeHttp2ProtocolError",
    severity: "error",
    summary: "Browser: {name} for {subject}",
    detail:
      "Chromium ended an HTTP/2 stream or session with a protocol error (old builds call it ERR_SPDY_PROTOCOL_ERROR). Two stories fit: a response header HTTP/2 forbids, or a stream the server reset in the middle of the body. The status DevTools shows next to the error tells them apart.",
    reference: `${NET_ERRORS} (ERR_HTTP2_PROTOCOL_ERROR, -337)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.3 },
      { cause: "upstream.malformed-header", weight: 0.3 },
      { cause: "proxy.temp-storage-failure", weight: 0.15 },
    ],
  },
  {
    code: "PD1102",
    name: "ChromeHttp2ErrorAfterSuccess",
    severity: "error",
    summary: "Browser: {name} after status {status} for {subject}: the body was cut",
    detail:
      "The browser had already accepted a successful status and headers when the HTTP/2 stream failed, so the headers were valid and the body is what broke. A proxy that cannot finish relaying or buffering a large body resets the stream this way; small resources on the same page load fine. A response that streams (Server-Sent Events, long polling) is cut the same way when a load balancer's or proxy's timeout ends it, and a body longer or shorter than its Content-Length ends the stream too. The line alone does not say which.",
    reference: `${NET_ERRORS}; Kong blank-page field report`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.25 },
      { cause: "proxy.temp-storage-failure", weight: 0.2 },
      { cause: "timeout.route", weight: 0.15 },
      { cause: "upstream.malformed-header", weight: -0.2 },
    ],
  },
  {
    code: "PD1103",
    name: "ChromeHttp2PingFailed",
    severity: "error",
    summary: "Browser: {name}: the HTTP/2 connection to {subject} stopped answering pings",
    detail:
      "Chromium's PING on an idle HTTP/2 connection got no answer, so it declared the connection dead. Packets stopped flowing: a load balancer or NAT dropped the idle flow, or the path loses packets.",
    reference: `${NET_ERRORS} (ERR_HTTP2_PING_FAILED, -352)`,
    causes: [{ cause: "network.path-loss", weight: 0.5 }],
  },
  {
    code: "PD1104",
    name: "ChromeServerRefusedStream",
    severity: "warning",
    summary: "Browser: {name}: the server refused the stream for {subject}",
    detail:
      "The server refused the request on its HTTP/2 connection (REFUSED_STREAM, or a GOAWAY below this stream). Chromium retries such requests once; seeing the error means the refusals repeat, as when a server drains or sits at its stream limit.",
    reference: `${NET_ERRORS} (ERR_HTTP2_SERVER_REFUSED_STREAM, -351)`,
    causes: [{ cause: "connection.goaway", weight: 0.4 }],
  },
  {
    code: "PD1105",
    name: "ChromeConnectionReset",
    severity: "error",
    summary: "Browser: {name} for {subject}",
    detail:
      "The TCP connection was reset or closed during the exchange. mTLS-only ports reset plaintext, load balancers reset forgotten flows, servers reset when they crash or close pooled connections.",
    reference: `${NET_ERRORS} (ERR_CONNECTION_RESET -101, ERR_CONNECTION_CLOSED -100, ERR_CONNECTION_ABORTED -103)`,
    causes: [
      { cause: "network.path-loss", weight: 0.2 },
      { cause: "tls.mismatch", weight: 0.15 },
      { cause: "upstream.keepalive-race", weight: 0.15 },
    ],
  },
  {
    code: "PD1106",
    name: "ChromeEmptyResponse",
    severity: "error",
    summary: "Browser: {name}: {subject} closed the connection without sending anything",
    detail:
      "The server read the request and closed with no bytes back, like curl's exit 52: the wrong protocol on the port (plaintext into TLS, HTTP/1 into HTTP/2-only), or a crash.",
    reference: `${NET_ERRORS} (ERR_EMPTY_RESPONSE, -324)`,
    causes: [
      { cause: "protocol.mismatch", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.2 },
      { cause: "upstream.keepalive-race", weight: 0.1 },
    ],
  },
  {
    code: "PD1107",
    name: "ChromeIncompleteBody",
    severity: "error",
    summary: "Browser: {name} for {subject}: the body ended early",
    detail:
      "The body stopped before its last chunk or before Content-Length bytes arrived (Firefox says NS_ERROR_NET_PARTIAL_TRANSFER). The server side stopped writing in the middle; a proxy that cannot buffer a large body does exactly this, and a long-lived stream (Server-Sent Events, a slow export) ends this way when a proxy's read or idle timeout closes it.",
    reference: `${NET_ERRORS} (ERR_INCOMPLETE_CHUNKED_ENCODING -355, ERR_CONTENT_LENGTH_MISMATCH -354)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.45 },
      { cause: "proxy.temp-storage-failure", weight: 0.25 },
      { cause: "timeout.route", weight: 0.2 },
    ],
  },
  {
    code: "PD1108",
    name: "ChromeConflictingHeaders",
    severity: "error",
    summary: "Browser: {name} for {subject}: the response repeats a header that must be single",
    detail:
      "The response carries two different Content-Length, Location or Content-Disposition values. Usually the application and a middleware (or a proxy) both add the header. nginx since 1.23 rejects the same responses.",
    reference: `${NET_ERRORS} (ERR_RESPONSE_HEADERS_MULTIPLE_*); RFC 9110 §8.6`,
    causes: [{ cause: "upstream.malformed-header", weight: 0.65 }],
  },
  {
    code: "PD1109",
    name: "ChromeInvalidResponse",
    severity: "error",
    summary: "Browser: {name} for {subject}: the response could not be parsed",
    detail:
      "The bytes that came back are not a valid HTTP response: no status line, broken chunked framing, a header section cut short, or an HPACK block the browser could not decode. The server speaks something else on the port, or writes a malformed head.",
    reference: `${NET_ERRORS} (ERR_INVALID_HTTP_RESPONSE -370, ERR_INVALID_CHUNKED_ENCODING -321, ERR_RESPONSE_HEADERS_TRUNCATED -357)`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD1110",
    name: "ChromeHeadersTooBig",
    severity: "error",
    summary: "Browser: {name} for {subject}: the response headers exceed the browser's limit",
    detail:
      "The response header section is larger than Chromium accepts (256 KiB). Huge Set-Cookie sets or tokens echoed into headers grow it; proxies with smaller limits fail first.",
    reference: `${NET_ERRORS} (ERR_RESPONSE_HEADERS_TOO_BIG, -325)`,
    causes: [{ cause: "limits.header-too-large", weight: 0.6 }],
  },
  {
    code: "PD1111",
    name: "ChromeCertificateError",
    severity: "error",
    summary: "Browser: {name} for {subject}",
    detail:
      "The browser rejected the server certificate: wrong name, unknown authority, expired, or revoked. The gateway may serve a default certificate for this host.",
    reference: `${NET_ERRORS} (ERR_CERT_*)`,
    causes: [{ cause: "tls.mismatch", weight: 0.5 }],
  },
  {
    code: "PD1112",
    name: "ChromeTlsFailed",
    severity: "error",
    summary: "Browser: {name} for {subject}: the TLS handshake failed",
    detail:
      "The TLS handshake broke down: no common protocol version or cipher, a plaintext answer on a TLS port, a client certificate the server refused, or TLS too weak for HTTP/2.",
    reference: `${NET_ERRORS} (ERR_SSL_PROTOCOL_ERROR -107, ERR_SSL_VERSION_OR_CIPHER_MISMATCH -113)`,
    causes: [
      { cause: "tls.mismatch", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1113",
    name: "ChromeTimedOut",
    severity: "error",
    summary: "Browser: {name} for {subject}",
    detail:
      "The connection or the request timed out in the browser. Connection timeouts point at the path (dropped SYNs, a black-holing firewall); request timeouts at a slow server.",
    reference: `${NET_ERRORS} (ERR_TIMED_OUT -7, ERR_CONNECTION_TIMED_OUT -118)`,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "timeout.route", weight: 0.15 },
    ],
  },
  {
    code: "PD1114",
    name: "ChromeConnectionRefused",
    severity: "error",
    summary: "Browser: {name} for {subject}",
    detail: "Nothing accepted the connection at the address the browser dialled: no listener on the port.",
    reference: `${NET_ERRORS} (ERR_CONNECTION_REFUSED, -102)`,
    causes: [{ cause: "upstream.connection-refused", weight: 0.35 }],
  },
  {
    code: "PD1115",
    name: "ChromeHttp11Required",
    severity: "warning",
    summary: "Browser: {name}: {subject} asked for HTTP/1.1 instead of HTTP/2",
    detail:
      "The server answered the HTTP/2 request with HTTP_1_1_REQUIRED: it or a proxy in front negotiates h2 by ALPN but cannot serve this request over it (client certificates, NTLM, a backend that only speaks HTTP/1.1).",
    reference: `${NET_ERRORS} (ERR_HTTP_1_1_REQUIRED, -365); RFC 9113 §7`,
    causes: [{ cause: "protocol.mismatch", weight: 0.4 }],
  },
  {
    code: "PD1116",
    name: "HarBodyShorterThanContentLength",
    severity: "error",
    summary: "HAR: {subject} announced {contentLength} bytes but {bodyBytes} arrived (status {status})",
    detail:
      "The browser recorded fewer body bytes than the response's Content-Length. The response was cut after its headers were sent, whatever the status says.",
    reference: `${HAR}; RFC 9112 §6.3`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.5 },
      { cause: "proxy.temp-storage-failure", weight: 0.25 },
    ],
  },
  {
    code: "PD1117",
    name: "HarErrorStatusFromProxy",
    severity: "warning",
    summary: "HAR: {producer} generated the {status} for {subject} itself",
    detail:
      "The error response in the HAR has a proxy's fingerprint and none of the headers of a relayed response, so the proxy answered on its own and the application never produced it.",
    reference: `${HAR}; Envoy x-envoy-upstream-service-time; Kong X-Kong-Response-Latency`,
    causes: [{ cause: "upstream.app-error", weight: -0.4 }],
  },
  {
    code: "PD1118",
    name: "HarErrorStatusFromApp",
    severity: "warning",
    summary: "HAR: the application answered {status} for {subject}",
    detail:
      "The error response carries the headers of a relayed response (upstream latency from Envoy or Kong, or the application's own server header): the application produced the error.",
    reference: `${HAR}; Envoy x-envoy-upstream-service-time; Kong X-Kong-Upstream-Latency`,
    causes: [{ cause: "upstream.app-error", weight: 0.5 }],
  },
  {
    code: "PD1119",
    name: "HarGatewayTimeout",
    severity: "error",
    summary: "HAR: {subject} answered 504 after waiting {waitMs} ms",
    detail:
      "A gateway gave up waiting for the upstream and answered 504. The wait time next to it shows which timeout fired (15 s is Envoy's default route timeout, 60 s nginx's proxy_read_timeout).",
    reference: `${HAR}; RFC 9110 §15.6.5`,
    causes: [{ cause: "timeout.route", weight: 0.5 }],
  },
  {
    code: "PD1120",
    name: "HarOnlyLargeResponsesFail",
    severity: "warning",
    summary:
      "HAR: only large responses fail ({failedCount} from {smallestFailed} bytes up), smaller ones up to {largestComplete} bytes arrive whole",
    detail:
      "Every response that broke is larger than every response that arrived complete. Failures that depend on size point at buffering in a proxy: responses that fit its memory buffers pass, bigger ones must be written to a temp file or streamed and break there. Check the proxy's temp directory and buffer limits before the application.",
    reference: "nginx proxy_buffers and proxy_temp_path; Kong blank-page field report",
    causes: [
      { cause: "proxy.temp-storage-failure", weight: 0.35 },
      { cause: "upstream.truncated-body", weight: 0.1 },
    ],
  },
  {
    code: "PD1121",
    name: "ConsoleBadGateway",
    severity: "warning",
    summary: "The browser got 502 Bad Gateway for {subject}: a proxy had no usable answer from the service behind it",
    detail:
      "A console line says only that some gateway answered 502: a proxy or load balancer could not get a valid response from the next hop (refused, reset, closed as idle, or invalid). It does not say which hop, nor why; the access log of the proxy that answered, or the response's headers, will.",
    reference: `${CONSOLE}; RFC 9110 §15.6.3`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.2 },
      { cause: "upstream.connection-refused", weight: 0.2 },
      { cause: "upstream.app-error", weight: 0.15 },
    ],
  },
  {
    code: "PD1122",
    name: "ConsoleServiceUnavailable",
    severity: "warning",
    summary: "The browser got 503 Service Unavailable for {subject}",
    detail:
      "A console line with a 503: a proxy with no healthy endpoint, one whose limits are full, or the application itself refusing. Which one answered is in the response's headers and the proxy's access log.",
    reference: `${CONSOLE}; RFC 9110 §15.6.4`,
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.25 },
      { cause: "limits.connection-pool", weight: 0.15 },
      { cause: "upstream.app-error", weight: 0.1 },
    ],
  },
  {
    code: "PD1123",
    name: "ConsoleGatewayTimeout",
    severity: "warning",
    summary: "The browser got 504 Gateway Timeout for {subject}",
    detail:
      "A console line with a 504: a gateway gave up waiting for the service behind it. Which gateway, and after how long, is in its access log or in a HAR export of the same request.",
    reference: `${CONSOLE}; RFC 9110 §15.6.5`,
    causes: [{ cause: "timeout.route", weight: 0.3 }],
  },
  {
    code: "PD1124",
    name: "ChromeRedirectLoop",
    severity: "error",
    summary: "Browser: {name} for {subject}: the site redirects to itself",
    detail:
      "The browser gave up after about 20 redirects. Behind a proxy the usual loop is the scheme: the proxy ends TLS and talks plain HTTP to an application that redirects every plain request to HTTPS (ingress-nginx `backend-protocol`, `X-Forwarded-Proto` not passed or not trusted, Argo CD's `--insecure`, a load balancer doing the same redirect as the application). Compare the scheme the application sees with the one the client used.",
    reference: `${NET_ERRORS} (ERR_TOO_MANY_REDIRECTS -310)`,
    causes: [
      { cause: "tls.mismatch", weight: 0.45 },
      { cause: "routing.no-route", weight: 0.1 },
    ],
  },
  {
    code: "PD1125",
    name: "WebSocketHandshakeRefused",
    severity: "error",
    summary: "{client}: the WebSocket handshake for {subject} got {status} instead of 101 Switching Protocols",
    detail:
      "The server or a proxy answered the opening handshake with an ordinary response. A proxy that does not pass the upgrade on is the usual reason: nginx without `proxy_http_version 1.1` and the `Upgrade`/`Connection` headers, a load balancer or CDN without WebSockets enabled, an Envoy route without the upgrade type (403 `upgrade_failed`). 400 can also be the application refusing what reached it (a changed `Connection` header, an Origin check, the wrong path), 404 a path no route matches, 401/403 missing credentials. Compare the response's `Server` header and body with the application's own.",
    reference:
      "RFC 6455 section 4.1 (the client fails the connection unless the status is 101); nginx WebSocket proxying; Chromium, ws, websockets, gorilla/websocket, .NET and OkHttp error texts",
    causes: [
      { cause: "protocol.mismatch", weight: 0.35 },
      { cause: "upstream.app-error", weight: 0.25 },
      { cause: "routing.no-route", weight: 0.1 },
    ],
  },
  {
    code: "PD1126",
    name: "WebSocketClosedWithoutCloseFrame",
    severity: "warning",
    summary: "{client}: the WebSocket to {subject} ended without a close frame (abnormal closure, 1006)",
    detail:
      "Neither side sent a close frame: the TCP connection was cut under the WebSocket. A proxy or load balancer timing out an idle connection is the most common reason (nginx and ingress-nginx `proxy_read_timeout` 60 s, AWS ALB idle timeout 60 s, HAProxy `timeout tunnel`/`timeout client`, Envoy `idle_timeout` and stream timeouts); if the drops come after the same quiet time, it is that timer, and pings more often than it fix them. Otherwise a proxy or server restart, or a middlebox dropping the flow.",
    reference:
      "RFC 6455 section 7.1.5 (status 1006); nginx proxy_read_timeout; ingress-nginx proxy-read-timeout and proxy-send-timeout; HAProxy timeout tunnel",
    causes: [
      { cause: "timeout.route", weight: 0.35 },
      { cause: "network.path-loss", weight: 0.2 },
      { cause: "lifecycle.sidecar-ordering", weight: 0.05 },
    ],
  },
  {
    code: "PD1127",
    name: "WebSocketKeepalivePingTimeout",
    severity: "warning",
    summary: "{client}: no answer to the WebSocket's keepalive ping for {subject}; the connection was closed (1011)",
    detail:
      "The client pinged and no pong came back in time, so it gave up on a connection that still looked open. Something between the two dropped the flow without telling either side (a load balancer or NAT idle timeout shorter than the ping interval, a proxy restart), or the server's event loop was blocked longer than the ping timeout.",
    reference: "Python websockets (keepalive ping timeout, close code 1011); RFC 6455 section 5.5.2 (Ping)",
    causes: [
      { cause: "network.path-loss", weight: 0.35 },
      { cause: "timeout.route", weight: 0.25 },
      { cause: "upstream.app-error", weight: 0.1 },
    ],
  },
  {
    code: "PD1128",
    name: "WebSocketUpgradeHeadersMissing",
    severity: "error",
    summary: "{client}: a WebSocket handshake arrived without its Upgrade or Connection header",
    detail:
      'The server got the handshake as an ordinary request: `Upgrade` and `Connection` are hop-by-hop headers, which a proxy drops unless told to pass them. nginx needs `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";` in the location; other proxies need WebSockets enabled on the route. The browser sees the handshake refused (400) or a connection that never upgrades.',
    reference:
      "RFC 6455 section 4.2.1; gorilla/websocket (the client is not using the websocket protocol); Python websockets (InvalidUpgrade); nginx WebSocket proxying",
    causes: [{ cause: "protocol.mismatch", weight: 0.7 }],
  },
  {
    code: "PD1129",
    name: "WebSocketOriginRejected",
    severity: "error",
    summary: "{client}: the application refused a WebSocket handshake for its Origin",
    detail:
      "The server's own origin check turned the handshake down (gorilla/websocket answers 403): the `Origin` the browser sent is not one the application allows. Behind a proxy this is often the proxy's doing, not the browser's: it rewrites `Host` (or drops the port) so that Origin and Host no longer match, or the application's allowed list lacks the public hostname. Compare the Origin with the Host the application receives, and allow the public origin or pass `Host` through unchanged.",
    reference: "RFC 6455 section 10.2 (origin considerations); gorilla/websocket Upgrader.CheckOrigin",
    causes: [
      { cause: "upstream.app-error", weight: 0.5 },
      { cause: "protocol.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1130",
    name: "WebSocketConnectFailed",
    severity: "error",
    summary: "{client}: the WebSocket to {subject} could not be opened, and the browser gave no reason",
    detail:
      "Firefox (`can’t establish a connection to the server at wss://…`) and Chrome (`WebSocket connection to '…' failed:` with nothing after) say this for any opening handshake that did not end in 101 Switching Protocols, and for a connection that never came up. Behind a proxy the usual reason is an upgrade the proxy did not pass on: no `Upgrade`/`Connection` headers forwarded, WebSockets not enabled on the route, or a rule that only matches `Connection: Upgrade` exactly while Firefox sends `Connection: keep-alive, Upgrade`. The network tab shows the handshake's real status; compare it with a `curl -i -N -H 'Connection: Upgrade' -H 'Upgrade: websocket'` straight to the application.",
    reference:
      "RFC 6455 section 4.1 and 4.2.1 (Connection holds the upgrade token, among others); Firefox and Chromium console texts",
    causes: [
      { cause: "protocol.mismatch", weight: 0.3 },
      { cause: "upstream.app-error", weight: 0.15 },
      { cause: "routing.no-route", weight: 0.1 },
    ],
  },
]);
