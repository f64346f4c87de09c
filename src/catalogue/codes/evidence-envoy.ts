import { defineFindings } from "../define.ts";

export const ENVOY_FINDINGS = defineFindings([
  {
    code: "PD1201",
    name: "EnvoyUpstreamProtocolError",
    severity: "error",
    summary:
      "{count} requests to {cluster} got {status} {flags} from Envoy: the upstream's response could not be parsed ({details})",
    detail:
      "Envoy read the upstream's response and its codec refused it, so Envoy reset the connection and answered 502 itself (UPE, `protocol_error`; older Envoy said 503 UC). The application usually believes it answered fine, and curl straight to the application works, because curl tolerates what Envoy rejects: a header name with a space or a byte outside the token set, raw UTF-8 in a value, Transfer-Encoding twice or in mixed case, Content-Length next to Transfer-Encoding.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc); Http::Utility::resetReasonToString (protocol error → 502)",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.7 },
      { cause: "protocol.mismatch", weight: 0.25 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1202",
    name: "EnvoyUpstreamConnectionTermination",
    severity: "error",
    summary:
      "{count} requests to {cluster} failed with {status} {flags}: the upstream closed the connection before answering ({details})",
    detail:
      "The request was written on a pooled connection that the upstream closed before any response byte came back. When it happens now and then, after quiet periods, the application's keep-alive timeout is shorter than Envoy's idle timeout and the two race; when it happens on every request, the application crashes or closes mid-request.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc); upstream_reset_before_response_started{connection_termination}",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.6 },
      { cause: "upstream.app-error", weight: 0.15 },
    ],
  },
  {
    code: "PD1203",
    name: "EnvoyNoHealthyUpstream",
    severity: "error",
    summary: "{count} requests to {clusters} were answered {status} by Envoy: no healthy upstream host",
    detail:
      "The route matched and the cluster exists, but Envoy had no endpoint it could send to: the workload has no ready pods, a DestinationRule subset selects no pods, outlier detection ejected every host, or endpoints never arrived from the control plane. Envoy answered itself with `no healthy upstream`.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (UH, no_healthy_upstream)",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.8 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1204",
    name: "EnvoyNoRoute",
    severity: "error",
    summary: "{count} requests for {authority}{path} got 404 NR from Envoy: no route matched",
    detail:
      "No virtual host or route matched the request's host and path, so Envoy answered 404 with an empty body without contacting any upstream. Typical reasons: the Host header (often with a port) is not among the VirtualService or Gateway hosts, the VirtualService is bound to another gateway or not exported to this namespace, or a Sidecar resource hides the destination.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (NR, route_not_found)",
    causes: [
      { cause: "routing.no-route", weight: 0.8 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1231",
    name: "EnvoyDirectResponse500",
    severity: "error",
    summary: "{count} requests for {authority}{path} got 500 from Envoy's own direct response",
    detail:
      "The route answers 500 itself (`direct_response`) without any upstream. Gateway API controllers that run Envoy write such a route when a rule has no valid backend: Envoy Gateway and Istio when the backendRef names a Service that does not exist, a wrong port, a namespace no ReferenceGrant allows, or a backend with no endpoints; some versions when only one of several backendRefs is invalid. The HTTPRoute's status (`ResolvedRefs: False`, `BackendNotFound`) and the controller's log name which one; `kubectl get endpointslices` shows whether the Service has endpoints.",
    reference:
      "Gateway API HTTPRoute backendRefs (500 for invalid backends); envoyproxy/gateway#162, #443, #7483; Envoy access log %RESPONSE_CODE_DETAILS% (direct_response)",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.4 },
      { cause: "routing.no-route", weight: 0.2 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1205",
    name: "EnvoyFilterChainNotFound",
    severity: "error",
    summary: "{count} connections to {subject} matched no listener filter chain (filter_chain_not_found)",
    detail:
      "The listener found no filter chain for the connection's destination port, SNI or transport, so Envoy closed it without HTTP. Common when a client without mesh TLS reaches a STRICT mTLS port, when a TLS client sends a server name the Gateway has no server for, or when the port is not declared on the Service.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (filter_chain_not_found)",
    causes: [
      { cause: "tls.mismatch", weight: 0.5 },
      { cause: "routing.no-route", weight: 0.45 },
    ],
  },
  {
    code: "PD1206",
    name: "EnvoyRouteTimeout",
    severity: "error",
    summary: "{count} requests to {clusters} timed out at Envoy ({status} {flags}, {details}) after {maxDuration} ms",
    detail:
      "The route's timeout fired before the upstream finished its response, so Envoy gave up and answered 504 `upstream request timeout`. Either the timeout is shorter than the work really takes (long polls, streaming, slow reports), or the upstream is slow right now.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (UT, response_timeout)",
    causes: [
      { cause: "timeout.route", weight: 0.8 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1207",
    name: "EnvoyPerTryTimeout",
    severity: "warning",
    summary: "{count} requests to {clusters} hit the per-try timeout ({details})",
    detail:
      "A retry policy's perTryTimeout expired on the last attempt. Each attempt had less time than the upstream needed; retries then add load without helping.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (upstream_per_try_timeout)",
    causes: [{ cause: "timeout.route", weight: 0.7 }],
  },
  {
    code: "PD1208",
    name: "EnvoyUpstreamConnectFailure",
    severity: "error",
    summary: "{count} requests to {clusters} failed to connect to the upstream ({status} {flags}, {details})",
    detail:
      "Envoy could not open a connection to the chosen endpoint. The transport failure reason, when logged, says whether the connection was refused, timed out or failed in TLS; without it, check what listens on the endpoint's port.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (UF; upstream_reset_before_response_started{connection_failure})",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.5 },
      { cause: "tls.mismatch", weight: 0.15 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1209",
    name: "EnvoyUpstreamConnectionRefused",
    severity: "error",
    summary: "{count} connections from Envoy to {host} were refused ({transportFailure})",
    detail:
      "The upstream host answered the TCP handshake with a reset: nothing listens on that port. The application may listen on another port than the Service's targetPort, bind to 127.0.0.1 only, not have started yet, or have crashed.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc); delayed connect error 111 (ECONNREFUSED)",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.85 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1210",
    name: "EnvoyUpstreamTlsFailure",
    severity: "error",
    summary: "{count} connections from Envoy to {clusters} failed in the TLS handshake: {transportFailure}",
    detail:
      "The TLS handshake between Envoy and the upstream failed. WRONG_VERSION_NUMBER means one side spoke plaintext (a DestinationRule asks for TLS towards a port without a sidecar, or the reverse); CERTIFICATE_VERIFY_FAILED means the upstream's certificate did not validate against the roots or names Envoy expects; *_ALERT_* reasons name what the peer rejected.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc); UPSTREAM_TRANSPORT_FAILURE_REASON (BoringSSL reason codes)",
    causes: [{ cause: "tls.mismatch", weight: 0.85 }],
  },
  {
    code: "PD1211",
    name: "EnvoyUpstreamRemoteReset",
    severity: "error",
    summary:
      "{count} requests to {cluster} were reset by the upstream before it answered ({status} {flags}, {details})",
    detail:
      "The upstream reset the stream (HTTP/2 RST_STREAM) or the connection before any response. The usual reason is a protocol disagreement, such as a port declared http2/grpc for an application that speaks HTTP/1, or an upstream refusing streams while it shuts down.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (UR, remote_reset)",
    causes: [
      { cause: "protocol.mismatch", weight: 0.4 },
      { cause: "connection.goaway", weight: 0.2 },
      { cause: "upstream.app-error", weight: 0.1 },
    ],
  },
  {
    code: "PD1212",
    name: "EnvoyCircuitBreakerOverflow",
    severity: "warning",
    summary: "{count} requests to {clusters} were rejected by Envoy's circuit breaker ({status} {flags})",
    detail:
      "A connection-pool threshold of the cluster was reached (maximum connections, pending requests, requests or retries), so Envoy failed the request at once with 503 and x-envoy-overloaded. It shows load or upstream slowness backing up against limits set in the DestinationRule's connectionPool.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (UO, overflow)",
    causes: [
      { cause: "limits.connection-pool", weight: 0.8 },
      { cause: "timeout.route", weight: 0.15 },
      { cause: "upstream.app-error", weight: -0.2 },
    ],
  },
  {
    code: "PD1213",
    name: "EnvoyClusterNotFound",
    severity: "error",
    summary: "{count} requests were routed to a cluster this Envoy does not know ({status} {flags})",
    detail:
      "The route names a cluster the proxy never received: a VirtualService pointing at a host or subset without a Service, ServiceEntry or DestinationRule subset, a Sidecar resource that hides it, or a configuration push that arrived out of order.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (NC, cluster_not_found)",
    causes: [
      { cause: "routing.no-route", weight: 0.5 },
      { cause: "config.rejected", weight: 0.3 },
    ],
  },
  {
    code: "PD1214",
    name: "EnvoyClientDisconnected",
    severity: "info",
    summary: "{count} requests to {clusters} ended because the client went away first ({flags}, status {status})",
    detail:
      "The downstream side closed or reset the connection before Envoy finished. On its own this points at the caller: a client or load-balancer timeout shorter than the request takes, or a user who navigated away. It speaks against blaming the upstream application for these requests.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (DC, downstream_remote_disconnect; DR)",
    causes: [
      { cause: "client.gave-up", weight: 0.55 },
      { cause: "timeout.route", weight: 0.15 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1215",
    name: "EnvoyResetAfterResponseStarted",
    severity: "error",
    summary:
      "{count} responses from {cluster} were cut after they started ({details}); the logged status {status} is misleading",
    detail:
      "The upstream's response had already begun (status and headers sent on) when the upstream connection broke, so Envoy could only reset the client's stream. The client sees a truncated body: curl exits 18 or 92, browsers report ERR_HTTP2_PROTOCOL_ERROR or ERR_INCOMPLETE_CHUNKED_ENCODING.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (upstream_reset_after_response_started)",
    causes: [{ cause: "upstream.truncated-body", weight: 0.75 }],
  },
  {
    code: "PD1216",
    name: "EnvoyAppErrorStatus",
    severity: "warning",
    summary: "{count} responses with status {status} from {clusters} came from the application (via_upstream)",
    detail:
      "Envoy only relayed these error statuses: the application produced them. Look in the application's log for the request ids rather than in the mesh.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (via_upstream)",
    causes: [{ cause: "upstream.app-error", weight: 0.8 }],
  },
  {
    code: "PD1217",
    name: "EnvoyLocalReplies",
    severity: "info",
    summary:
      "Envoy itself answered {count} failing requests (first: {status} {details}); the application never produced those responses",
    detail:
      "A response whose details are anything other than via_upstream was generated by Envoy (a local reply): the application either never saw the request or its answer was discarded. The report says who answered before blaming anyone.",
    reference: "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc)",
    causes: [{ cause: "upstream.app-error", weight: -0.5 }],
  },
  {
    code: "PD1218",
    name: "EnvoyRetriesExhausted",
    severity: "info",
    summary: "{count} requests to {clusters} failed after Envoy's retries were used up ({flags})",
    detail:
      "URX says Envoy retried and the last attempt failed too, so the failure is persistent rather than a blip. The flag next to it names the failure that kept happening.",
    reference: "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (URX)",
    causes: [],
  },
  {
    code: "PD1219",
    name: "EnvoyStreamIdleTimeout",
    severity: "warning",
    summary: "{count} streams through {clusters} were closed by Envoy's stream idle timeout ({details})",
    detail:
      "No bytes moved in either direction for the stream idle timeout (5 minutes by default). Long-lived streams without heartbeats (SSE, gRPC streams, websockets) are closed this way.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (SI, stream_idle_timeout)",
    causes: [{ cause: "timeout.route", weight: 0.5 }],
  },
  {
    code: "PD1220",
    name: "EnvoyMaxStreamDurationReached",
    severity: "warning",
    summary: "{count} streams to {clusters} reached the maximum stream duration ({details})",
    detail: "The cluster or route sets a maximum stream duration that is shorter than these streams live.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (UMSDR, upstream_max_stream_duration_reached)",
    causes: [{ cause: "timeout.route", weight: 0.5 }],
  },
  {
    code: "PD1221",
    name: "EnvoyDownstreamProtocolError",
    severity: "warning",
    summary: "{count} requests were rejected by Envoy's codec as malformed from the client ({details})",
    detail:
      "Envoy could not parse what the client sent: HTTP/1 where HTTP/2 was expected (or TLS into a plaintext port), invalid header characters, or a client library bug. The client gets 400 (HTTP/1) or a GOAWAY (HTTP/2).",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (DPE, codec_error, http1.*, http2.*)",
    causes: [{ cause: "protocol.mismatch", weight: 0.45 }],
  },
  {
    code: "PD1222",
    name: "EnvoyHeadersTooLarge",
    severity: "error",
    summary: "{count} requests hit Envoy's header limits ({details}, status {status})",
    detail:
      "The header section exceeded Envoy's size (60 KiB) or count (100) limit, so Envoy refused the message. Big cookies and tokens are the usual reason.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (http1.headers_too_large, http1.too_many_headers, http2.too_many_headers)",
    causes: [{ cause: "limits.header-too-large", weight: 0.85 }],
  },
  {
    code: "PD1223",
    name: "EnvoyFailuresOnFewHosts",
    severity: "warning",
    summary:
      "{failedShare}% of failures went to {hostCount} of {hosts} upstream hosts (top: {host}, {hostFailed} failures)",
    detail:
      "Failures are not spread over the endpoints: a few hosts take most of them while carrying a small share of the traffic. Those pods differ from the rest (version, node, state); look at them first.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (UPSTREAM_HOST)",
    causes: [{ cause: "upstream.app-error", weight: 0.25 }],
  },
  {
    code: "PD1224",
    name: "EnvoyTimeoutAtFixedLimit",
    severity: "warning",
    summary: "{count} timeouts to {clusters} all lasted about {timeout} ms: a configured timeout, not a random stall",
    detail:
      "The durations of these timed-out requests sit together at one value, which is the timeout the proxy applies (Envoy's default route timeout is 15 s). The request needs longer than that limit.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (%DURATION% of UT records)",
    causes: [{ cause: "timeout.route", weight: 0.85 }],
  },
  {
    code: "PD1225",
    name: "EnvoyUpstreamHostUnreachable",
    severity: "error",
    summary: "{count} connections from Envoy to {host} failed: no route to the host ({transportFailure})",
    detail:
      "The endpoint's IP address did not answer at all (EHOSTUNREACH or a connect timeout). The pod behind it is usually gone while the endpoint is still announced, or the network between nodes drops the traffic.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc); delayed connect error 113 (EHOSTUNREACH)",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.35 },
      { cause: "network.path-loss", weight: 0.35 },
    ],
  },
  {
    code: "PD1226",
    name: "EnvoyLocalReset",
    severity: "warning",
    summary: "{count} requests to {clusters} were reset by Envoy itself ({flags}, {details})",
    detail:
      "Envoy reset the upstream stream locally, most often because a per-try timeout expired or the client went away and Envoy cancelled the upstream request.",
    reference:
      "Envoy access log: %RESPONSE_FLAGS% and %RESPONSE_CODE_DETAILS% (envoy stream_info.h, router.cc) (LR, local_reset)",
    causes: [{ cause: "timeout.route", weight: 0.3 }],
  },
  {
    code: "PD1227",
    name: "EnvoyUpgradeFailed",
    severity: "error",
    summary: "Envoy refused {count} protocol switches itself ({status} {details}) on {clusters}",
    detail:
      "The request asked to switch protocols (WebSocket, SPDY/3.1 for `kubectl exec` and `port-forward`, h2c, CONNECT-UDP) and Envoy's route or connection manager has no `upgrade_configs` entry for that type, so it answered 403 without asking the upstream. Enable the upgrade on the route (Envoy Gateway: a BackendTrafficPolicy or ClientTrafficPolicy allowing it; Istio: WebSocket is on by default, other types need an EnvoyFilter) or have the client use a protocol the hop allows.",
    reference:
      "Envoy access log: %RESPONSE_CODE_DETAILS% upgrade_failed (http/conn_manager_impl.cc, router/config_impl.cc upgrade_configs)",
    causes: [{ cause: "protocol.mismatch", weight: 0.65 }],
  },
  {
    code: "PD1228",
    name: "EnvoyRefusedHttp10",
    severity: "error",
    summary: "Envoy answered {count} HTTP/1.0 requests itself with {status} Upgrade Required ({details}) on {clusters}",
    detail:
      "Envoy's HTTP/1 codec refuses HTTP/1.0 unless `accept_http_10` is set, and answers 426 without asking the upstream. The client is usually another proxy that speaks HTTP/1.0 to its upstream by default: nginx's `proxy_pass` does until `proxy_http_version 1.1` is set, and so do some load balancers' health checks and old libraries. Make that hop speak HTTP/1.1 (nginx: `proxy_http_version 1.1;`), or, in Istio, let the sidecar accept HTTP/1.0 (`ISTIO_META_HTTP10: \"1\"` in the proxy's environment).",
    reference:
      "Envoy access log: %RESPONSE_CODE_DETAILS% low_version (http1 codec, http_protocol_options.accept_http_10); nginx proxy_http_version; Istio ISTIO_META_HTTP10",
    causes: [{ cause: "protocol.mismatch", weight: 0.7 }],
  },
  {
    code: "PD1229",
    name: "EnvoyBlackHoleOutbound",
    severity: "error",
    summary:
      "{count} outbound connections or requests went to Istio's black hole ({status} {flags}, cluster {clusters})",
    detail:
      "With `outboundTrafficPolicy: REGISTRY_ONLY`, a sidecar sends traffic for any destination that no Service or ServiceEntry declares to BlackHoleCluster, a cluster without hosts: HTTP gets 502 with flag UH, TCP and TLS connections are closed at once (`Connection reset by peer` in curl or the TLS library, status 0 in the access log). The destination is not wrong and the network is fine; the mesh does not know the host. Declare it with a ServiceEntry (hosts, ports with the right protocol, `resolution: DNS`), or route it through an egress gateway.",
    reference:
      "Istio MeshConfig outboundTrafficPolicy (REGISTRY_ONLY, BlackHoleCluster); Istio ServiceEntry; istio/istio#33281",
    causes: [
      { cause: "routing.no-route", weight: 0.7 },
      { cause: "routing.no-healthy-upstream", weight: -0.3 },
    ],
  },
  {
    code: "PD1230",
    name: "EnvoyRequestPayloadTooLarge",
    severity: "error",
    summary:
      "Envoy answered {count} requests itself with {status} ({details}) on {clusters}: the body is over a buffer limit",
    detail:
      "A filter that must hold the whole request body (the buffer filter, gRPC-JSON transcoding, ext_authz with the body, a Lua or Wasm filter that reads it) stopped at its `max_request_bytes` or the listener's buffer limit and answered 413 without asking the upstream. Raise that filter's limit, or the connection buffer limit, for the routes that take large bodies.",
    reference:
      "Envoy access log: %RESPONSE_CODE_DETAILS% request_payload_too_large (buffer filter, Http::Code::PayloadTooLarge)",
    causes: [
      { cause: "limits.body-too-large", weight: 0.75 },
      { cause: "upstream.app-error", weight: -0.4 },
    ],
  },
  {
    code: "PD1301",
    name: "EnvoyUpstreamCodecRejected",
    severity: "error",
    summary: "Envoy's {protocol} codec rejected the upstream's response on {connection}: {code}",
    detail:
      "Envoy's HTTP codec stopped reading the upstream's bytes with an error, reset the connection and sent the client a 502 local reply. The code names the defect class; the headers completed before it show how far the parser got.",
    reference: "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc)",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.75 },
      { cause: "protocol.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD1302",
    name: "EnvoyInvalidHeaderToken",
    severity: "error",
    summary:
      "The upstream on {connection} sent a header Envoy could not read as a field name, right after {lastHeaderName} ({code})",
    detail:
      "The parser accepted the headers listed before the error and failed on the next one's name. The header that follows the last completed one in the upstream's response has a space before its colon (`Time : …`), a character outside the token set, or raw non-ASCII bytes in its name. Find it in a capture or with a direct request to the application.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc); llhttp/http-parser HPE_INVALID_HEADER_TOKEN, BalsaParser INVALID_HEADER_NAME_CHARACTER; RFC 9110 §5.1",
    causes: [{ cause: "upstream.malformed-header", weight: 0.9 }],
  },
  {
    code: "PD1303",
    name: "EnvoyHeadersSizeExceedsLimit",
    severity: "error",
    summary: "Envoy refused a header section on {connection}: headers size exceeds limit",
    detail:
      "The header section on this connection was larger than Envoy allows (max_request_headers_kb, 60 KiB by default, also applied to responses). Raise the limit with an EnvoyFilter or send fewer or smaller headers.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc); envoyproxy/envoy#13827",
    causes: [{ cause: "limits.header-too-large", weight: 0.9 }],
  },
  {
    code: "PD1304",
    name: "EnvoyTooManyHeaders",
    severity: "error",
    summary: "Envoy refused a message on {connection}: too many headers",
    detail: "The message carried more header fields than max_headers_count (100 by default).",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (http1.too_many_headers)",
    causes: [{ cause: "limits.header-too-large", weight: 0.9 }],
  },
  {
    code: "PD1305",
    name: "EnvoyInvalidMessageFraming",
    severity: "error",
    summary: "The upstream on {connection} framed its body in a way Envoy refuses: {code}",
    detail:
      "Transfer-Encoding or Content-Length is wrong: an unknown or repeated transfer coding (`Chunked` next to `chunked`), Content-Length together with chunked, an invalid length, or a broken chunk size. Strict proxies refuse these because they enable request smuggling.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc); RFC 9112 §6.1, §6.3",
    causes: [{ cause: "upstream.malformed-header", weight: 0.9 }],
  },
  {
    code: "PD1306",
    name: "EnvoyRawBytesInHeader",
    severity: "error",
    summary: "Header `{header}` on {connection} carries raw non-ASCII bytes",
    detail:
      "Header values must be visible ASCII; a raw UTF-8 file name or text in a header (for example Content-Disposition) is refused by strict parsers. Percent-encode it or use the RFC 8187 filename* form.",
    reference: "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc); RFC 9110 §5.5",
    causes: [{ cause: "upstream.malformed-header", weight: 0.65 }],
  },
  {
    code: "PD1307",
    name: "EnvoyDuplicateTransferEncoding",
    severity: "error",
    summary: "The upstream on {connection} sent Transfer-Encoding {times} times ({values})",
    detail:
      "Transfer-Encoding appears more than once (often once capitalised and once lower-case). Together they mean the body is chunked twice, which the body does not follow, so Envoy refuses the response while curl reads it.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc); RFC 9112 §6.1; istio/istio#24753",
    causes: [{ cause: "upstream.malformed-header", weight: 0.85 }],
  },
  {
    code: "PD1308",
    name: "EnvoyResetProtocolError",
    severity: "error",
    summary: "Envoy reset the upstream request on {connection}: protocol error",
    detail:
      "The router saw the upstream connection fail with a protocol error and will answer 502 unless the response had started. The codec error line before it on the upstream connection names the defect.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (router: upstream reset: reset reason)",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.6 },
      { cause: "protocol.mismatch", weight: 0.25 },
    ],
  },
  {
    code: "PD1309",
    name: "EnvoyResetConnectionTermination",
    severity: "error",
    summary: "The upstream closed the connection under a request on {connection}",
    detail:
      "The router's upstream request was reset because the upstream connection closed before a response, the debug-log side of 503 UC.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (connection termination)",
    causes: [{ cause: "upstream.keepalive-race", weight: 0.55 }],
  },
  {
    code: "PD1310",
    name: "EnvoyResetConnectFailure",
    severity: "error",
    summary: "Envoy could not connect to the upstream for {connection}: {reason} {transportFailure}",
    detail: "The connection to the upstream endpoint failed before the request could be sent.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (connection failure)",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.55 },
      { cause: "network.path-loss", weight: 0.1 },
    ],
  },
  {
    code: "PD1311",
    name: "EnvoyResetTlsFailure",
    severity: "error",
    summary: "The TLS handshake to the upstream failed for {connection}: {transportFailure}",
    detail:
      "The connection failed in TLS; the BoringSSL reason says whether a side spoke plaintext (WRONG_VERSION_NUMBER) or a certificate did not validate.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc); transport failure reason",
    causes: [{ cause: "tls.mismatch", weight: 0.85 }],
  },
  {
    code: "PD1312",
    name: "EnvoyLocalReplySent",
    severity: "info",
    summary: "Envoy answered {status} itself on {connection} ({details})",
    detail: "Envoy sent a local reply rather than relaying an application response; the details say why.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (conn_manager_impl sendLocalReply)",
    causes: [{ cause: "upstream.app-error", weight: -0.5 }],
  },
  {
    code: "PD1313",
    name: "EnvoyDownstreamCodecError",
    severity: "warning",
    summary: "Envoy's codec rejected what the client sent on {connection}: {code}",
    detail:
      "The bytes a client sent to Envoy were not valid for the protocol Envoy expected on that listener: HTTP/1 to an HTTP/2 port, TLS into plaintext, or invalid header characters.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (dispatch error on a downstream connection)",
    causes: [{ cause: "protocol.mismatch", weight: 0.45 }],
  },
  {
    code: "PD1314",
    name: "EnvoyGoaway",
    severity: "warning",
    summary: "GOAWAY on {connection}: {detail}",
    detail:
      "An HTTP/2 peer announced it stops accepting streams on the connection. Requests started after it fail unless the client retries them on a new connection.",
    reference: "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc); RFC 9113 §6.8",
    causes: [{ cause: "connection.goaway", weight: 0.55 }],
  },
  {
    code: "PD1315",
    name: "EnvoyPendingRequestsReset",
    severity: "warning",
    summary: "The upstream connection {connection} closed with {pending} requests in flight",
    detail:
      "The upstream closed a connection that still had requests waiting for their responses, without a codec error first. That is what an idle-timeout race or an application crash looks like from Envoy's side.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (codec_client: disconnect. resetting N pending requests)",
    causes: [{ cause: "upstream.keepalive-race", weight: 0.35 }],
  },
  {
    code: "PD1316",
    name: "EnvoyConnectRefused",
    severity: "error",
    summary: "Envoy's connection {connection} to the upstream was refused: {detail}",
    detail: "The TCP connection to the endpoint failed right away (111 is ECONNREFUSED): nothing listens there.",
    reference:
      "Envoy debug log (source/common/http/codec_client.cc, http1/codec_impl.cc, router.cc) (delayed connect error)",
    causes: [{ cause: "upstream.connection-refused", weight: 0.75 }],
  },
  {
    code: "PD1317",
    name: "EnvoyReplyBodyProtocolError",
    severity: "error",
    summary: "A client got Envoy's 502 local reply: reset reason: protocol error",
    detail:
      "This body is written by Envoy, not by the application: Envoy could not read the upstream's response and answered on its behalf. A header it refuses is the most common reason; an upstream speaking another protocol (HTTP/2 or TLS where Envoy expects HTTP/1.1) and a body that does not match its Content-Length give the same words, so on its own it asks for the upstream's side.",
    reference: "Envoy router.cc local reply body (onUpstreamReset)",
    causes: [
      { cause: "upstream.malformed-header", weight: 0.45 },
      { cause: "protocol.mismatch", weight: 0.3 },
      { cause: "upstream.truncated-body", weight: 0.15 },
    ],
  },
  {
    code: "PD1318",
    name: "EnvoyReplyBodyConnectionTermination",
    severity: "error",
    summary: "A client got Envoy's 503 local reply: reset reason: connection termination",
    detail:
      "Envoy answered because the upstream closed the connection before it responded. On its own this line does not say why: a pooled connection the upstream had just closed as idle, a port that speaks another protocol than the one Envoy was told (port name, appProtocol), and a mutual-TLS mode mismatch all end this way.",
    reference: "Envoy router.cc local reply body (onUpstreamReset)",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.4 },
      { cause: "protocol.mismatch", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.25 },
    ],
  },
  {
    code: "PD1319",
    name: "EnvoyReplyBodyConnectFailure",
    severity: "error",
    summary: "A client got Envoy's 503 local reply: reset reason: {reason}",
    detail: "Envoy answered because it could not connect to the upstream.",
    reference: "Envoy router.cc local reply body (onUpstreamReset)",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.45 },
      { cause: "tls.mismatch", weight: 0.15 },
    ],
  },
  {
    code: "PD1320",
    name: "EnvoyReplyBodyTlsFailure",
    severity: "error",
    summary: "A client got Envoy's 503 local reply after a TLS failure: {transportFailure}",
    detail:
      "Envoy could not complete TLS towards the upstream and answered itself; the transport failure names the BoringSSL reason.",
    reference: "Envoy router.cc local reply body; ssl_socket.cc failure reason",
    causes: [{ cause: "tls.mismatch", weight: 0.8 }],
  },
  {
    code: "PD1321",
    name: "EnvoyReplyBodyNoHealthyUpstream",
    severity: "error",
    summary: "A client got Envoy's 503 local reply: no healthy upstream",
    detail: "Envoy had no usable endpoint for the route's cluster and answered itself.",
    reference: "Envoy router.cc sendNoHealthyUpstreamResponse",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.7 }],
  },
  {
    code: "PD1322",
    name: "EnvoyReplyBodyUpstreamTimeout",
    severity: "error",
    summary: "A client got Envoy's 504 local reply: upstream request timeout",
    detail: "Envoy's route timeout fired before the upstream answered and Envoy answered itself.",
    reference: "Envoy router.cc onUpstreamTimeoutAbort",
    causes: [{ cause: "timeout.route", weight: 0.7 }],
  },
  {
    code: "PD1323",
    name: "EnvoyRejectedHeaderInCapture",
    severity: "error",
    summary: "The header Envoy stopped on is {rejectedHeader}, after {previousHeader}: {defect}",
    detail:
      "Envoy's log says which connection failed and which headers its parser had completed; the captured bytes of the same response show the next field line. Its name is not an RFC 9110 token, so Envoy's codec rejects the whole response while curl and browsers accept it. Fix the application (or the proxy in front of it) that writes this header.",
    reference:
      "Envoy debug log (codec_client.cc) with captured bytes; RFC 9110 §5.1, RFC 9112 §5.1 (no whitespace before the colon)",
    causes: [{ cause: "upstream.malformed-header", weight: 0.95 }],
  },
  {
    code: "PD1324",
    name: "EnvoyDownstreamNotHttp",
    severity: "warning",
    summary: "A client's first bytes on {connection} were not an HTTP request line: {code}",
    detail:
      "Envoy's HTTP/1 codec on a plaintext listener could not even read a method: the client opened with other bytes, most often a TLS ClientHello (`https://` or a TLS-originating sidecar or gateway talking to a port without TLS), sometimes another protocol. Check the scheme and port the client uses against the listener's transport socket, and the DestinationRule's TLS mode.",
    reference: "Envoy debug log (http1/codec_impl.cc dispatch error: HPE_INVALID_METHOD on a downstream connection)",
    causes: [
      { cause: "tls.mismatch", weight: 0.5 },
      { cause: "protocol.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD1325",
    name: "EnvoyReplyBodyOverflow",
    severity: "error",
    summary: "A client got Envoy's 503 local reply: reset reason: overflow",
    detail:
      "Envoy answered without sending the request because the upstream cluster's circuit breakers (connection pool limits) were full; the access log shows UO for these requests.",
    reference: "Envoy router.cc local reply body (onUpstreamReset, overflow)",
    causes: [{ cause: "limits.connection-pool", weight: 0.75 }],
  },
  {
    code: "PD1326",
    name: "EnvoyUpstreamAnswered5xx",
    severity: "error",
    summary: "The upstream itself answered {status} on {connection}; Envoy passed the response on",
    detail:
      "Envoy's debug log shows the upstream's own response headers (`upstream headers complete`) with a 5xx status: the application, not the proxy, produced the error. Look at the application's logs for the request; the mesh only carried it.",
    reference: "Envoy debug log (router.cc: upstream headers complete, with the header dump)",
    causes: [
      { cause: "upstream.app-error", weight: 0.65 },
      { cause: "routing.no-healthy-upstream", weight: -0.3 },
    ],
  },
  {
    code: "PD1327",
    name: "EnvoyRouteTimeoutFired",
    severity: "error",
    summary: "Envoy's {which} fired on {subject} and it answered {status} itself; the timeout applied was {timeout}",
    detail:
      "The upstream had not finished its response when the route's timeout (or the retry policy's per-try timeout) ran out, so Envoy gave up and sent its own `upstream request timeout`. The router writes the timeout it applied into the request it forwards (`x-envoy-expected-rq-timeout-ms`), and its debug log shows that request. 15000 ms is Envoy's default for a route without a timeout (Gateway API HTTPRoute `timeouts`, VirtualService `timeout`, Contour `timeoutPolicy`). Either the limit is too short for this request or the application is slow.",
    reference:
      "Envoy router.cc (router decoding headers, onUpstreamTimeout, upstream_response_timeout); Envoy route timeout (default 15 s)",
    causes: [
      { cause: "timeout.route", weight: 0.8 },
      { cause: "client.gave-up", weight: -0.4 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1328",
    name: "EnvoyGrpcReplyProtocolError",
    severity: "error",
    summary: "A gRPC call got Envoy's local reply: reset reason: protocol error",
    detail:
      "gRPC runs only over HTTP/2. When Envoy talks HTTP/1.1 to a gRPC server (a Service port named without `grpc`/`http2`, no `appProtocol: kubernetes.io/h2c` or `grpc`, a cluster without HTTP/2 options), the server answers with HTTP/2 frames or closes, and Envoy's HTTP/1 codec calls that a protocol error. A gRPC framework rarely writes a malformed header, so the protocol between Envoy and the backend is the first suspect.",
    reference:
      "Envoy router.cc local reply body (onUpstreamReset) in grpc-message; gRPC over HTTP/2 (PROTOCOL-HTTP2.md); Gateway API appProtocol kubernetes.io/h2c",
    causes: [
      { cause: "protocol.mismatch", weight: 0.65 },
      { cause: "upstream.malformed-header", weight: 0.2 },
    ],
  },
  {
    code: "PD1329",
    name: "EnvoyOwnStreamReset",
    severity: "error",
    summary: "A stream Envoy opened itself ({connection}) was reset: {reason} {transportFailure}",
    detail:
      "Envoy logs the streams of its own async client (its xDS stream to the control plane, calls to ext_authz, rate-limit or tracing services) on connection 0, as they have no downstream connection. A reset there is not a user request failing: most often the proxy lost its configuration stream, because the control plane's address, port or TLS settings (Consul's gRPC TLS port 8503, istiod's 15012) do not match what the proxy's bootstrap says.",
    reference:
      "Envoy AsyncClientImpl (async_client_impl.cc) and router.cc stream logs ([C0]); Consul 1.14 gRPC TLS port",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.5 },
      { cause: "upstream.keepalive-race", weight: -0.4 },
    ],
  },
  {
    code: "PD1330",
    name: "EnvoyReusedConnectionClosed",
    severity: "error",
    summary: "The upstream closed {connection} right after Envoy reused it for a request ({detail})",
    detail:
      "Envoy took an idle pooled connection (`using existing connection`) and the upstream closed it within the same moment (`remote close`): the application was already closing it for being idle, and the request sent on it gets no answer (503 UC, `upstream connect error … connection termination`). This is the keep-alive race: the application's idle timeout (Node's 5 s default) is shorter than Envoy's.",
    reference: "Envoy debug log (conn_pool.cc using existing connection; connection_impl.cc remote close)",
    causes: [{ cause: "upstream.keepalive-race", weight: 0.65 }],
  },
  {
    code: "PD1331",
    name: "EnvoyRemoteEarlyClose",
    severity: "warning",
    summary: "The peer closed {connection} while Envoy was still using it (remote early close)",
    detail:
      "Envoy's connection saw the far end close while a read or write was still under way. On an upstream (pooled) connection this is the application closing a connection Envoy had just picked for a request, the keep-alive race; on a downstream one, a client going away.",
    reference: "Envoy debug log (network/connection_impl.cc: remote early close)",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.4 },
      { cause: "client.gave-up", weight: 0.1 },
    ],
  },
  {
    code: "PD1332",
    name: "EnvoyConnectionTlsError",
    severity: "error",
    summary: "A TLS handshake on {connection} failed: {detail}",
    detail:
      "Envoy logs `TLS error:` with BoringSSL's reasons when a handshake fails, on a connection it opened to an upstream or one a client opened to it. The reasons say which side balked: `SSLV3_ALERT_HANDSHAKE_FAILURE` or `HANDSHAKE_FAILURE_ON_CLIENT_HELLO` is the peer refusing Envoy's hello (no cipher, version or SNI it accepts), `CERTIFICATE_VERIFY_FAILED` is Envoy refusing the peer's certificate (unknown CA, wrong name, expired), `WRONG_VERSION_NUMBER` is plaintext where TLS was expected. Compare what each side offers: the cluster's `tls_params`/DestinationRule and SNI against the server's ciphers, versions and certificates.",
    reference:
      "Envoy debug log (extensions/transport_sockets/tls/ssl_socket.cc: TLS error); BoringSSL error reason names",
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD1333",
    name: "EnvoyGrpcReplyConnectionTermination",
    severity: "error",
    summary: "A gRPC call got Envoy's local reply: reset reason: connection termination",
    detail:
      "The upstream closed the connection before answering a gRPC call. gRPC needs HTTP/2 all the way to the server: when Envoy (a sidecar, an ingress or a Gateway API gateway) talks HTTP/1.1 to it, or TLS without `h2` in ALPN, the server closes the connection at Envoy's first bytes, on every call. A Service port named without `grpc`/`http2`, no `appProtocol`, a cluster without HTTP/2 options or a backend TLS policy that offers no `h2` all end this way; so do a mutual-TLS mode mismatch and, now and then, a pooled connection the server had just closed.",
    reference:
      "Envoy router.cc local reply body (onUpstreamReset); gRPC over HTTP/2 (PROTOCOL-HTTP2.md); Kubernetes appProtocol kubernetes.io/h2c; istio/istio#60466",
    causes: [
      { cause: "protocol.mismatch", weight: 0.45 },
      { cause: "tls.mismatch", weight: 0.3 },
      { cause: "upstream.keepalive-race", weight: 0.25 },
    ],
  },
  {
    code: "PD1334",
    name: "EnvoyUpstreamAnswerNotHttp1",
    severity: "error",
    summary:
      "Envoy's HTTP/1.1 codec could not read the upstream's first bytes on {connection} as a status line ({code})",
    detail:
      "Envoy spoke HTTP/1.1 to the upstream and what came back did not start with `HTTP/1.x`: the server speaks HTTP/2 only (a gRPC server, an h2c backend, which answers with its SETTINGS frame), expects TLS (its bytes are a TLS alert or record), or is another protocol altogether. The protocol Envoy uses towards the cluster is wrong, not a header: declare HTTP/2 for it (Service port name `grpc`/`http2` or `appProtocol: kubernetes.io/h2c`, Contour's `projectcontour.io/upstream-protocol.h2c`, a cluster's `http2_protocol_options`) or TLS where the server wants it.",
    reference:
      "llhttp HPE_INVALID_CONSTANT and HPE_INVALID_VERSION (status line); Envoy codec_client.cc (protocol error); projectcontour/contour#152",
    causes: [
      { cause: "protocol.mismatch", weight: 0.65 },
      { cause: "upstream.malformed-header", weight: 0.1 },
    ],
  },
  {
    code: "PD1335",
    name: "EnvoyReplyBodyHostUnreachable",
    severity: "error",
    summary: "A client got Envoy's 503 local reply: the upstream host was unreachable ({transportFailure})",
    detail:
      "Envoy's connect to the upstream failed with EHOSTUNREACH (`delayed connect error: 113`), not a refusal: something answered the SYN with an ICMP host-unreachable or prohibited, or there is no route. A host firewall rejecting by default (firewalld's `icmp-host-prohibited`), a security group or NetworkPolicy, or an endpoint whose pod is gone while it is still announced. Test the same address and port from the node and from the pod; check the node's firewall rules.",
    reference:
      "Envoy router.cc local reply body (onUpstreamReset, transport failure reason); Linux connect(2) EHOSTUNREACH; istio/istio#46431",
    causes: [
      { cause: "network.path-loss", weight: 0.45 },
      { cause: "routing.no-healthy-upstream", weight: 0.3 },
      { cause: "upstream.connection-refused", weight: -0.2 },
    ],
  },
]);
