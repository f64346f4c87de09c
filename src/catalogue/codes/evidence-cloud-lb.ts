import { defineFindings } from "../define.ts";

const ALB_LOGS =
  "AWS Elastic Load Balancing, Application Load Balancer access log entries and HTTP error codes (troubleshooting guide)";
const GCLB_LOGS = "Google Cloud Load Balancing, Application Load Balancer logging: statusDetails HTTP failure messages";
const CLOUDFLARE = "Cloudflare support, troubleshooting Cloudflare 5xx errors";
const ELB_LOGS =
  "AWS Elastic Load Balancing, Classic Load Balancer: access log entries and Troubleshoot a Classic Load Balancer: HTTP errors";
const FASTLY_503 = "Fastly guides: Common 503 errors on Fastly; Fastly-generated 503 errors in VCL";

/**
 * PD1650–PD1658 AWS ALB (and classic ELB) access logs, PD1659 and PD1671–PD1672 what only the
 * classic ELB's entries say, PD1660–PD1670 GCP Application Load Balancer logs, PD1680–PD1686
 * Cloudflare's own 52x statuses and pages, PD1687–PD1689 CloudFront's pages, PD1690–PD1694 the
 * 503s Varnish (and Fastly, built on it) makes itself. Weights copy the HAProxy and Envoy codes
 * for the same condition.
 */
export const CLOUD_LB_FINDINGS = defineFindings([
  {
    code: "PD1650",
    name: "AlbTargetClosedAtOnce",
    severity: "error",
    summary:
      "{count} requests through {lb} got the load balancer's 502 within a second: {target} closed or reset the connection instead of answering (target status -)",
    detail:
      "The ALB answered 502 itself, the target sent no status and the whole request took under a second: the target ended the connection (FIN or RST) as the request arrived. The usual reason is a pooled connection the target had just closed as idle: the target's keep-alive timeout is shorter than the load balancer's idle timeout (60 s by default), so the ALB sends a request down a connection that is being closed. Keep the target's keep-alive timeout above the ALB's idle timeout.",
    reference: ALB_LOGS,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.6 },
      { cause: "upstream.app-error", weight: 0.15 },
    ],
  },
  {
    code: "PD1651",
    name: "AlbTargetClosedWhileWaiting",
    severity: "error",
    summary:
      "{count} requests through {lb} got the load balancer's 502: {target} closed or reset the connection after {seconds} s without answering (target status -)",
    detail:
      "The ALB answered 502 itself after waiting for the target, which closed or reset the connection without a response: a worker that crashed or was killed (a worker timeout, memory limits), or a target that closes connections on its own timer. The target's logs at the same moment say which.",
    reference: ALB_LOGS,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.35 },
      { cause: "upstream.app-error", weight: 0.3 },
    ],
  },
  {
    code: "PD1652",
    name: "AlbTargetIdleTimeout",
    severity: "error",
    summary:
      "{count} requests through {lb} got the load balancer's 504 {waited}: {target} sent nothing back before the idle timeout (target time -1)",
    detail:
      "The ALB forwarded the request and the target sent no response before the load balancer's idle timeout (60 s unless changed) expired; target_processing_time is -1 and the target status `-`. A slow handler, a long upload or a long poll outlasts the timeout: raise the ALB idle timeout for such routes, or answer sooner (stream, or work asynchronously).",
    reference: ALB_LOGS,
    causes: [
      { cause: "timeout.route", weight: 0.65 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1653",
    name: "AlbTargetConnectTimeout",
    severity: "error",
    summary:
      "{count} requests through {lb} got the load balancer's 504 after about 10 s: the connection to {target} was never established",
    detail:
      "A 504 with no target status about ten seconds after the request arrived is the ALB's fixed connect timeout: the target never answered the TCP handshake. Its security group or network ACL drops the load balancer's packets, or the target is gone while still registered.",
    reference: ALB_LOGS,
    causes: [
      { cause: "network.path-loss", weight: 0.4 },
      { cause: "upstream.connection-refused", weight: 0.15 },
    ],
  },
  {
    code: "PD1654",
    name: "AlbNoTarget",
    severity: "error",
    summary:
      "{count} requests through {lb} got the load balancer's 503 with no target: the target group had none to send them to",
    detail:
      "The ALB answered 503 and logged no target: the rule's target group had no registered targets (an ALB sends to all targets when every one fails health checks, so an empty group is the usual reason). Targets deregistered during a deploy, pods not ready, or a target group that was never filled.",
    reference: ALB_LOGS,
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.65 }],
  },
  {
    code: "PD1655",
    name: "AlbClientClosed",
    severity: "warning",
    summary: "{count} requests through {lb} ended with 460: the client closed the connection before the answer came",
    detail:
      "460 is the ALB's record that the client went away before the load balancer answered: a client timeout shorter than the time the target takes, or users leaving. The target may still have done the work.",
    reference: ALB_LOGS,
    causes: [{ cause: "client.gave-up", weight: 0.45 }],
  },
  {
    code: "PD1656",
    name: "AlbTooManyForwardedIps",
    severity: "error",
    summary: "{count} requests through {lb} were refused with 463: X-Forwarded-For carried more than 30 addresses",
    detail:
      "The ALB refuses a request whose X-Forwarded-For header lists more than 30 IP addresses. Requests that loop between proxies, or a chain of proxies that each append to the header, reach the limit.",
    reference: ALB_LOGS,
    causes: [
      { cause: "limits.header-too-large", weight: 0.5 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1657",
    name: "AlbAuthenticationFailed",
    severity: "error",
    summary: "{count} requests through {lb} failed in the load balancer's authentication ({status}, {detail})",
    detail:
      "The listener rule's authenticate action (OIDC or Cognito) failed before the request reached a target: 561 when the identity provider returned an error, or an `Auth…` error reason for a cookie, token or user-info step. The identity provider's client settings or reachability are the place to look, not the target.",
    reference: ALB_LOGS,
    causes: [{ cause: "upstream.app-error", weight: -0.3 }],
  },
  {
    code: "PD1658",
    name: "AlbTargetErrorStatus",
    severity: "warning",
    summary:
      "{target} itself answered {targetStatus} to {count} requests through {lb}; the load balancer only relayed it",
    detail:
      "The target status equals the status the ALB sent: the application (or a proxy on the target) made the error and the load balancer passed it on. Its own logs explain it.",
    reference: ALB_LOGS,
    causes: [{ cause: "upstream.app-error", weight: 0.5 }],
  },
  {
    code: "PD1659",
    name: "ElbBackendClosedOrSilent",
    severity: "error",
    summary:
      "{count} requests through the classic ELB {lb} got its 504 with no backend and every timing -1: an instance closed the connection the ELB meant to use, or never answered",
    detail:
      "The classic ELB answered 504 itself, logged `-` for the backend and -1 for all three timings: it could not hand the request to an instance and got no response. Its documentation gives two ways to end so, and the line does not tell them apart. Usually the instance closed a connection the ELB keeps open for reuse, because the instance's keep-alive or request timeout (Apache `Timeout` and `KeepAliveTimeout`, Node's 5 s `keepAliveTimeout`) is not longer than the ELB's idle timeout (60 s unless changed); the ELB then answers 504 at once. Otherwise the instance took the request and sent nothing before the idle timeout. The client's wait tells which: at once is the closed connection, about the idle timeout a slow answer. Set the instances' keep-alive timeout above the ELB's idle timeout (with Apache, also `AcceptFilter http none`).",
    reference: `${ELB_LOGS}; AWS knowledge center: troubleshoot HTTP 504 errors of a Classic Load Balancer`,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.55 },
      { cause: "timeout.route", weight: 0.2 },
    ],
  },
  {
    code: "PD1660",
    name: "GclbBackendClosedBeforeResponse",
    severity: "error",
    summary:
      "{count} requests through {lb} failed with backend_connection_closed_before_data_sent_to_client: {target} closed the connection before answering",
    detail:
      "The backend closed its connection to the Google front end before any response was sent (status 502). The front end keeps connections to backends open for 600 s; a backend whose keep-alive timeout is shorter (nginx 75 s, Node 5 s, gunicorn 2 s) closes connections the load balancer is about to reuse. Set the backend's keep-alive timeout above 600 s (620 s is the usual advice).",
    reference: GCLB_LOGS,
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.6 },
      { cause: "upstream.app-error", weight: 0.15 },
    ],
  },
  {
    code: "PD1661",
    name: "GclbBackendClosedMidResponse",
    severity: "error",
    summary:
      "{count} responses through {lb} were cut short: {target} closed the connection after part of the response (backend_connection_closed_after_partial_response_sent)",
    detail:
      "The backend closed its connection after the load balancer had begun to relay its response, so clients got a truncated body: the backend crashed or ended the stream early.",
    reference: GCLB_LOGS,
    causes: [{ cause: "upstream.truncated-body", weight: 0.55 }],
  },
  {
    code: "PD1662",
    name: "GclbNoBackendPicked",
    severity: "error",
    summary: "{count} requests through {lb} failed with failed_to_pick_backend: no healthy backend to send them to",
    detail:
      "The load balancer found no healthy backend for the request and answered 502 itself: every endpoint fails the health check (a health-check path that is not served, pods that are not ready, a firewall that drops Google's health-check ranges 35.191.0.0/16 and 130.211.0.0/22) or the backend service has no endpoints.",
    reference: GCLB_LOGS,
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.8 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1663",
    name: "GclbBackendConnectFailed",
    severity: "error",
    summary:
      "{count} requests through {lb} failed with failed_to_connect_to_backend: the connection to {target} failed",
    detail:
      "The load balancer picked a backend and could not connect to it: the port is closed (the service listens elsewhere, or on 127.0.0.1 only), a firewall refuses the proxy's ranges, or the backend expects TLS where the load balancer speaks plain HTTP (or the reverse).",
    reference: GCLB_LOGS,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.5 },
      { cause: "tls.mismatch", weight: 0.15 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1664",
    name: "GclbBackendTimeout",
    severity: "error",
    summary:
      "{count} requests through {lb} failed with backend_timeout: {target} did not answer within the backend service timeout",
    detail:
      "The backend did not answer before the backend service's timeout (30 s by default) and the load balancer answered 502 itself. Raise the backend service timeout for slow routes, or make the backend answer sooner.",
    reference: GCLB_LOGS,
    causes: [
      { cause: "timeout.route", weight: 0.8 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1665",
    name: "GclbClientDisconnected",
    severity: "info",
    summary: "{count} requests through {lb} ended because the client went away first ({detail})",
    detail:
      "The client closed the connection, or stopped sending, before the load balancer had an answer for it. A client timeout shorter than the backend's response time, or users leaving.",
    reference: GCLB_LOGS,
    causes: [
      { cause: "client.gave-up", weight: 0.55 },
      { cause: "timeout.route", weight: 0.15 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1666",
    name: "GclbBackendErrorStatus",
    severity: "warning",
    summary: "{target} itself answered {status} to {count} requests through {lb} (response_sent_by_backend)",
    detail:
      "`response_sent_by_backend` with a 5xx status: the load balancer relayed an error the backend made. The backend's logs explain it.",
    reference: GCLB_LOGS,
    causes: [{ cause: "upstream.app-error", weight: 0.5 }],
  },
  {
    code: "PD1667",
    name: "GclbBackendResponseInvalid",
    severity: "error",
    summary: "{count} responses from {target} through {lb} were refused as invalid ({detail})",
    detail:
      "The load balancer could not parse the backend's response (a malformed status line or header, conflicting lengths) and answered 502 itself.",
    reference: GCLB_LOGS,
    causes: [{ cause: "upstream.malformed-header", weight: 0.6 }],
  },
  {
    code: "PD1668",
    name: "GclbHeadersTooLong",
    severity: "error",
    summary: "{count} requests through {lb} failed because headers exceeded the load balancer's limit ({detail})",
    detail:
      "The request's headers (`headers_too_long`) or the backend's response headers (`backend_response_headers_too_long`) were larger than the load balancer accepts. Large cookies or tokens are the usual reason.",
    reference: GCLB_LOGS,
    causes: [{ cause: "limits.header-too-large", weight: 0.85 }],
  },
  {
    code: "PD1669",
    name: "GclbBackendTlsFailed",
    severity: "error",
    summary: "{count} requests through {lb} failed in TLS to {target} ({detail})",
    detail:
      "The load balancer's TLS connection to the backend failed: its certificate did not verify (chain or name) under backend authentication, or no protocol was agreed by ALPN.",
    reference: GCLB_LOGS,
    causes: [{ cause: "tls.mismatch", weight: 0.85 }],
  },
  {
    code: "PD1670",
    name: "CloudLbRareFailure",
    severity: "info",
    summary:
      "{count} of {failures} failed requests through {lb} were {outcome}; {dominant} ({dominantCount}) dominate, so these are not weighed on their own",
    detail:
      "A kind of failure that makes up a small share of a load balancer log in which another kind dominates is reported, but not counted towards a cause: a backend briefly unhealthy during a restart, or a client that went away, beside the failure that repeats.",
    reference: "proxydoc: cloud load balancer logs read as counts",
    causes: [],
  },
  {
    code: "PD1671",
    name: "ElbBackendResponseUnusable",
    severity: "error",
    summary:
      "{count} requests through the classic ELB {lb} got its 502: what {target} sent back could not be read as a response",
    detail:
      "The classic ELB answers 502 itself when it cannot parse the instance's answer: a malformed status line or header, a body that does not match its declared length, or no HTTP at all because the instance closed or reset the connection, or because the listener's instance protocol does not match the port (HTTPS towards a plain HTTP port, HTTP towards a TLS one). Compare the listener's instance protocol and port with what the instance serves, then send one request straight to the instance with `curl -v`.",
    reference: ELB_LOGS,
    causes: [
      { cause: "upstream.malformed-header", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.25 },
      { cause: "upstream.keepalive-race", weight: 0.15 },
      { cause: "upstream.app-error", weight: 0.15 },
    ],
  },
  {
    code: "PD1672",
    name: "ElbNoHealthyInstance",
    severity: "error",
    summary:
      "{count} requests through the classic ELB {lb} got its 503 with no backend: no healthy instance could take them, or its surge queue was full",
    detail:
      "The classic ELB answers 503 itself, with no backend logged, when it has no registered instance in the zone, none that passes its health check, or when its surge queue (1,024 requests) is full because the instances do not keep up. Unlike an ALB it never sends requests to unhealthy instances. CloudWatch's HealthyHostCount and UnHealthyHostCount, then SurgeQueueLength and SpilloverCount, say which; a health check the instances fail (wrong path or port, a check that needs a Host header) is the usual reason.",
    reference: `${ELB_LOGS}; AWS knowledge center: troubleshoot HTTP 503 errors of a Classic Load Balancer`,
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.55 }],
  },
  {
    code: "PD1680",
    name: "CloudflareUnknownOriginError",
    severity: "error",
    summary: "Cloudflare answered 520 for {subject}: the origin's answer was empty, invalid or reset",
    detail:
      "520 is Cloudflare's catch-all for an origin answer it could not use: the origin closed or reset the connection, sent an empty reply or no headers, sent an invalid response, or sent response headers above Cloudflare's size limit. The origin's logs (and its proxy's, such as an ingress controller) at the same moment say which.",
    reference: CLOUDFLARE,
    causes: [
      { cause: "upstream.app-error", weight: 0.3 },
      { cause: "upstream.malformed-header", weight: 0.25 },
      { cause: "limits.header-too-large", weight: 0.2 },
    ],
  },
  {
    code: "PD1681",
    name: "CloudflareOriginRefused",
    severity: "error",
    summary: "Cloudflare answered 521 for {subject}: the origin refused the connection",
    detail:
      "521: Cloudflare's connection to the origin was refused: the web server is down, listens on another port, or a firewall rejects Cloudflare's address ranges.",
    reference: CLOUDFLARE,
    causes: [{ cause: "upstream.connection-refused", weight: 0.6 }],
  },
  {
    code: "PD1682",
    name: "CloudflareOriginConnectTimeout",
    severity: "error",
    summary: "Cloudflare answered 522 for {subject}: the TCP connection to the origin timed out",
    detail:
      "522: the origin never completed the TCP handshake with Cloudflare: a firewall drops Cloudflare's packets, the origin's address in DNS is wrong, or the origin is overloaded.",
    reference: CLOUDFLARE,
    causes: [
      { cause: "network.path-loss", weight: 0.4 },
      { cause: "upstream.connection-refused", weight: 0.15 },
    ],
  },
  {
    code: "PD1683",
    name: "CloudflareOriginUnreachable",
    severity: "error",
    summary: "Cloudflare answered 523 for {subject}: the origin is unreachable",
    detail:
      "523: Cloudflare found no route to the origin: its DNS record points at an address that is not reachable, or the origin's network is down.",
    reference: CLOUDFLARE,
    causes: [{ cause: "network.path-loss", weight: 0.4 }],
  },
  {
    code: "PD1684",
    name: "CloudflareOriginTimeout",
    severity: "error",
    summary:
      "Cloudflare answered 524 for {subject}: the origin accepted the connection but sent no response within 100 s",
    detail:
      "524: the connection to the origin was made, but no HTTP response came before Cloudflare's proxy read timeout (100 s on most plans). Long requests need to answer sooner (stream, or work asynchronously) or bypass the proxy.",
    reference: CLOUDFLARE,
    causes: [
      { cause: "timeout.route", weight: 0.65 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1685",
    name: "CloudflareOriginTlsHandshakeFailed",
    severity: "error",
    summary: "Cloudflare answered 525 for {subject}: the TLS handshake with the origin failed",
    detail:
      "525: Cloudflare's SSL mode (Full or Full strict) makes it speak TLS to the origin, and the handshake failed: the origin does not serve TLS on that port, has no certificate for the name (SNI), or offers no common version or cipher.",
    reference: CLOUDFLARE,
    causes: [{ cause: "tls.mismatch", weight: 0.85 }],
  },
  {
    code: "PD1686",
    name: "CloudflareOriginCertificateInvalid",
    severity: "error",
    summary: "Cloudflare answered 526 for {subject}: the origin's certificate is not valid",
    detail:
      "526: under the Full (strict) SSL mode Cloudflare could not validate the origin's certificate: expired, self-signed, not covering the hostname, or missing its intermediate certificates.",
    reference: CLOUDFLARE,
    causes: [{ cause: "tls.mismatch", weight: 0.85 }],
  },
  {
    code: "PD1687",
    name: "CloudFrontOriginConnectFailed",
    severity: "error",
    summary: "CloudFront answered {status} itself: it could not connect to the origin",
    detail:
      "CloudFront's own 502 page. Its documentation lists, most common first: the TLS negotiation with the origin failed (no protocol or cipher in common, an expired or mismatched certificate, a chain CloudFront does not trust), the origin refused or did not answer the TCP connection, or the origin's name does not resolve. `curl -v` against the origin with CloudFront's origin protocol settings shows which.",
    reference:
      "AWS CloudFront developer guide: HTTP 502 status code (Bad Gateway), SSL/TLS negotiation failure between CloudFront and a custom origin",
    causes: [
      { cause: "tls.mismatch", weight: 0.35 },
      { cause: "upstream.connection-refused", weight: 0.25 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1688",
    name: "CloudFrontOriginClosed",
    severity: "error",
    summary: "CloudFront answered {status} itself: the origin closed the connection or the attempt failed",
    detail:
      "CloudFront reached the origin but the connection failed or was closed before a response: the origin's keep-alive or idle timeout is shorter than CloudFront's, the origin crashed on the request, or a firewall in front of it resets CloudFront's addresses.",
    reference: "AWS CloudFront developer guide: HTTP 502 status code (Bad Gateway)",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.3 },
      { cause: "upstream.app-error", weight: 0.2 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1689",
    name: "CloudFrontOriginTimeout",
    severity: "error",
    summary: "CloudFront answered {status} itself: the origin did not respond in time",
    detail:
      "The origin took longer than CloudFront's origin response timeout (30 s by default) or the connection attempts timed out. Long requests need a longer origin timeout or to be made asynchronous.",
    reference: "AWS CloudFront developer guide: HTTP 504 status code (Gateway Timeout)",
    causes: [
      { cause: "timeout.route", weight: 0.55 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1690",
    name: "VarnishFirstByteTimeout",
    severity: "error",
    summary:
      "The Varnish cache (Fastly's or your own) answered 503 first byte timeout: {subject} sent nothing back within the cache's first-byte timeout",
    detail:
      "The cache (Fastly, or a Varnish of your own) passed the request to the origin and gave up because not one byte of the answer came back in time. The limit is the backend's first-byte timeout: 15 s by default on Fastly (`bereq.first_byte_timeout`, or the origin's timeouts in the service; no more than 60 s while Fastly clusters requests between its nodes), 60 s on Varnish Cache (`first_byte_timeout`). The origin is slow on this path or stalled: time the request against the origin directly, then make it answer sooner or raise the first-byte timeout for the paths that need longer.",
    reference:
      "Fastly VCL reference: bereq.first_byte_timeout (fastly.com/documentation/reference/vcl/variables/backend-connection/bereq-first-byte-timeout); Varnish Cache varnishd parameter first_byte_timeout",
    causes: [
      { cause: "timeout.route", weight: 0.65 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1691",
    name: "VarnishBackendReadError",
    severity: "error",
    summary:
      "The Varnish cache (Fastly's or your own) answered 503 backend read error: reading the answer of {subject} failed",
    detail:
      "Fastly writes this reason when its read from the origin fails. Fastly names a timeout while waiting on the origin as the usual reason, then passing network trouble between the cache and the origin (packet loss, a router failover) and an overloaded origin. Repeated on the same slow paths it is the timeout: time those requests against the origin and raise the origin's timeouts in the service; scattered over fast paths it is the network or the origin's load.",
    reference: `${FASTLY_503}; Fastly guide: Changing connection timeouts to your origin`,
    causes: [
      { cause: "timeout.route", weight: 0.4 },
      { cause: "network.path-loss", weight: 0.2 },
      { cause: "upstream.app-error", weight: 0.1 },
    ],
  },
  {
    code: "PD1692",
    name: "VarnishConnectTimeout",
    severity: "error",
    summary:
      "The Varnish cache (Fastly's or your own) answered 503 Connection timed out: it could not connect to {subject} within its connect timeout",
    detail:
      "The cache never completed its connection to the origin within the backend's connect timeout (3.5 s by default on Varnish Cache; set per origin on Fastly). A firewall or security group that drops the cache's addresses (Fastly's published IP ranges), a wrong origin address or port, or an origin too loaded to accept are the usual reasons.",
    reference: `${FASTLY_503}; Varnish Cache varnishd parameter connect_timeout`,
    causes: [
      { cause: "network.path-loss", weight: 0.4 },
      { cause: "upstream.connection-refused", weight: 0.15 },
    ],
  },
  {
    code: "PD1693",
    name: "VarnishBackendFetchFailed",
    severity: "warning",
    summary: "The Varnish cache answered 503 {reason}: its fetch from {subject} failed, and the page does not say how",
    detail:
      "Varnish Cache (4 and later) shows `Error 503 Backend fetch failed` with a Guru Meditation and the request's XID whenever the fetch from the backend ends without a usable answer; Varnish 3 showed the same page as `Service Unavailable`. The connection was refused or not made in time, the origin outlasted first_byte_timeout, its answer could not be parsed, or the backend's probe had marked it sick. The page alone cannot say which: the FetchError record of the request does (`varnishlog -b -q 'FetchError'`: `http first read error: EOF` is usually the first-byte timeout, `no backend connection` a sick backend or a connect timeout), and so do the origin's own logs.",
    reference:
      "Varnish Cache documentation: Backend fetch failures and the FetchError tag (varnish-cache.org tips/varnishlog/fetcherror); Varnish Cache: The 503s heard around the world",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.25 },
      { cause: "timeout.route", weight: 0.25 },
      { cause: "routing.no-healthy-upstream", weight: 0.15 },
      { cause: "upstream.malformed-header", weight: 0.15 },
    ],
  },
  {
    code: "PD1694",
    name: "VarnishNoHealthyBackend",
    severity: "error",
    summary: "The Varnish cache (Fastly's or your own) answered 503 {reason}: its health checks hold {subject} down",
    detail:
      "The cache did not try the origin at all: the health check configured for the backend (or for every member of the director) reports it down, so Fastly or Varnish answers 503 at once, serving stale content only where it has some. The probe's path, Host header or expected status no longer match what the origin answers, or the origin really is down.",
    reference: `${FASTLY_503}; Fastly API reference: Health check`,
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.7 },
      { cause: "upstream.app-error", weight: -0.2 },
    ],
  },
  {
    code: "PD1673",
    name: "AppGatewayBackendTimeout",
    severity: "error",
    summary: "{count} requests through {lb} got its 504 {waited}: {target} did not answer within the request timeout",
    detail:
      "Application Gateway gives a backend the backend setting's request timeout (20 s by default; AGIC sets 30 s unless `appgw.ingress.kubernetes.io/request-timeout` says otherwise) to send its response, then answers 504 itself; the log's time taken sits just past that number, and it may record the backend status as 504 too. A slow handler, a long upload or a long poll outlasts it: raise the request timeout for that backend setting (the AGIC annotation, or the backend HTTP setting), or answer sooner.",
    reference:
      "Azure Application Gateway diagnostics: access log (httpStatus, serverStatus, timeTaken); backend settings request timeout; AGIC annotation request-timeout",
    causes: [
      { cause: "timeout.route", weight: 0.65 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1674",
    name: "AppGatewayNoBackendAnswer",
    severity: "error",
    summary: "{count} requests through {lb} got its 502: no usable answer came back from {target}",
    detail:
      "Application Gateway answered 502 itself with no backend status: the backend pool had no healthy member, the connection was refused or reset, or the TLS handshake to the backend failed (a certificate whose name does not match the backend host name, a pool member that speaks plain HTTP). The backend health page (`az network application-gateway show-backend-health`) says which, per pool member.",
    reference: "Azure Application Gateway: troubleshooting bad gateway (502) errors; access log serverStatus",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: 0.2 },
      { cause: "tls.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1675",
    name: "AlbProtocolVersionMismatch",
    severity: "error",
    summary:
      "{count} requests through {lb} got the load balancer's 464: the request's protocol version does not fit the target group's",
    detail:
      "The ALB answers 464 itself when a request's protocol version cannot be sent to the target group as configured: HTTP/1.1 requests to a target group whose protocol version is HTTP/2 or gRPC, or HTTP/2 to one that takes only HTTP/1.1 with a gRPC-only listener rule. A client built without HTTP/2 (or a proxy in front that speaks HTTP/1.1 to the ALB) meets a target group made for HTTP/2. Match the target group's protocol version to what clients send, or make the client speak HTTP/2.",
    reference: "AWS ALB troubleshooting: HTTP 464; target group protocol version (HTTP1, HTTP2, gRPC)",
    causes: [{ cause: "protocol.mismatch", weight: 0.65 }],
  },
]);
