import { defineFindings } from "../define.ts";

const TRAEFIK = "Traefik pkg/proxy/httputil/proxy.go (ErrorHandler, ComputeStatusCode)";
const CADDY = "Caddy modules/caddyhttp/reverseproxy/reverseproxy.go";
const APACHE = "Apache httpd modules/proxy/proxy_util.c, mod_proxy_http.c";
const LINKERD = "linkerd2-proxy linkerd/app/core/src/errors/respond.rs";
const ALL = `${TRAEFIK}; ${CADDY}; ${APACHE}; ${LINKERD}`;

/**
 * Traefik, Caddy, Apache httpd and Linkerd logs. One code per failure whatever the proxy, with
 * the weights of the nginx, HAProxy or Go code for the same condition.
 */
export const PROXIES_FINDINGS = defineFindings([
  {
    code: "PD1470",
    name: "ProxyUpstreamRefused",
    severity: "error",
    summary: "{producer}: connection to the upstream {upstream} was refused ({count} time(s))",
    detail:
      "The proxy's connect to the upstream got a TCP reset straight away: nothing listens on that address and port. The app is down or restarting, listens on another port, or is bound to 127.0.0.1 inside its container. The proxy answers with its own 502 (Apache: 503).",
    reference: ALL,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1471",
    name: "ProxyUpstreamUnreachable",
    severity: "error",
    summary: "{producer}: the upstream {upstream} is unreachable ({count} time(s))",
    detail:
      "The kernel reported no route or an unreachable network for the upstream's address: a stale endpoint address, a node gone, or a firewall answering with ICMP unreachable.",
    reference: ALL,
    causes: [
      { cause: "network.path-loss", weight: 0.4 },
      { cause: "upstream.connection-refused", weight: 0.2 },
    ],
  },
  {
    code: "PD1472",
    name: "ProxyUpstreamConnectTimeout",
    severity: "error",
    summary: "{producer}: connecting to the upstream {upstream} timed out ({count} time(s))",
    detail:
      "The TCP handshake with the upstream got no answer in time. Packets to the address are dropped: a dead pod's address still in the endpoint list, a security group or network policy, or a saturated backlog.",
    reference: ALL,
    causes: [
      { cause: "network.path-loss", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.25 },
      { cause: "timeout.route", weight: 0.15 },
    ],
  },
  {
    code: "PD1473",
    name: "ProxyUpstreamResetBeforeHeaders",
    severity: "error",
    summary: "{producer}: the upstream {upstream} reset the connection before its response head ({count} time(s))",
    detail:
      "The request went out and the upstream answered it with a TCP reset instead of a status line. On a reused keep-alive connection this is the upstream closing idle connections sooner than the proxy does; otherwise the app crashed or a middlebox cut the connection.",
    reference: ALL,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.5 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1474",
    name: "ProxyUpstreamClosedBeforeHeaders",
    severity: "error",
    summary: "{producer}: the upstream {upstream} closed the connection without answering ({count} time(s))",
    detail:
      "The upstream closed cleanly (EOF) after taking the request and before sending a status line. Typical of the keep-alive race, of an app that exits or restarts, or of a server that does not speak the protocol it was sent.",
    reference: ALL,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.1 },
    ],
  },
  {
    code: "PD1475",
    name: "ProxyUpstreamTimeoutBeforeHeaders",
    severity: "error",
    summary: "{producer}: the upstream {upstream} did not answer in time ({count} time(s))",
    detail:
      "The connection was made and the request sent, but no response head came before the proxy's timeout (Traefik's responseHeaderTimeout or forwarding timeouts, Caddy's response_header_timeout, Apache's ProxyTimeout, Linkerd's request timeout). The app is slow on this route or the limit is shorter than its normal answer time.",
    reference: ALL,
    causes: [{ cause: "timeout.route", weight: 0.65 }],
  },
  {
    code: "PD1476",
    name: "ProxyUpstreamBodyCut",
    severity: "error",
    summary: "{producer}: the upstream {upstream} broke off in the middle of its response body ({count} time(s))",
    detail:
      "The status and headers had already gone to the client when the upstream's connection failed; the proxy can only abort, so the client sees a truncated body (curl 18, a reset HTTP/2 stream, a broken download).",
    reference: `${CADDY} (aborting with incomplete response); ${APACHE} (error reading response); Go net/http/httputil ReverseProxy`,
    causes: [
      { cause: "upstream.truncated-body", weight: 0.6 },
      { cause: "network.path-loss", weight: 0.1 },
      { cause: "upstream.keepalive-race", weight: -0.4 },
    ],
  },
  {
    code: "PD1477",
    name: "ProxyUpstreamBodyTimeout",
    severity: "error",
    summary: "{producer}: the upstream {upstream} went quiet in the middle of its response body ({count} time(s))",
    detail:
      "The upstream sent its headers and part of the body, then nothing until the proxy's read timeout fired. Long-polling, streaming and slow exports hit this unless the timeout is raised for their route.",
    reference: `${APACHE} (error reading response, APR_TIMEUP); ${CADDY}`,
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "upstream.truncated-body", weight: 0.35 },
    ],
  },
  {
    code: "PD1478",
    name: "ProxyUpstreamCertificateRejected",
    severity: "error",
    summary: "{producer}: the certificate of the upstream {upstream} failed verification: {message}",
    detail:
      "The proxy spoke TLS to the upstream and rejected its certificate: unknown issuer (a private CA the proxy does not trust), a name or IP address not in the certificate, or an expired one. Give the proxy the CA, use the name on the certificate, or configure the server name it should verify.",
    reference: `${TRAEFIK} (isTLSConfigError); Go crypto/x509; Apache mod_ssl (Certificate Verification)`,
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1479",
    name: "ProxyUpstreamTlsMismatch",
    severity: "error",
    summary: "{producer}: TLS to the upstream {upstream} failed: {message}",
    detail:
      "The two ends disagree on TLS: the proxy sent a TLS handshake to a plaintext port (`server gave HTTP response to HTTPS client`, `first record does not look like a TLS handshake`), the handshake failed, or the proxy was asked for an https upstream without TLS enabled for proxying (Apache's SSLProxyEngine).",
    reference: `Go crypto/tls and net/http (transport); ${APACHE} (ssl support for the backend)`,
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1480",
    name: "ProxyUpstreamNotHttp",
    severity: "error",
    summary: "{producer}: the upstream {upstream} did not answer with a valid HTTP response: {message}",
    detail:
      "What came back does not parse as an HTTP/1 response: the port serves another protocol (HTTP/2 without upgrade, a database, TLS), or the app writes raw bytes before the status line.",
    reference: "Go net/http (transport: malformed HTTP response / status code)",
    causes: [{ cause: "protocol.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1481",
    name: "ProxyNoHealthyUpstream",
    severity: "error",
    summary: "{producer}: no healthy upstream for {subject} ({count} time(s))",
    detail:
      "The proxy had nowhere to send the request: every server is marked down by health checks or failed connects (Caddy's `no upstreams available`, Apache's disabled workers), so it answered 503 itself.",
    reference: `${CADDY}; Apache mod_proxy_balancer`,
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.55 },
      { cause: "upstream.connection-refused", weight: 0.2 },
    ],
  },
  {
    code: "PD1482",
    name: "ProxyUpstreamMarkedDown",
    severity: "warning",
    summary: "{producer} took the upstream {upstream} out of rotation ({count} time(s)): {message}",
    detail:
      "A health check failed or a connect error put the server aside (Traefik removes it from the server list, Caddy marks it unhealthy, Apache disables the worker for its retry period). Requests go to the others while any are left.",
    reference:
      "Traefik pkg/healthcheck; Caddy reverseproxy/healthchecks.go; Apache proxy_util.c (ap_proxy_connect_backend)",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.35 }],
  },
  {
    code: "PD1483",
    name: "ProxyClientClosedRequest",
    severity: "info",
    summary: "{producer}: the client went away before the answer came ({count} time(s))",
    detail:
      "The client closed its connection while the proxy waited for the upstream (Traefik logs 499 Client Closed Request). A few are users leaving; many mean a client or load balancer timeout shorter than the upstream's response time.",
    reference: `${TRAEFIK} (StatusClientClosedRequest); linkerd2-proxy linkerd/app/core/src/serve.rs`,
    causes: [
      { cause: "client.gave-up", weight: 0.55 },
      { cause: "timeout.route", weight: 0.15 },
    ],
  },
  {
    code: "PD1484",
    name: "ProxyUpstreamGoaway",
    severity: "warning",
    summary: "{producer}: the HTTP/2 upstream {upstream} sent GOAWAY and closed while a request was on it",
    detail:
      "The upstream ended its HTTP/2 connection (a graceful shutdown, a max-connection-age or a stream limit) and a request in flight on it failed instead of being retried.",
    reference: "Go golang.org/x/net/http2 transport (server sent GOAWAY and closed the connection)",
    causes: [{ cause: "connection.goaway", weight: 0.55 }],
  },
  {
    code: "PD1485",
    name: "ApacheNoProtocolHandler",
    severity: "error",
    summary: "apache: no proxy module handles the scheme of {path}",
    detail:
      "mod_proxy found no submodule for the URL's scheme (ajp://, h2c://, ws://, fcgi://…): the module for that protocol is not loaded, or the scheme in ProxyPass is not the one the backend speaks. Apache answers 500 without contacting the backend.",
    reference: "Apache httpd modules/proxy/mod_proxy.c (proxy_handler: No protocol handler was valid)",
    causes: [{ cause: "protocol.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1486",
    name: "LinkerdProtocolDetectionTimeout",
    severity: "warning",
    summary: "linkerd: protocol detection timed out on {upstream} ({count} time(s))",
    detail:
      "Linkerd waits for the client's first bytes to tell TLS and HTTP from other traffic. With a server-speaks-first protocol (MySQL, SMTP…) or a client that connects and stays silent, nothing comes and the proxy gives up after its detect timeout. Mark such ports opaque or skip them.",
    reference: "linkerd2-proxy linkerd/tls (detect), linkerd/app/core/src/serve.rs; Linkerd docs: protocol detection",
    causes: [{ cause: "protocol.mismatch", weight: 0.5 }],
  },
  {
    code: "PD1487",
    name: "LinkerdUnauthenticatedDirectConnection",
    severity: "error",
    summary: "linkerd: a direct connection to {upstream} was refused without mesh TLS",
    detail:
      "A client connected straight to the proxy's inbound port without the mesh's mutual TLS (it is not meshed, or its own proxy was bypassed). Linkerd only accepts direct connections that are mutually authenticated.",
    reference: "linkerd2-proxy linkerd/app/inbound (direct connections must be mutually authenticated)",
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1488",
    name: "ProxyUpstreamSendFailed",
    severity: "error",
    summary: "{producer}: the upstream {upstream} closed while the request was being sent ({count} time(s))",
    detail:
      "Writing the request or its body to the upstream failed with a broken pipe or a reset: the upstream closed the connection first, often a pooled one it had already given up on.",
    reference: `${APACHE} (pass request body failed); Go net (write: broken pipe)`,
    causes: [{ cause: "upstream.keepalive-race", weight: 0.35 }],
  },
  {
    code: "PD1489",
    name: "ProxyAccessGatewayTimeouts",
    severity: "error",
    summary: "{producer} access log: {count} request(s) answered 504 (backend {backend}, e.g. {path})",
    detail:
      "The access log shows requests answered 504 Gateway Timeout: the upstream did not respond within the proxy's timeouts. The durations of the examples show which limit was hit.",
    reference: "Traefik access logs (DownstreamStatus, Duration); Caddy http.log.access",
    causes: [{ cause: "timeout.route", weight: 0.35 }],
  },
  {
    code: "PD1490",
    name: "TraefikAccessOwnErrors",
    severity: "warning",
    summary: "traefik access log: {count} request(s) answered {status} with no response from the backend (e.g. {path})",
    detail:
      "Traefik's JSON access log shows these errors with OriginStatus 0: no response came from the backend, so Traefik wrote the status itself. Its error log at debug level says why.",
    reference: "Traefik access logs (OriginStatus, DownstreamStatus)",
    causes: [{ cause: "upstream.app-error", weight: -0.3 }],
  },
  {
    code: "PD1491",
    name: "TraefikClientSentNothing",
    severity: "info",
    summary: "traefik: clients opened connections and sent nothing before the read timeout ({count} time(s))",
    detail:
      "Traefik peeks at a new connection's first byte to route it; these connections stayed silent until the entry point's read timeout. Load balancer TCP health checks and idle pre-opened connections do this; it only matters when real clients report failures at the same time.",
    reference: "Traefik pkg/server/server_entrypoint_tcp.go (Error while Peeking first byte)",
    causes: [{ cause: "client.gave-up", weight: 0.1 }],
  },
  {
    code: "PD1492",
    name: "LinkerdFailFast",
    severity: "error",
    summary: "{producer}: the service {subject} is in fail-fast, so requests get 503 ({count} time(s))",
    detail:
      "Linkerd puts a service in fail-fast when no endpoint has taken a request for a while: there are no ready endpoints, every connect fails, or the endpoints are too slow or too busy to accept more (the proxy's queue stays full). It then answers 503 at once instead of queueing. The endpoints' readiness, the proxy's connect errors and the application's load tell these apart.",
    reference: `${LINKERD} (fail-fast, Service unavailable)`,
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.4 },
      { cause: "limits.connection-pool", weight: 0.2 },
      { cause: "upstream.connection-refused", weight: 0.15 },
    ],
  },
  {
    code: "PD1493",
    name: "ProxyRefusedLargeBody",
    severity: "error",
    summary: "{producer}: the request body for {subject} is over the platform's limit ({count} time(s))",
    detail:
      "The platform in front of the application refused the request because its body is larger than it accepts: Vercel functions take 4.5 MB, other platforms and gateways have limits of their own. The application never saw the request. Send large files straight to storage (a signed upload URL), split the upload, or move the route to a service without the limit.",
    reference: "Vercel error codes (FUNCTION_PAYLOAD_TOO_LARGE, 413)",
    causes: [
      { cause: "limits.body-too-large", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1494",
    name: "LinkerdNonHttpPortDetected",
    severity: "error",
    summary: "linkerd: connections to {upstream}, a port of a non-HTTP protocol, fail ({message}, {count} time(s))",
    detail:
      "The connection's port is one Linkerd marks opaque by default since 2.10 (SMTP 25 and 587, MySQL 3306, Galera 4444, PostgreSQL 5432, Redis 6379, Elasticsearch 9300, memcached 11211). When it is not opaque, the proxy waits for the first bytes to detect HTTP: a server-speaks-first protocol hangs, and a client pool that opens connections and stays silent has them closed when detection times out (10 s), so later writes fail with a broken pipe or a reset. Mark the port opaque (`config.linkerd.io/opaque-ports`) or skip it (`config.linkerd.io/skip-outbound-ports`), on the server's workload or Service.",
    reference:
      "Linkerd docs: protocol detection and opaque ports (default opaque ports since 2.10); linkerd/linkerd2#5344",
    causes: [{ cause: "protocol.mismatch", weight: 0.55 }],
  },
  {
    code: "PD1495",
    name: "ProxyHeaderListTooBig",
    severity: "error",
    summary: "{producer}: a header section for {subject} is over the proxy's HTTP/2 limit ({message}, {count} time(s))",
    detail:
      "The proxy's HTTP/2 library refused to send or accept a header section larger than its limit (Linkerd's proxy, built on the h2 crate, allows 16 KiB of header list by default) and answered 502 without the request reaching the application. Large cookies, long JWTs or many forwarded headers add up. Make the headers smaller, or raise the limit where the proxy allows it; a request that works without the mesh and fails with it points here.",
    reference: "hyperium/h2 (user error: header too big); linkerd/linkerd2#6164",
    causes: [
      { cause: "limits.header-too-large", weight: 0.7 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
]);
