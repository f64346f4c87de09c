import { defineFindings } from "../define.ts";

const HAPROXY_LOG = "HAProxy configuration manual, section 8.5 (session state at disconnection)";
const HAPROXY_CHECKS =
  "HAProxy src/check.c (check_statuses, health-check reasons) and src/server.c (server state changes)";

/**
 * PD145x, PD1468–PD1469: HAProxy HTTP logs, read by their termination state; PD1460–PD1465: HAProxy's
 * own server messages; PD1466–PD1467: its `show errors`.
 */
export const HAPROXY_FINDINGS = defineFindings([
  {
    code: "PD1450",
    name: "HaproxyServerTimeoutBeforeHeaders",
    severity: "error",
    summary:
      "HAProxy answered {status}: {backend}/{server} sent no response headers before the server timeout ({seconds} s, state {termination})",
    detail:
      "The `sH` termination state: HAProxy gave up waiting for the server's response headers when `timeout server` expired (the response timer Tr is -1), and answered 504 itself. The server is too slow for the configured timeout, or hung.",
    reference: HAPROXY_LOG,
    causes: [
      { cause: "timeout.route", weight: 0.65 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1451",
    name: "HaproxyServerTimeoutInBody",
    severity: "error",
    summary:
      "HAProxy cut a {status} response from {backend}/{server}: the server went quiet for the server timeout mid-body (state {termination})",
    detail:
      "The `sD` termination state: the headers had been relayed, then no data came for `timeout server`: the client gets a truncated body. A slow or stuck stream, or a timeout shorter than the longest pause of a streaming response.",
    reference: HAPROXY_LOG,
    causes: [
      { cause: "timeout.route", weight: 0.45 },
      { cause: "upstream.truncated-body", weight: 0.35 },
    ],
  },
  {
    code: "PD1452",
    name: "HaproxyServerRefused",
    severity: "error",
    summary:
      "HAProxy could not connect to {backend}/{server}: the server refused or reset the connection (state {termination})",
    detail:
      "The `SC` termination state: the connection to the server was refused (nothing listens there, or a firewall rejects it) or reset during the connect; HAProxy answers 503 once its retries are used up.",
    reference: HAPROXY_LOG,
    causes: [{ cause: "upstream.connection-refused", weight: 0.6 }],
  },
  {
    code: "PD1453",
    name: "HaproxyConnectTimeout",
    severity: "error",
    summary: "HAProxy's connection to {backend}/{server} timed out (state {termination})",
    detail:
      "The `sC` termination state: no answer to the connection attempt before `timeout connect`: packets to the server are dropped (firewall, routing, an overloaded host).",
    reference: HAPROXY_LOG,
    causes: [
      { cause: "network.path-loss", weight: 0.4 },
      { cause: "upstream.connection-refused", weight: 0.15 },
    ],
  },
  {
    code: "PD1454",
    name: "HaproxyServerAbortBeforeHeaders",
    severity: "error",
    summary: "{backend}/{server} closed or reset the connection before sending response headers (state {termination})",
    detail:
      "The `SH` termination state: the server ended the connection before a complete response head. A reused idle connection the server had just closed (the keep-alive race), or a crash of the request handler.",
    reference: HAPROXY_LOG,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.35 },
      { cause: "upstream.app-error", weight: 0.3 },
    ],
  },
  {
    code: "PD1455",
    name: "HaproxyServerAbortInBody",
    severity: "error",
    summary:
      "{backend}/{server} closed or reset the connection in the middle of a {status} response body (state {termination})",
    detail:
      "The `SD` termination state: the server aborted while the body was being relayed: the client gets a response cut short.",
    reference: HAPROXY_LOG,
    causes: [{ cause: "upstream.truncated-body", weight: 0.55 }],
  },
  {
    code: "PD1456",
    name: "HaproxyNoServer",
    severity: "error",
    summary: "HAProxy answered {status} from backend {backend}: no server was available (<NOSRV>, state {termination})",
    detail:
      "No server of the backend could take the request: all are down (health checks failing) or in maintenance, so HAProxy answered 503 itself.",
    reference: HAPROXY_LOG,
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.65 }],
  },
  {
    code: "PD1457",
    name: "HaproxyClientAbort",
    severity: "warning",
    summary: "The client ended the session before it was over (state {termination}, backend {backend})",
    detail:
      "A termination state starting with `C` (the client aborted) or `c` (client-side timeout): the client closed or went quiet first. A client timeout shorter than the server's response time, or users navigating away.",
    reference: HAPROXY_LOG,
    causes: [{ cause: "client.gave-up", weight: 0.45 }],
  },
  {
    code: "PD1458",
    name: "HaproxyQueueTimeout",
    severity: "error",
    summary: "Requests to {backend} waited in HAProxy's queue until `timeout queue` (state {termination})",
    detail:
      "The `sQ` termination state: every server was at its `maxconn`, and the request waited in the queue until it timed out (503). The backend's connection limits are too low for the load, or the servers are slow to free them.",
    reference: HAPROXY_LOG,
    causes: [{ cause: "limits.connection-pool", weight: 0.6 }],
  },
  {
    code: "PD1459",
    name: "HaproxyBlockedResponse",
    severity: "error",
    summary: "HAProxy blocked the response of {backend}/{server} as invalid (state {termination})",
    detail:
      "The `PH` termination state: HAProxy refused the server's response head (an invalid header, a forbidden character, conflicting lengths) and answered 502 itself. `show errors` on the stats socket keeps the offending bytes.",
    reference: HAPROXY_LOG,
    causes: [{ cause: "upstream.malformed-header", weight: 0.6 }],
  },
  {
    code: "PD1460",
    name: "HaproxyBackendNoServer",
    severity: "error",
    summary: "HAProxy {proxyType} {backend} has no server available: every server is DOWN or in maintenance {after}",
    detail:
      "HAProxy's alert when the last usable server of a backend goes away. Until one passes its health checks again, every request routed there gets HAProxy's own 503 \"No server is available to handle this request\" (`<NOSRV>` in the HTTP log). The servers' DOWN messages just before it say which check failed and why.",
    reference: "HAProxy src/backend.c (set_backend_down)",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.6 }],
  },
  {
    code: "PD1461",
    name: "HaproxyServerFailsHealthCheck",
    severity: "error",
    summary: "HAProxy marked {backend}/{server} DOWN: its health check failed ({check}) {after}",
    detail:
      "The server accepted the health check's connection but its answer did not pass: with `option httpchk` a status outside 2xx/3xx (`Layer7 wrong status`: the check path needs a login, redirects to one, or does not exist), an answer that is not HTTP, or no answer before `timeout check`. HAProxy takes the server out of rotation although it may serve real requests well; the check is what to fix, or the service behind it.",
    reference: HAPROXY_CHECKS,
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.6 }],
  },
  {
    code: "PD1462",
    name: "HaproxyServerCheckRefused",
    severity: "error",
    summary: "HAProxy marked {backend}/{server} DOWN: the health check's connection failed ({check}) {after}",
    detail:
      "`Layer4 connection problem`: the TCP connection of the health check itself was refused or reset, so nothing listens on the server's address and port as HAProxy sees it: the service is stopped or still starting, listens on another port or only on 127.0.0.1 inside its container, or a firewall rejects the connection.",
    reference: HAPROXY_CHECKS,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.9 },
      { cause: "routing.no-healthy-upstream", weight: 0.1 },
    ],
  },
  {
    code: "PD1463",
    name: "HaproxyServerCheckUnreachable",
    severity: "error",
    summary: "HAProxy marked {backend}/{server} DOWN: the health check's connection got no answer ({check}) {after}",
    detail:
      "`Layer4 timeout` (or a connection problem with no route to the host): the health check's SYN was never answered within the check timeout. Packets to the server are dropped on the way: a firewall or security group, a wrong address, a host that is down or a broken route.",
    reference: HAPROXY_CHECKS,
    causes: [
      { cause: "network.path-loss", weight: 0.85 },
      { cause: "upstream.connection-refused", weight: 0.1 },
      { cause: "routing.no-healthy-upstream", weight: 0.1 },
    ],
  },
  {
    code: "PD1464",
    name: "HaproxyServerCheckTlsFailed",
    severity: "error",
    summary: "HAProxy marked {backend}/{server} DOWN: the health check's TLS handshake failed ({check}) {after}",
    detail:
      "`Layer6 invalid response` or `Layer6 timeout`: the TCP connection opened but the SSL/TLS layer of the check did not: the server speaks plain HTTP where `check-ssl`/`ssl` expects TLS (or the reverse), rejects HAProxy's certificate, or offers no common protocol version or cipher.",
    reference: HAPROXY_CHECKS,
    causes: [
      { cause: "tls.mismatch", weight: 0.75 },
      { cause: "routing.no-healthy-upstream", weight: 0.2 },
    ],
  },
  {
    code: "PD1465",
    name: "HaproxyServerDownOthersServe",
    severity: "info",
    summary:
      "HAProxy marked {backend}/{server} DOWN ({check}), but {active} active and {backup} backup servers still served {backend}",
    detail:
      "A server left the rotation while others remained, so the backend kept answering. Not a cause of failures on its own; with checks that select one role on purpose (a primary-only check such as Patroni's, where replicas answer 503) it is expected.",
    reference: HAPROXY_CHECKS,
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.05 }],
  },
  {
    code: "PD1466",
    name: "HaproxyRefusedServerResponse",
    severity: "error",
    summary: "HAProxy refused {proxy}'s response as invalid (at byte {position}, in `{offending}`)",
    detail:
      "`show errors` keeps the last response each backend's HTTP parser refused. HAProxy answers the client 502 (termination state `PH--` or `SH--` in its log) and keeps the server's bytes: the line at the error's position is the one it could not accept. Since 2.5 (HTX) it refuses what older versions and browsers let through: Transfer-Encoding given twice or with Content-Length, header names with spaces or odd bytes, a status line without a reason where a space is missing. Fix the server's response; `option accept-invalid-http-response` only hides it.",
    reference:
      "HAProxy management guide: show errors; HAProxy configuration: option accept-invalid-http-response; haproxy/haproxy#1469",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.7 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1467",
    name: "HaproxyRefusedClientRequest",
    severity: "warning",
    summary: "HAProxy refused a request on {proxy} as invalid (at byte {position}, in `{offending}`)",
    detail:
      "`show errors` keeps the last request each frontend's HTTP parser refused; the client got 400 (termination state `PR--`). The line at the error's position is what the client sent wrong: a bad character in a header name or the request target, a header too long for `tune.bufsize`, a body framing HAProxy will not guess.",
    reference: "HAProxy management guide: show errors; HAProxy configuration: option accept-invalid-http-request",
    causes: [
      { cause: "protocol.mismatch", weight: 0.25 },
      { cause: "limits.header-too-large", weight: 0.2 },
    ],
  },
  {
    code: "PD1468",
    name: "HaproxyOwnRuleFailed",
    severity: "error",
    summary:
      "HAProxy answered {status} itself for {backend}/{server} (state {termination}): one of its own rules failed, most often a header rewrite too large for `tune.maxrewrite`",
    detail:
      "A 500 with termination state `PR` (`PH` on the response side; `IR` or `IH` in some older versions) comes from HAProxy itself: on the request side no server was even picked (`<NOSRV>`). Since 2.2 (`http-request strict-mode on`, the default) an `http-request` or `http-response` `set-header`, `add-header` or `replace-header` that cannot be applied fails the whole message, and the usual reason is room: a rewrite is only sure to fit in the part of the buffer kept free for it (`tune.maxrewrite`, 1024 bytes by default out of a 16 KiB `tune.bufsize`). A large value such as a client certificate (`ssl_c_der` in base64, often 1.5 to 2 kB), a big cookie or a token copied into another header then fails, often only when a request body fills the rest of the buffer. Each failure raises the failed-rewrites counter (`wrew` in `show stat`). Raise `tune.maxrewrite` above the largest header added, or add less; `strict-mode off` only drops the header silently. A `deny` with `deny_status 500` gives the same state.",
    reference:
      "HAProxy configuration manual: section 8.5 (PR, PH), tune.maxrewrite, http-request strict-mode; haproxy/haproxy#1743, haproxy/haproxy#1597",
    causes: [
      { cause: "limits.header-too-large", weight: 0.5 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1469",
    name: "HaproxyClientClosedAtTimeout",
    severity: "error",
    summary:
      "Sessions on {backend}/{server} ended on the client side at a round {seconds} s, before the server answered (state {termination}): a timeout, not a person",
    detail:
      "A termination state `CH` or `CD` reads as the client closing, but when the total time Ta is a whole number of seconds plus a few milliseconds (30003, 15004) and the response timer Tr is -1, a timer ended the session while the server was still working: HAProxy's own `timeout client` (the HTTP/2 frontends of HAProxy 2.0 applied it while the client was only waiting for the response, and logged `CD` instead of `cD`), or a client or load balancer limit of that length. Either way a time limit in front of the server is shorter than the server's response time: raise the one that matches the seconds, or make the server answer sooner.",
    reference: "HAProxy configuration manual: section 8.5, timeout client; haproxy/haproxy#308",
    causes: [
      { cause: "timeout.route", weight: 0.5 },
      { cause: "client.gave-up", weight: 0.15 },
    ],
  },
]);
