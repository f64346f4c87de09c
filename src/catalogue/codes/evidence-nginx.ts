import { defineFindings } from "../define.ts";

const UPSTREAM_C = "nginx src/http/ngx_http_upstream.c";
const PROXY_C = "nginx src/http/modules/ngx_http_proxy_module.c";

export const NGINX_FINDINGS = defineFindings([
  {
    code: "PD1401",
    name: "NginxTempFileDenied",
    severity: "error",
    summary: "{producer} cannot write its temp file {file}: {errnoText} while {action}",
    detail:
      "A response (or request body) outgrew nginx's memory buffers and nginx tried to spill it to its temp directory, but the worker user may not write there. nginx stops relaying mid-body: the client gets the headers and a cut body (HTTP/2 stream reset, curl 92 or 18). Typical after a volume is mounted into the nginx prefix, which makes the directory root-owned.",
    reference: `${UPSTREAM_C} (temp file creation); nginx proxy_temp_path`,
    causes: [
      { cause: "proxy.temp-storage-failure", weight: 0.9 },
      { cause: "upstream.truncated-body", weight: 0.2 },
    ],
  },
  {
    code: "PD1402",
    name: "NginxTempDiskFull",
    severity: "error",
    summary: "{producer} ran out of disk space writing {file}",
    detail:
      "nginx could not write its buffering or cache file because the file system is full (errno 28). Large responses are cut while small ones still pass.",
    reference: `${UPSTREAM_C}; nginx proxy_max_temp_file_size`,
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.8 }],
  },
  {
    code: "PD1403",
    name: "NginxTempReadOnly",
    severity: "error",
    summary: "{producer} cannot write {file}: the file system is read-only",
    detail:
      "nginx's temp or cache path sits on a read-only file system (errno 30), common with readOnlyRootFilesystem containers that have no writable volume for the nginx prefix. Buffering fails and large bodies are cut.",
    reference: `${UPSTREAM_C}; Kubernetes securityContext.readOnlyRootFilesystem`,
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.8 }],
  },
  {
    code: "PD1404",
    name: "NginxResponseBufferedToDisk",
    severity: "info",
    summary: "{producer} buffered an upstream response for {subject} to a temp file",
    detail:
      "Not an error: the response was bigger than proxy_buffers and nginx wrote it to disk. It shows that this route depends on a writable temp directory, which matters if large responses fail.",
    reference: `${UPSTREAM_C} (an upstream response is buffered to a temporary file)`,
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.1 }],
  },
  {
    code: "PD1405",
    name: "NginxRequestBodyBufferedToDisk",
    severity: "info",
    summary: "{producer} buffered a client request body for {subject} to a temp file",
    detail:
      "Not an error: the request body was larger than client_body_buffer_size and nginx wrote it to client_body_temp. Uploads therefore depend on that directory being writable.",
    reference: "nginx src/http/ngx_http_request_body.c",
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.05 }],
  },
  {
    code: "PD1406",
    name: "NginxUpstreamHeaderTooBig",
    severity: "error",
    summary: "{producer}: the upstream {upstream} sent response headers larger than proxy_buffer_size",
    detail:
      "The upstream's header section does not fit nginx's header buffer (one memory page by default), so nginx answers 502. Large Set-Cookie or token headers are the usual reason. Raise proxy_buffer_size (ingress-nginx: proxy-buffer-size annotation) or shrink the headers.",
    reference: `${UPSTREAM_C} (upstream sent too big header); nginx proxy_buffer_size`,
    causes: [{ cause: "limits.header-too-large", weight: 0.75 }],
  },
  {
    code: "PD1407",
    name: "NginxUpstreamClosedBeforeHeaders",
    severity: "error",
    summary: "{producer}: the upstream {upstream} closed the connection before sending response headers",
    detail:
      "The upstream took the request and closed without answering; nginx answers 502. With keepalive connections to the upstream this is the keep-alive race; otherwise the upstream crashed, or its own timeout fired first.",
    reference: `${UPSTREAM_C} (upstream prematurely closed connection)`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1438",
    name: "NginxUpstreamClosedFreshConnection",
    severity: "error",
    summary: "{producer}: the upstream {upstream} closed the connection before sending response headers",
    detail:
      "Plain nginx opens a new connection to the upstream for each request and speaks HTTP/1.0 to it unless the configuration says `keepalive` and `proxy_http_version 1.1`, so the keep-alive race is the less likely reading here. An upstream that closes a fresh connection without answering crashed on the request, refuses HTTP/1.0 (some servers and frameworks close such requests), or speaks another protocol on that port. If the upstream block does keep connections alive, the keep-alive race comes back into play.",
    reference: `${UPSTREAM_C} (upstream prematurely closed connection); nginx proxy_http_version (default 1.0), upstream keepalive`,
    causes: [
      { cause: "protocol.mismatch", weight: 0.3 },
      { cause: "upstream.app-error", weight: 0.3 },
      { cause: "upstream.keepalive-race", weight: 0.25 },
    ],
  },
  {
    code: "PD1408",
    name: "NginxUpstreamClosedMidBody",
    severity: "error",
    summary: "{producer}: the upstream {upstream} closed the connection in the middle of the body",
    detail:
      "Headers (often a 200) had already gone to the client when the upstream closed. The client sees a truncated body: curl 18 or 92, ERR_INCOMPLETE_CHUNKED_ENCODING or ERR_HTTP2_PROTOCOL_ERROR.",
    reference: `${UPSTREAM_C} (upstream prematurely closed connection while reading upstream)`,
    causes: [{ cause: "upstream.truncated-body", weight: 0.6 }],
  },
  {
    code: "PD1409",
    name: "NginxUpstreamDuplicateHeader",
    severity: "error",
    summary: "{producer}: the upstream {upstream} sent a duplicate or conflicting header{header}",
    detail:
      "Since 1.23 nginx refuses a response that repeats a header which must appear once (Content-Length, Location, Content-Type…) and answers 502. Responses that passed older nginx fail after an upgrade; fix the application or middleware that adds the second copy.",
    reference: `${UPSTREAM_C} (header handlers; nginx 1.23.0)`,
    causes: [{ cause: "upstream.malformed-header", weight: 0.75 }],
  },
  {
    code: "PD1410",
    name: "NginxUpstreamInvalidHeader",
    severity: "error",
    summary: "{producer}: the upstream {upstream} sent an invalid header line{header}",
    detail:
      "A header line from the upstream is malformed: control bytes, a space or other non-token byte in the name, a bare LF, or non-HTTP bytes. nginx answers 502. Since 1.21.1 nginx quotes the offending bytes.",
    reference: `${PROXY_C} (upstream sent invalid header)`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.7 },
      { cause: "protocol.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1411",
    name: "NginxUpstreamInvalidChunked",
    severity: "error",
    summary: "{producer}: the upstream {upstream} sent invalid chunked framing",
    detail:
      "The upstream's chunked body is malformed (bad chunk size line, missing CRLF), so nginx cannot tell where the body ends and abandons the response.",
    reference: `${PROXY_C} (upstream sent invalid chunked response); RFC 9112 §7.1`,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.45 },
      { cause: "upstream.truncated-body", weight: 0.2 },
    ],
  },
  {
    code: "PD1412",
    name: "NginxUpstreamExcessBody",
    severity: "warning",
    summary: "{producer}: the upstream {upstream} sent more body than its Content-Length",
    detail:
      "The upstream wrote more bytes than its Content-Length announced; nginx drops the excess and may close the connection. The Content-Length is wrong, often left from before compression or another body rewrite.",
    reference: `${PROXY_C} (upstream sent more data than specified in "Content-Length")`,
    causes: [{ cause: "upstream.malformed-header", weight: 0.5 }],
  },
  {
    code: "PD1413",
    name: "NginxUpstreamConnectRefused",
    severity: "error",
    summary: "{producer}: connection to the upstream {upstream} was refused",
    detail:
      "Nothing listens at the upstream address nginx dialled: the application is down or restarting, listens on another port, or the address is stale (nginx resolves proxy_pass names once unless a resolver is used).",
    reference: `${UPSTREAM_C} (connect() failed)`,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1414",
    name: "NginxUpstreamReadTimeout",
    severity: "error",
    summary: "{producer}: the upstream {upstream} timed out while {action}",
    detail:
      "The upstream accepted the request but did not send the next bytes within proxy_read_timeout (60 s by default); nginx answers 504, or cuts the body if headers were already sent.",
    reference: `${UPSTREAM_C} (upstream timed out); nginx proxy_read_timeout`,
    causes: [{ cause: "timeout.route", weight: 0.65 }],
  },
  {
    code: "PD1437",
    name: "NginxBrokenProxyProtocolHeader",
    severity: "error",
    summary: "{producer} expected a PROXY protocol header from the client and got other bytes",
    detail:
      'The listen socket has `proxy_protocol` (ingress-nginx `use-proxy-protocol: "true"`), so nginx reads a PROXY header before anything else; the peer sent HTTP or a TLS ClientHello instead. The load balancer in front does not send the PROXY protocol (or sends it on another port), or clients reach nginx directly. Turn it on at the load balancer (the AWS NLB `aws-load-balancer-proxy-protocol` annotation, a target group attribute) or off at nginx, so both sides agree.',
    reference: "nginx src/core/ngx_proxy_protocol.c (broken header … while reading PROXY protocol)",
    causes: [{ cause: "protocol.mismatch", weight: 0.8 }],
  },
  {
    code: "PD1439",
    name: "NginxClientLimitReached",
    severity: "error",
    summary: "{producer} turned requests away at a per-client limit (limit_conn or limit_req)",
    detail:
      "`limit_conn` or `limit_req` refused the request (503 by default, or `limit_conn_status`/`limit_req_status`): one client, or many clients behind one address (a NAT, a corporate proxy, a load balancer that does not pass the client address), opened more connections or requests than the zone allows. Raise the limit, key the zone on the real client address, or exempt the addresses in front.",
    reference: "nginx ngx_http_limit_conn_module, ngx_http_limit_req_module (limiting connections/requests by zone)",
    causes: [{ cause: "limits.connection-pool", weight: 0.6 }],
  },
  {
    code: "PD1436",
    name: "NginxUpgradedConnectionTimedOut",
    severity: "warning",
    summary: "{producer}: an upgraded connection (WebSocket) to {upstream} was closed after a quiet spell",
    detail:
      "nginx relays an upgraded connection only while bytes flow: when neither side sends for proxy_read_timeout (60 s by default; ingress-nginx's proxy-read-timeout, the nginx-ingress `nginx.org/proxy-read-timeout` annotation), it closes it. WebSocket pings sent by the browser do not count unless they pass through. Long-lived sockets need a longer timeout or application pings more often than the timeout.",
    reference: `${UPSTREAM_C} (upstream timed out while proxying upgraded connection); nginx proxy_read_timeout; nginx WebSocket proxying`,
    causes: [{ cause: "timeout.route", weight: 0.7 }],
  },
  {
    code: "PD1415",
    name: "NginxUpstreamConnectTimeout",
    severity: "error",
    summary: "{producer}: connecting to the upstream {upstream} timed out",
    detail:
      "The TCP handshake to the upstream never completed within proxy_connect_timeout: SYNs dropped by a firewall or network policy, a dead address, or an overloaded host.",
    reference: `${UPSTREAM_C}; nginx proxy_connect_timeout`,
    causes: [
      { cause: "network.path-loss", weight: 0.55 },
      { cause: "upstream.connection-refused", weight: 0.15 },
      { cause: "timeout.route", weight: 0.1 },
    ],
  },
  {
    code: "PD1416",
    name: "NginxNoLiveUpstreams",
    severity: "error",
    summary: "{producer}: every server of the upstream {upstream} is marked down",
    detail:
      "After failures (max_fails within fail_timeout) nginx marked all servers of the upstream block as unavailable and answers 502 at once. Look at the errors just before it; a single-server upstream is marked down by one error.",
    reference: `${UPSTREAM_C} (no live upstreams); nginx upstream max_fails`,
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.55 },
      { cause: "upstream.connection-refused", weight: 0.2 },
    ],
  },
  {
    code: "PD1417",
    name: "NginxUpstreamReset",
    severity: "error",
    summary: "{producer}: the upstream {upstream} reset the connection while {action}",
    detail:
      "A TCP reset came from the upstream side before its response head was complete. On reused keepalive connections this is the keep-alive race; otherwise a crash or a middlebox dropping the flow.",
    reference: `${UPSTREAM_C} (recv() failed (104: Connection reset by peer))`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.5 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1418",
    name: "NginxClientBodyTooLarge",
    severity: "warning",
    summary: "{producer} refused a {bytes}-byte request body for {subject} (client_max_body_size)",
    detail:
      "The request body is larger than client_max_body_size (1 MiB by default), so nginx itself answered 413; the application never saw the request. Raise the limit (ingress-nginx: proxy-body-size annotation) if such uploads are expected.",
    reference: "nginx src/http/ngx_http_core_module.c (client_max_body_size)",
    causes: [
      { cause: "limits.body-too-large", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1419",
    name: "NginxUpstreamTlsHandshakeFailed",
    severity: "error",
    summary: "{producer}: TLS handshake with the upstream {upstream} failed ({reason})",
    detail:
      "nginx proxies with https:// but the handshake fails: the upstream speaks plaintext (wrong version number), wants SNI (proxy_ssl_server_name on), or refuses nginx's client certificate.",
    reference: "nginx src/event/ngx_event_openssl.c (SSL_do_handshake() failed)",
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1420",
    name: "NginxUpstreamCertificateRejected",
    severity: "error",
    summary: "{producer}: the certificate of the upstream {upstream} failed verification",
    detail:
      "With proxy_ssl_verify on, the upstream's certificate did not verify: unknown issuer, or a name that does not match proxy_ssl_name. Kong reports the same line and answers 502.",
    reference: `${UPSTREAM_C} (upstream SSL certificate verify error)`,
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1421",
    name: "NginxUpstreamNotHttp",
    severity: "error",
    summary: "{producer}: the upstream {upstream} did not answer with an HTTP/1 response",
    detail:
      "The first bytes from the upstream were not an HTTP status line. proxy_pass points at a port that speaks something else: TLS, HTTP/2 only (gRPC, h2c), or another protocol.",
    reference: `${PROXY_C} (upstream sent no valid HTTP/1.0 header)`,
    causes: [{ cause: "protocol.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1422",
    name: "NginxUpstreamUnreachable",
    severity: "error",
    summary: "{producer}: the upstream {upstream} is unreachable ({errnoText})",
    detail:
      "The kernel had no route to the upstream address (errno 113 or 101), or ran out of local ports (99). The failure is in the network or the host, not in the application.",
    reference: `${UPSTREAM_C} (connect() failed)`,
    causes: [
      { cause: "network.path-loss", weight: 0.4 },
      { cause: "upstream.connection-refused", weight: 0.2 },
    ],
  },
  {
    code: "PD1423",
    name: "KongNoHealthyTarget",
    severity: "error",
    summary: "Kong found no healthy target for {subject} (ring-balancer)",
    detail:
      "Kong's load balancer has no usable target for the upstream: none configured, or all marked unhealthy by health checks. Kong answers 503 itself.",
    reference: "Kong kong/runloop/balancer (failure to get a peer from the ring-balancer)",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.6 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1424",
    name: "KongDnsResolutionFailed",
    severity: "error",
    summary: "Kong could not resolve the upstream host for {subject}",
    detail:
      "Kong's DNS lookup of the Service host failed (no such name, empty answer, DNS server error), so there is no address to send the request to and Kong answers 503.",
    reference: "Kong balancer (DNS resolution failed, name resolution failed)",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.3 }],
  },
  {
    code: "PD1425",
    name: "NginxClientClosedRequest",
    severity: "info",
    summary: "{producer}: clients closed requests for {subject} before the response came (499)",
    detail:
      "The client went away while nginx waited for the upstream. One-off cases are users navigating away; many of them mean the client's (or a load balancer's) timeout is shorter than the upstream's response time.",
    reference: `${UPSTREAM_C} (client prematurely closed connection); nginx status 499`,
    causes: [
      { cause: "client.gave-up", weight: 0.55 },
      { cause: "timeout.route", weight: 0.15 },
    ],
  },
  {
    code: "PD1426",
    name: "NginxUpstreamSendFailed",
    severity: "warning",
    summary: "{producer}: the upstream {upstream} closed while nginx was sending the request",
    detail:
      "The upstream closed or reset the connection while the request (or its body) was still being written: a pooled connection it had already closed, or an early rejection of a large body.",
    reference: `${UPSTREAM_C} (while sending request to upstream)`,
    causes: [{ cause: "upstream.keepalive-race", weight: 0.35 }],
  },
  {
    code: "PD1427",
    name: "NginxAccessGatewayTimeouts",
    severity: "error",
    summary: "{producer} access log: {count} request(s) answered 504 (e.g. {path})",
    detail:
      "nginx answered 504 because the upstream did not respond within its timeouts. The request time of the examples shows which limit was hit.",
    reference: "nginx access log ($status, $request_time, $upstream_status)",
    causes: [{ cause: "timeout.route", weight: 0.35 }],
  },
  {
    code: "PD1428",
    name: "NginxAccessErrorFromUpstream",
    severity: "warning",
    summary: "{producer} access log: the upstream itself answered {status} ({count} request(s), e.g. {path})",
    detail:
      "The error status in the access log equals the upstream's own status ($upstream_status), so the application produced it and nginx relayed it. 502 and 504 are not read this way: nginx records those as the upstream status of its own connect and timeout failures.",
    reference: "ingress-nginx log-format-upstream ($upstream_status)",
    causes: [{ cause: "upstream.app-error", weight: 0.35 }],
  },
  {
    code: "PD1429",
    name: "NginxAccessErrorWithoutUpstream",
    severity: "warning",
    summary: "{producer} access log: {count} request(s) answered {status} with no upstream response (e.g. {path})",
    detail:
      "nginx answered with the error status and recorded no upstream status at all: no upstream was tried, so nginx generated the response itself (no endpoint, a limit, a rejected request).",
    reference: "ingress-nginx log-format-upstream ($upstream_status)",
    causes: [{ cause: "upstream.app-error", weight: -0.3 }],
  },
  {
    code: "PD1430",
    name: "NginxClientHeaderTooLarge",
    severity: "error",
    summary: "{producer} refused request headers from a client for {subject}: too large",
    detail:
      "A request header line or the whole header section is larger than large_client_header_buffers (HTTP/1.1) or the HTTP/2 field limits, so nginx answered 400 or 494 itself, or reset the HTTP/2 stream. Oversized cookies and bearer tokens are the usual culprits.",
    reference: "nginx src/http/ngx_http_request.c, src/http/v2/ngx_http_v2.c (large_client_header_buffers)",
    causes: [
      { cause: "limits.header-too-large", weight: 0.6 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1431",
    name: "NginxUpstreamHttp2Error",
    severity: "error",
    summary: "{producer}: the HTTP/2 upstream {upstream} failed the request ({detail})",
    detail:
      "nginx talks HTTP/2 to this upstream (grpc_pass, or the HTTP/2 proxy module) and the upstream reset the stream or closed the connection with an error. A GOAWAY points at connection limits or draining; a reset at the server's handling of the request; both together with TLS settings at grpc:// versus grpcs://.",
    reference:
      "nginx src/http/modules/ngx_http_grpc_module.c (upstream rejected request with error, upstream sent goaway)",
    causes: [
      { cause: "connection.goaway", weight: 0.3 },
      { cause: "protocol.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD1432",
    name: "KongTargetMarkedUnhealthy",
    severity: "warning",
    summary: "Kong health checks marked the target {target} unhealthy",
    detail:
      "Kong's active or passive health checker counted enough failures (TCP, HTTP or timeouts) to take a target out of its Upstream. When every target is out, requests fail with 503 `failure to get a peer from the ring-balancer`.",
    reference:
      "lua-resty-healthcheck (unhealthy … increment, target status … from 'true' to 'false'); Kong Upstream healthchecks",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.35 }],
  },
  {
    code: "PD1433",
    name: "IngressNginxServiceWithoutEndpoints",
    severity: "error",
    summary: "ingress-nginx: the Service {service} has no ready endpoints",
    detail:
      "The ingress-nginx controller found no ready Endpoint (or no Endpoints object) for a Service an Ingress routes to, so requests for it get 503 from nginx. The Service selector matches no pod, the pods are not ready, or the Ingress names the wrong Service or port.",
    reference: "ingress-nginx internal/ingress/controller/controller.go (does not have any active Endpoint)",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.6 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1434",
    name: "NginxUpstreamResetMidBody",
    severity: "error",
    summary: "{producer}: the upstream {upstream} reset the connection in the middle of its response body",
    detail:
      "The upstream's status line and headers had arrived (nginx may already have sent them on to the client) when a TCP reset came while the body was still being read: the client gets a response cut short (in a browser, ERR_INCOMPLETE_CHUNKED_ENCODING or a content-length mismatch). This is not the keep-alive race, which happens before any response byte; look at the upstream's crashes, timeouts and body size limits, or a middlebox dropping long flows.",
    reference: `${UPSTREAM_C} (recv() failed (104: Connection reset by peer) while reading upstream)`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.6 },
      { cause: "network.path-loss", weight: 0.1 },
      { cause: "upstream.keepalive-race", weight: -0.4 },
    ],
  },
  {
    code: "PD1435",
    name: "NginxUpstreamHttp2FrameTooLarge",
    severity: "error",
    summary:
      "{producer}: the upstream {upstream} answered something that is not HTTP/2 (frame length {length}, as text {asText})",
    detail:
      'nginx spoke HTTP/2 to the upstream (grpc_pass or an h2 upstream) and read the first bytes back as a frame header with an impossible length. When those three bytes are text the upstream answered in another protocol: "HTT" is an HTTP/1 status line (the backend serves HTTP/1, or TLS-terminates differently than the ingress expects), "\\x15\\x03\\x01"-like bytes a TLS alert. Point grpc_pass at a port that speaks h2c (or use grpcs:// for TLS), or set the ingress backend protocol to match the service.',
    reference: `${UPSTREAM_C}; ngx_http_grpc_module.c (upstream sent too large http2 frame)`,
    causes: [
      { cause: "protocol.mismatch", weight: 0.65 },
      { cause: "tls.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1440",
    name: "NginxProxyHeaderReadAsRequest",
    severity: "error",
    summary: "{producer} read a PROXY protocol header as the request line ({count} time(s)) and answered 400",
    detail:
      'The access log\'s request is `PROXY TCP4 <client> <proxy> <ports>`: the load balancer in front sends the PROXY protocol, and this listener does not expect it, so nginx (Kong, ingress-nginx) parses the header as HTTP and refuses it. On a TLS port the client sees a TLS error instead (`ERR_SSL_PROTOCOL_ERROR`, `wrong version number`) because the 400 comes back in plain text. Turn the PROXY protocol on at this listener (`listen … proxy_protocol`, ingress-nginx `use-proxy-protocol: "true"`, Kong `proxy_listen … proxy_protocol`) or off at the load balancer, so both sides agree.',
    reference:
      "HAProxy PROXY protocol specification; nginx ngx_http_core_module listen proxy_protocol; vitobotta/hetzner-k3s#263",
    causes: [{ cause: "protocol.mismatch", weight: 0.8 }],
  },
  {
    code: "PD1441",
    name: "NginxWorkerConnectionsExhausted",
    severity: "error",
    summary: "{producer}: {limit} worker_connections are not enough",
    detail:
      "Each nginx worker holds at most `worker_connections` connections, counting both the clients' and its own to the upstreams, so a proxied request takes two. When a worker runs out it drops new connections (clients see resets or time-outs, the access log may show nothing) and logs this alert; slow upstreams that hold connections open make it come sooner. Raise `worker_connections` (and the open-file limit, `worker_rlimit_nofile`, with it) or add workers.",
    reference:
      "nginx ngx_event_connect.c and ngx_event_accept.c (worker_connections are not enough); nginx events module worker_connections",
    causes: [{ cause: "limits.connection-pool", weight: 0.7 }],
  },
  {
    code: "PD1442",
    name: "NginxH2PrefaceReadAsRequest",
    severity: "error",
    summary:
      "{producer} read the HTTP/2 preface as the request line ({count} time(s)): an HTTP/2 client reached an HTTP/1 listener",
    detail:
      "The access log's request is `PRI * HTTP/2.0`, the first line of HTTP/2's connection preface without TLS. This listener has no `http2` (or, since nginx 1.25.1, `http2 on;` without TLS is not set), so nginx parses the preface as HTTP/1 and answers 400. The client is a gRPC or h2c client, or a proxy in front sending HTTP/2 in plaintext (nginx `grpc_pass grpc://`, an Envoy cluster with HTTP/2 protocol options, a port named `grpc-`/`http2-` in a mesh). Send it to a port that speaks HTTP/2 (with TLS: `grpcs://`), or make that hop speak HTTP/1.1.",
    reference: "RFC 9113 section 3.4 (connection preface); nginx ngx_http_v2_module (listen … http2, http2 on)",
    causes: [{ cause: "protocol.mismatch", weight: 0.8 }],
  },
  {
    code: "PD1443",
    name: "IngressNginxIgnoredIngressClass",
    severity: "error",
    summary: "ingress-nginx left out {ingress}: it has no IngressClass this controller owns",
    detail:
      "Since ingress-nginx 1.0 the controller serves only Ingresses whose `spec.ingressClassName` (or the old `kubernetes.io/ingress.class` annotation) names its IngressClass, unless `--watch-ingress-without-class` is set. This Ingress was skipped, so its hosts and paths reach the default backend and get 404. Set `ingressClassName: nginx` (the class this controller owns), or mark that IngressClass as the cluster's default.",
    reference:
      "ingress-nginx store.go (Ignoring ingress because of error while validating ingress class); IngressClass",
    causes: [{ cause: "routing.no-route", weight: 0.7 }],
  },
  {
    code: "PD1444",
    name: "IngressNginxRefusedAnnotation",
    severity: "error",
    summary: "ingress-nginx refused an Ingress's annotations: {message}",
    detail:
      'The controller validates annotations before it renders the configuration. Snippet annotations (`server-snippet`, `configuration-snippet`) are off by default since 1.9, and since 1.12 they are also rated Critical, above the default `annotations-risk-level: High`; an Ingress that carries them is dropped from the configuration (or refused by the admission webhook), so its routes disappear. Move the logic into the ConfigMap or supported annotations, or, accepting the risk, set `allow-snippet-annotations: "true"` and `annotations-risk-level: Critical`.',
    reference: "ingress-nginx annotations risk level (1.12), allow-snippet-annotations; kubernetes/ingress-nginx#13095",
    causes: [{ cause: "config.rejected", weight: 0.65 }],
  },
  {
    code: "PD1445",
    name: "NginxClientTimeout408",
    severity: "warning",
    summary:
      "{producer} answered 408 on {subject} ({count} time(s)) after {requestTime} s: its client header or body timeout ran out",
    detail:
      "nginx answers 408 itself when the client stops sending: `client_header_timeout` for the request's head and `client_body_timeout` for the body, both 60 s by default and both counted between two reads, not for the whole request. A long upload from a slow client, or a streaming request (a gRPC client stream, a long-poll that sends nothing for a minute), goes quiet for longer than that and is cut, whatever `proxy_read_timeout` says. A time just past 60 s points to the default. Raise `client_body_timeout` (ingress-nginx: `client-body-timeout` in the ConfigMap, with `grpc_read_timeout`/`grpc_send_timeout` for gRPC), or have the client send keep-alive messages.",
    reference: "nginx ngx_http_core_module (client_header_timeout, client_body_timeout, 408)",
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "client.gave-up", weight: 0.1 },
    ],
  },
  {
    code: "PD1446",
    name: "NginxUpstreamSocketMissing",
    severity: "error",
    summary: "{producer}: the upstream's unix socket {upstream} does not exist",
    detail:
      "nginx dialled a unix-domain socket (`fastcgi_pass unix:…`, `uwsgi_pass`, `proxy_pass http://unix:…`) and the file is not there: the application server (PHP-FPM, uWSGI, gunicorn) is not running, has not started yet, or listens on another path or on TCP. Nothing accepts the connection, so nginx answers 502. Start the service, or make the socket path in its pool or config and in nginx the same (and on a volume both containers share).",
    reference: "nginx ngx_event_connect (connect() to unix:… failed (2: No such file or directory))",
    causes: [{ cause: "upstream.connection-refused", weight: 0.7 }],
  },
  {
    code: "PD1447",
    name: "NginxLoopbackUpstreamRefused",
    severity: "info",
    summary: "{producer}: the refused upstream {upstream} is on loopback, where a sidecar's local listener may be",
    detail:
      "nginx was refused on an address of its own pod or host. Either the application it fronts there is down, or the address is a sidecar's local listener: Consul Connect and Dapr bind an application's upstreams on 127.0.0.1, so while the sidecar is still starting, or has already stopped during a rolling update (it exits on SIGTERM before nginx stops sending), every call is refused. Look at when the refusals happen: at pod start or stop points to the sidecar's lifecycle (start it first and stop it last), all the time to the local service.",
    reference: "Consul Connect upstreams (local_bind_port); consul-k8s#650 (sidecar stops before the application)",
    causes: [{ cause: "lifecycle.sidecar-ordering", weight: 0.2 }],
  },
]);
