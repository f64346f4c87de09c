import { defineFindings } from "../define.ts";

const HAPROXY_LOG = "HAProxy configuration manual, section 8.5 (session state at disconnection)";

/** PD145x: HAProxy HTTP logs, read by their termination state. */
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
]);
