import type { CauseDef } from "../model/cause.ts";

/**
 * The root causes proxydoc can name. Which findings support or refute each one is declared on
 * the findings (`causes` links), so that a family's codes and their meaning stay together.
 */
export const CAUSES: readonly CauseDef[] = [
  {
    id: "upstream.malformed-header",
    title: "The upstream sends a header section that a strict peer rejects",
    layer: "upstream",
    explanation:
      "A hop (usually the application) writes a response or request head that lenient clients such as curl and browsers read without complaint, but that a strict parser refuses: a field name with a space or a non-token byte, whitespace before the colon, control bytes or raw UTF-8 in a value, Transfer-Encoding sent twice or in mixed case, Content-Length together with Transfer-Encoding, or two different Content-Length values. Envoy (Istio's sidecar) and nginx since 1.23 reject such messages and answer 502 themselves, so the failure appears only once the proxy is in the path.",
    fix: "Correct the header in the application that writes it: one lower-case `Transfer-Encoding: chunked` (or only a Content-Length), field names that are RFC 9110 tokens, values percent-encoded or RFC 8187-encoded instead of raw bytes. Relaxing the proxy only hides the defect from the next strict peer.",
    verify:
      "Probe the upstream directly with `proxydoc probe` (or `curl --raw -v`) and check that the defect is gone from the raw bytes; the proxy's 502s with `protocol_error` details stop.",
    references: [
      "RFC 9110 §5.1 (field names are tokens), §5.5 (field values)",
      "RFC 9112 §6.1, §6.3 (Transfer-Encoding and Content-Length)",
      "Envoy http1 codec: HPE_INVALID_HEADER_TOKEN / http1.invalid_characters",
    ],
    next: [
      {
        text: "Fetch the same URL straight from the application, bypassing the proxy, and keep the raw bytes",
        command: "proxydoc probe http://{upstream}{path} --http1.1",
      },
      {
        text: "Turn on the proxy's debug log for the http and client components and repeat the request",
        command: "istioctl proxy-config log {pod} -n {namespace} --level http:debug,client:debug",
      },
      {
        text: "Capture the traffic between the sidecar and the app and let proxydoc read it",
        command:
          "kubectl sniff {pod} -n {namespace} -c istio-proxy -p -f '-i lo' -o app.pcap && proxydoc pcap app.pcap",
      },
    ],
  },
  {
    id: "upstream.truncated-body",
    title: "The upstream ends the body before it is complete",
    layer: "upstream",
    explanation:
      "The response starts normally (often with status 200) but the body stops before the declared Content-Length or before the last chunk. A proxy in front passes the cut on: over HTTP/2 it resets the stream (curl exit 92, Chrome ERR_HTTP2_PROTOCOL_ERROR), over HTTP/1.1 it closes the connection (curl exit 18). The status code in access logs looks healthy and misleads.",
    fix: "Find why the upstream stops writing: a crash or timeout in the handler, a write timeout, a response buffer limit, or a proxy that cannot buffer (see proxy.temp-storage-failure).",
    verify: "Fetch the resource directly from the upstream and compare the received byte count with Content-Length.",
    references: ["RFC 9112 §6.3 (message body length)", "RFC 9113 §8.1 (malformed messages)"],
    next: [
      {
        text: "Fetch the object through the proxy and directly and compare byte counts",
        command: "proxydoc probe {url} --compare http://{upstream}{path}",
      },
      {
        text: "Read the proxy's error log around the time of the failure",
        command: "kubectl logs {pod} -n {namespace} --since=1h | grep -E 'crit|error'",
      },
    ],
  },
  {
    id: "upstream.app-error",
    title: "The application itself answered with the error",
    layer: "upstream",
    explanation:
      "The failing status was produced by the application and passed through the proxies unchanged (Envoy logs it with `via_upstream`, nginx with the upstream's status). The proxies are messengers here; the cause is in the application's own logs.",
    fix: "Read the application's logs for the request (use the x-request-id) and fix the handler or its dependency.",
    verify:
      "The application's log shows the error for the same request id, and a direct request to the application reproduces the status.",
    references: ["Envoy RESPONSE_CODE_DETAILS `via_upstream`"],
    next: [
      {
        text: "Read the application container's log around the request",
        command: "kubectl logs {pod} -n {namespace} -c {container} --since=1h | grep {requestId}",
      },
      { text: "Send the request straight to the application", command: "proxydoc probe http://{upstream}{path}" },
    ],
  },
  {
    id: "upstream.keepalive-race",
    title: "The upstream closes idle pooled connections before the proxy does",
    layer: "upstream",
    explanation:
      "Proxies keep upstream connections open and reuse them. When the application's keep-alive timeout is shorter than the proxy's idle timeout, the application closes a connection at the moment the proxy sends the next request on it. The request fails with a reset or an empty reply: Envoy logs 503 UC with `upstream_reset_before_response_started{connection_termination}`, nginx logs `upstream prematurely closed connection`. It is intermittent and follows idle periods.",
    fix: "Make the application's keep-alive timeout longer than the proxy's idle timeout (Node's default is 5 s; Envoy's upstream idle timeout is 1 h), or set the proxy's idle timeout below the application's (DestinationRule `connectionPool.http.idleTimeout`, nginx `keepalive_timeout` in the upstream block). Retrying on `reset` for idempotent requests hides the remainder.",
    fixSnippet:
      "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {host}\nspec:\n  host: {host}\n  trafficPolicy:\n    connectionPool:\n      http:\n        idleTimeout: 4s   # shorter than the application's keep-alive timeout",
    verify: "After the change, the rate of 503 UC / `connection_termination` drops to zero across idle periods.",
    references: ["Envoy docs: upstream connection idle timeout", "Node.js server.keepAliveTimeout (5 s default)"],
    next: [
      {
        text: "Check whether failures follow idle gaps: count UC/connection_termination by minute",
        command: "proxydoc diagnose access.log",
      },
      {
        text: "Read the application's keep-alive timeout (framework setting) and the DestinationRule's idleTimeout",
        command: "kubectl get destinationrule -n {namespace} -o yaml | grep -n idleTimeout",
      },
    ],
  },
  {
    id: "limits.header-too-large",
    title: "Headers exceed a proxy's size or count limit",
    layer: "proxy",
    explanation:
      "Every proxy caps the header section: Envoy 60 KiB and 100 headers by default, nginx 4k/8k buffers (`large_client_header_buffers`, `proxy_buffer_size`), HAProxy `tune.bufsize`. A request with big cookies or tokens, or a response with many Set-Cookie lines, crosses the limit and the proxy answers 431, 494, 502 or resets.",
    fix: "Shrink the headers (cookies, tokens), or raise the limit at the proxy that rejects them: Envoy `max_request_headers_kb` and `max_headers_count` through an EnvoyFilter, nginx `proxy_buffer_size` / `large_client_header_buffers`.",
    fixSnippet:
      'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: max-header\n  namespace: istio-system\nspec:\n  configPatches:\n  - applyTo: NETWORK_FILTER\n    match:\n      context: ANY\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n    patch:\n      operation: MERGE\n      value:\n        typed_config:\n          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager\n          max_request_headers_kb: 96\n          common_http_protocol_options:\n            max_headers_count: 300',
    verify:
      "Repeat the request with the same headers; the 431/502 disappears and the proxy's debug log no longer says `headers size exceeds limit`.",
    references: [
      "Envoy HttpConnectionManager max_request_headers_kb",
      "nginx proxy_buffer_size",
      "envoyproxy/envoy#13827",
    ],
    next: [
      {
        text: "Measure the header section the failing request or response carries",
        command: "proxydoc probe {url} --format json",
      },
      {
        text: "Read the proxy's debug log for the limit it hit",
        command:
          "kubectl logs {pod} -n {namespace} -c istio-proxy | grep -E 'headers size exceeds|too many headers|too big header'",
      },
    ],
  },
  {
    id: "limits.body-too-large",
    title: "A request body exceeds a proxy's size limit",
    layer: "proxy",
    explanation:
      "Proxies cap the request body they accept or buffer: nginx `client_max_body_size` (1 MiB by default; ingress-nginx sets it per Ingress with `proxy-body-size`), Envoy's buffer filter and gRPC-JSON transcoder (`max_request_bytes`), Kong's request-size-limiting plugin, Cloudflare's plan limit. An upload, an image push or a batch of metrics that crosses it gets 413 from the proxy; the application never sees the request. Clients often show only `413` or fail to parse the HTML page as JSON.",
    fix: "Raise the limit at the proxy that answered 413 for the routes that take large bodies, or send smaller bodies (chunked uploads, smaller batches).",
    fixSnippet:
      "# ingress-nginx: per Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 512m\n# nginx: in the server or location block\nclient_max_body_size 512m;",
    verify:
      "Send the same body again: the 413 is gone and the nginx error log has no new `client intended to send too large body` line.",
    references: [
      "nginx client_max_body_size",
      "ingress-nginx annotation proxy-body-size",
      "Envoy buffer filter max_request_bytes (request_payload_too_large)",
    ],
    next: [
      {
        text: "Find the proxy that answered 413 and its limit",
        command: "grep -n 'too large body' error.log; kubectl get ingress -n {namespace} -o yaml | grep -n body-size",
      },
      { text: "Measure the size of the body that fails against the limit" },
    ],
  },
  {
    id: "proxy.temp-storage-failure",
    title: "The proxy cannot write its buffering temp files",
    layer: "proxy",
    explanation:
      "nginx (and Kong, which is nginx) buffers upstream responses larger than its memory buffers into files under `proxy_temp_path`. When that directory is not writable by the worker user (a volume mounted into the nginx prefix makes it root-owned), the disk is full, or the file system is read-only, the write fails in the middle of the response: nginx logs `[crit] … (13: Permission denied) while reading upstream` and cuts the body. Small responses work; only large ones break, with status 200 and a truncated body (curl 18 or 92, Chrome ERR_HTTP2_PROTOCOL_ERROR).",
    fix: "Give the nginx worker a writable temp directory: mount extra volumes outside the nginx prefix (Kong: not under `/kong_prefix`), or fix the owner of `proxy_temp` (chown to the worker user), or free the disk. Kong Helm: move the mount of error templates and other files to their own directory.",
    fixSnippet:
      "# Kong Helm values: keep mounts out of the nginx prefix\nenv:\n  error_template_html: /kong_prefix/error_template/error_template.html\nextraConfigMaps:\n  - name: error-template-html\n    mountPath: /kong_prefix/error_template",
    verify:
      "Fetch the large resource again: the full body arrives and the error log has no new `[crit] … proxy_temp` lines. `ls -l` of the prefix shows `proxy_temp` owned by the worker user.",
    references: ["nginx proxy_temp_path, proxy_max_temp_file_size", "Kong Helm chart: extraConfigMaps mountPath"],
    next: [
      {
        text: "List the owners of the nginx prefix directories inside the proxy container",
        command: "kubectl exec {pod} -n {namespace} -c proxy -- ls -l /kong_prefix",
      },
      {
        text: "Search the proxy's error log for temp-file failures",
        command: "kubectl logs {pod} -n {namespace} -c proxy | grep -E 'proxy_temp|client_body_temp'",
      },
      {
        text: "Lint the Helm values or rendered Deployment for mounts inside the prefix",
        command: "proxydoc lint values.yaml",
      },
    ],
  },
  {
    id: "network.path-loss",
    title: "Packets are lost or black-holed on the network path",
    layer: "network",
    explanation:
      "Something between the two ends drops packets: a faulty switch or router port, an overloaded link, a load balancer or NAT that forgets idle flows, a full conntrack table. Long-lived connections notice it first: Go's HTTP/2 health check gives up after its ping timeout (`http2: client connection lost`), gRPC keepalives fail, etcd members lose their leader. Short requests retry and mostly succeed, so the failure looks random.",
    fix: "Find the lossy segment (compare node→node, pod→node, node→LB paths) and repair or replace the device or setting: idle timeouts longer than the keepalive period, conntrack capacity, the faulty link. Meanwhile keep HTTP/2 health checks on so dead connections are replaced quickly.",
    verify:
      "A bounded `proxydoc watch` of TCP connects and HTTP/2 PINGs along the path shows 0 % loss over several minutes.",
    references: [
      "golang.org/x/net/http2 Transport.ReadIdleTimeout/PingTimeout",
      "Kubernetes #95981 (client-go HTTP/2 health check)",
    ],
    next: [
      {
        text: "Measure loss and RTT along the path with TCP connects and HTTP/2 PINGs",
        command: "proxydoc watch {host} --count 600 --interval 0.2",
      },
      {
        text: "Repeat the TCP traceroute many times to find the hop that loses packets",
        command:
          "for i in $(seq 1 100); do traceroute --tcp -n {host}; done > traceroute.txt; proxydoc diagnose traceroute.txt",
      },
      {
        text: "Compare paths node→node, pod→node and node→load balancer with the same watch",
        command: "proxydoc watch {host} {lb} --count 300",
      },
    ],
  },
  {
    id: "client.go-h2-pool-bug",
    title: "A Go HTTP/2 connection-pool defect in the client",
    layer: "client",
    explanation:
      "Some Go versions mix the HTTP/2 code bundled in net/http with a vendored golang.org/x/net/http2. When the two disagree on the `no cached connection` error type (Go 1.13 with older vendored x/net, as in Kubernetes 1.11 built with Go 1.13), the transport does not retry and every request fails with `http2: no cached connection was available` after the server restarts. Older clients without the HTTP/2 health check keep using dead connections for minutes (until TCP gives up, about 15 minutes).",
    fix: "Build the client with a Go and golang.org/x/net pair that agree (x/net with `isNoCachedConnError`, from January 2018 on), or upgrade the component (client-go ≥ 1.19.x turns the health check on). As a stopgap, restart the client after the server restarts, or set `DISABLE_HTTP2`.",
    verify:
      "Read the binary's build information (`proxydoc diagnose ./binary`) and check the Go and x/net versions; restart the API server and see the client reconnect.",
    references: ["golang/go#22091", "golang.org/x/net commit ab555f36 (isNoCachedConnError)", "kubernetes#95981"],
    next: [
      {
        text: "Read the Go and module versions embedded in the client binary",
        command: "proxydoc diagnose /usr/local/bin/{binary}",
      },
      {
        text: "Restart the API server in a test cluster and watch whether the client reconnects",
        command: "kubectl logs {pod} -n {namespace} -f | grep -i http2",
      },
    ],
  },
  {
    id: "protocol.mismatch",
    title: "Two sides of a hop disagree on the protocol",
    layer: "configuration",
    explanation:
      "One side speaks HTTP/1.1 and the other HTTP/2, h2c or gRPC, or one expects TLS and the other plaintext. In Istio the protocol of a port comes from the Service port name prefix or `appProtocol`; a gRPC port named `http` or left to sniffing is treated as HTTP/1.1 and breaks, and a server-first protocol breaks under sniffing.",
    fix: "Declare the port's protocol: name it `grpc-…`/`http2-…`/`tcp-…` or set `appProtocol`; make the client and server ALPN lists overlap. Where a load balancer and a proxy meet, make them agree on the PROXY protocol (both on or both off) and on its place before TLS; allow the Upgrade a client asks for, or have it speak what the hop supports.",
    verify: "`istioctl proxy-config listener` and `cluster` show the expected protocol, and the request succeeds.",
    references: ["Istio docs: protocol selection", "RFC 9113 §3 (starting HTTP/2)"],
    next: [
      {
        text: "Read the Service's port names and appProtocol",
        command: "kubectl get svc -n {namespace} -o yaml | grep -nE 'name:|appProtocol|port:'",
      },
      {
        text: "Probe the port with HTTP/1.1, h2 and h2c to see what it speaks",
        command: "proxydoc probe http://{upstream}/ --h2c",
      },
    ],
  },
  {
    id: "tls.mismatch",
    title: "TLS or mTLS settings disagree between hops",
    layer: "configuration",
    explanation:
      "One side sends TLS (or Istio mutual TLS) and the other expects plaintext, or the reverse; or certificates, SNI or trust roots do not match. In Istio, a DestinationRule with `tls.mode: DISABLE` or `SIMPLE` towards a STRICT workload, or `ISTIO_MUTUAL` towards a pod without a sidecar, fails every connection: 503 with UF/URX flags and TLS errors such as `WRONG_VERSION_NUMBER`, or `connection reset by peer` for the client.",
    fix: "Make the DestinationRule's TLS mode match the destination's PeerAuthentication (or remove the TLS block and let auto-mTLS decide); give pods without a sidecar a DestinationRule with `DISABLE`. A caller outside the mesh (an ingress controller or gateway without a sidecar) that must reach a STRICT workload needs a sidecar of its own, or `PERMISSIVE` on that port (`portLevelMtls`).",
    verify: "`istioctl x describe pod` reports matching mTLS, and the UF/URX 503s stop.",
    references: ["Istio docs: mutual TLS migration", "Istio FAQ: 503 after adding a DestinationRule"],
    next: [
      {
        text: "Lint the DestinationRules against PeerAuthentications",
        command: "proxydoc lint --cluster -n {namespace}",
      },
      { text: "Ask Istio how it sees the pod's TLS", command: "istioctl x describe pod {pod} -n {namespace}" },
    ],
  },
  {
    id: "routing.no-route",
    title: "No route, virtual host or listener matches the request",
    layer: "configuration",
    explanation:
      "The proxy found nothing to send the request to: no virtual host for the Host header, no route for the path, or no filter chain for the connection (plaintext into a STRICT mTLS port). Envoy answers 404 with flag NR (`route_not_found`) or closes the connection (`filter_chain_not_found`).",
    fix: "Add or correct the VirtualService/Gateway hosts and matches (the Host header must match, ports included), or send mTLS to STRICT ports.",
    verify: "`istioctl proxy-config route {pod}` lists a route for the host and path; the NR responses stop.",
    references: ["Envoy response flag NR", "Istio VirtualService hosts"],
    next: [
      { text: "List the routes the proxy has", command: "istioctl proxy-config route {pod} -n {namespace} -o json" },
      { text: "Lint the VirtualServices and Gateways", command: "proxydoc lint --cluster -n {namespace}" },
    ],
  },
  {
    id: "routing.no-healthy-upstream",
    title: "The route exists but has no healthy endpoints",
    layer: "configuration",
    explanation:
      "The proxy has a cluster for the destination, but it is empty or every member is unhealthy: the Service selector or a DestinationRule subset matches no running pod, the pods are not ready, or outlier detection ejected them all. Envoy answers 503 with flag UH (`no_healthy_upstream`); istiod counts `pilot_eds_no_instances`. HAProxy's health checks mark servers DOWN (`Layer7 wrong status` when the check request gets an answer it does not expect) and answers 503 `No server is available`; nginx logs `no live upstreams`; Kong says `failure to get a peer from the ring-balancer`.",
    fix: "Make the subset labels (and the Service selector) match the pods' labels, or bring the pods up; check readiness and outlier detection. For a proxy's own health checks, make the check ask what the server answers (HAProxy `option httpchk` method, path and Host, `http-check expect`; Kong's `healthchecks.active.http_path`) or fix the server so it answers the check.",
    verify:
      "`istioctl proxy-config endpoint {pod} --cluster …` lists HEALTHY endpoints; `pilot_eds_no_instances` returns to zero.",
    references: ["Envoy response flag UH", "Istio FAQ: pilot_eds_no_instances"],
    next: [
      {
        text: "List the endpoints the proxy has for the cluster",
        command: "istioctl proxy-config endpoint {pod} -n {namespace} --cluster '{cluster}'",
      },
      { text: "Lint subsets and selectors against the pods", command: "proxydoc lint --cluster -n {namespace}" },
      {
        text: "Look for the cluster in the proxy's clusters list",
        command: "kubectl exec {pod} -n {namespace} -c istio-proxy -- curl -s localhost:15000/clusters | grep '{host}'",
      },
      {
        text: "Without a mesh: ask HAProxy which servers are up and why (its stats socket)",
        command: "echo 'show servers state' | socat stdio /run/haproxy/admin.sock",
      },
    ],
  },
  {
    id: "timeout.route",
    title: "A proxy route or read timeout fires",
    layer: "proxy",
    explanation:
      "The upstream did not answer within the proxy's timeout: Envoy's route timeout (15 s default; UT, 504, `upstream request timeout`), nginx `proxy_read_timeout` (60 s; `upstream timed out (110: Connection timed out)`). Either the upstream is slow, or the timeout is shorter than the work needs.",
    fix: "Make the upstream faster or raise the timeout where the request legitimately takes longer (VirtualService `timeout`, nginx `proxy_read_timeout`); for streaming, disable the route timeout and use idle timeouts.",
    verify: "The request completes within the new limit and the UT/504 responses stop.",
    references: ["Envoy route timeout", "nginx proxy_read_timeout"],
    next: [
      { text: "Time the request directly against the upstream", command: "proxydoc probe http://{upstream}{path}" },
      {
        text: "Read the route's timeout",
        command: "istioctl proxy-config route {pod} -n {namespace} -o json | grep -n timeout",
      },
    ],
  },
  {
    id: "connection.goaway",
    title: "A server ends connections with GOAWAY and clients fail",
    layer: "proxy",
    explanation:
      "An HTTP/2 server sends GOAWAY: on purpose (max connection age, max requests per connection, drain during restart) or as punishment (`too_many_pings`, ENHANCE_YOUR_CALM). Clients that do not retry the requests above the last stream id, or that ping too often, fail.",
    fix: "Align keepalive settings (client ping interval not below the server's minimum), let clients retry refused streams, and stagger max-age limits.",
    verify: "No GOAWAY with an error code in the client logs over a full max-age period.",
    references: ["RFC 9113 §6.8 (GOAWAY)", "gRPC keepalive docs"],
    next: [
      { text: "Watch an HTTP/2 connection and its GOAWAY frames", command: "proxydoc watch {url} --h2 --duration 300" },
    ],
  },
  {
    id: "lifecycle.sidecar-ordering",
    title: "The application and its sidecar start or stop in the wrong order",
    layer: "configuration",
    explanation:
      "The sidecar is not ready when the application starts sending (connection refused to everything at startup), or it stops accepting traffic while the application is still draining (requests lost while the pod terminates, preStop hooks that keep serving).",
    fix: "Set `holdApplicationUntilProxyStarts: true`, and a `terminationDrainDuration` that covers the application's own drain, within `terminationGracePeriodSeconds`.",
    verify: "A rolling restart under load loses no requests.",
    references: ["Istio ProxyConfig holdApplicationUntilProxyStarts, terminationDrainDuration", "istio/istio#36517"],
    next: [
      {
        text: "Lint the mesh config and the Deployment for drain settings",
        command: "proxydoc lint --cluster -n {namespace}",
      },
    ],
  },
  {
    id: "config.rejected",
    title: "The control plane rejects configuration",
    layer: "control-plane",
    explanation:
      "istiod refuses part of the configuration (two Gateways claiming the same TLS host on one port, invalid fields) or the proxies NACK what istiod sends. The rejected part never reaches the data plane, so the hosts it would serve fail.",
    fix: "Remove the conflict (one Gateway server per TLS host and port) and correct invalid resources; `pilot_total_rejected_configs` and `pilot_total_xds_rejects` return to zero.",
    verify: "istiod's metrics show no rejected configs; `istioctl proxy-status` shows every proxy SYNCED.",
    references: ["Istio metrics pilot_total_rejected_configs, pilot_total_xds_rejects"],
    next: [
      {
        text: "Read istiod's metrics and logs for rejected configuration",
        command:
          "kubectl exec -n istio-system deploy/istiod -- curl -s localhost:15014/metrics | grep -E 'rejected|xds_rejects'",
      },
      { text: "Lint the Gateways", command: "proxydoc lint --cluster" },
    ],
  },
  {
    id: "config.protocol-conflict",
    title: "One port is declared with conflicting protocols",
    layer: "configuration",
    explanation:
      "Two Services select the same pods and declare the same target port with different protocols (one `http-`, one `tcp-` or `grpc-`). istiod can build only one inbound listener per port and counts `pilot_conflict_inbound_listener`; one of the protocols is silently wrong.",
    fix: "Declare the port with the same protocol in every Service that targets it.",
    verify: "`pilot_conflict_inbound_listener` returns to zero.",
    references: ["Istio metric pilot_conflict_inbound_listener", "Istio FAQ"],
    next: [
      { text: "Lint the Services for conflicting port protocols", command: "proxydoc lint --cluster -n {namespace}" },
    ],
  },
  {
    id: "mesh.injection-failure",
    title: "The sidecar is not injected or its init fails",
    layer: "control-plane",
    explanation:
      "The pod runs without a sidecar (namespace not labelled, pod label false, hostNetwork, system namespace, webhook failure), or istio-init cannot program iptables (`iptables-restore … unable to initialize table 'raw'` on kernels or distributions without the legacy iptables modules), so traffic bypasses the mesh or the pod never starts.",
    fix: "Label the namespace, remove the opt-out, fix the webhook; load the netfilter modules Istio needs (br_netfilter, nf_nat, xt_REDIRECT, xt_owner, iptable_nat, iptable_mangle, iptable_filter) or use the Istio CNI plugin.",
    verify: "`kubectl get pod -o jsonpath='{.spec.containers[*].name}'` lists istio-proxy and istio-init exits 0.",
    references: ["Istio docs: sidecar injection problems", "Istio platform prerequisites"],
    next: [
      {
        text: "Read the injection webhook's events on the Deployment",
        command: "kubectl describe deployment -n {namespace} | sed -n '/Events/,$p'",
      },
      { text: "Read istio-init's log", command: "kubectl logs {pod} -n {namespace} -c istio-init" },
    ],
  },
  {
    id: "mesh.bootstrap-failure",
    title: "The proxy cannot bootstrap or reach the control plane",
    layer: "control-plane",
    explanation:
      "The sidecar cannot get its configuration: a malformed `discoveryAddress` (`istiod/istio-system.svc:15012` instead of `istiod.istio-system.svc:15012`), an `istio-token` projected volume the API server cannot issue (third-party JWT on clusters without TokenRequest), or istiod down or overloaded. The proxy never becomes ready (`pilot-agent wait` times out) or runs with stale configuration.",
    fix: "Correct the discovery address; choose the jwtPolicy the cluster supports (`first-party-jwt` when TokenRequest is missing); give istiod room (Sidecar resources that scope egress).",
    verify: "The sidecar logs `connected to upstream XDS server` and becomes ready.",
    references: ["Istio MeshConfig defaultConfig.discoveryAddress", "Istio global.jwtPolicy"],
    next: [
      {
        text: "Read the sidecar's startup log",
        command: "kubectl logs {pod} -n {namespace} -c istio-proxy | head -100",
      },
      {
        text: "Lint the mesh config",
        command: "kubectl get cm istio -n istio-system -o yaml > mesh.yaml && proxydoc lint mesh.yaml",
      },
    ],
  },
  {
    id: "upstream.connection-refused",
    title: "Nothing listens where the proxy connects",
    layer: "upstream",
    explanation:
      "The proxy opens a TCP connection to the upstream and is refused or times out: the application listens on a different port than the Service or container port says, binds to 127.0.0.1 only, has not started yet, or crashed. Envoy logs 503 UF with `connection failure` / `delayed connect error: 111`, nginx `connect() failed (111: Connection refused)`.",
    fix: "Make the Service targetPort and containerPort match the port the application listens on, and bind to 0.0.0.0 (or the pod IP).",
    verify:
      "`kubectl exec {pod} -- ss -ltnp` shows the application on the expected address and port; the UF 503s stop.",
    references: ["Envoy response flag UF", "nginx connect() failed (111)"],
    next: [
      {
        text: "List the sockets the application listens on",
        command: "kubectl exec {pod} -n {namespace} -c {container} -- ss -ltnp",
      },
      { text: "Connect to the upstream port directly", command: "proxydoc watch {upstream} --count 5" },
    ],
  },
  {
    id: "mesh.telemetry-misconfig",
    title: "Access logs, metrics or tracing are not where they should be",
    layer: "control-plane",
    explanation:
      "The evidence needed to diagnose is missing because telemetry is off or points nowhere: access logs not enabled (no Telemetry, empty `accessLogFile`), a tracing or OpenTelemetry provider address that does not resolve or is unreachable.",
    fix: "Turn access logging on with the Telemetry API (or MeshConfig `accessLogFile: /dev/stdout`) and point tracing providers at a reachable service.",
    fixSnippet:
      "apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: mesh-default\n  namespace: istio-system\nspec:\n  accessLogging:\n  - providers:\n    - name: envoy",
    verify: "`kubectl logs {pod} -c istio-proxy` shows access log lines for new requests.",
    references: ["Istio Telemetry API", "Istio MeshConfig accessLogFile"],
    next: [
      {
        text: "Lint the mesh config for telemetry providers",
        command: "kubectl get cm istio -n istio-system -o yaml > mesh.yaml && proxydoc lint mesh.yaml",
      },
    ],
  },
  {
    id: "mesh.control-plane-overload",
    title: "The control plane is overloaded",
    layer: "control-plane",
    explanation:
      "istiod computes and pushes the whole mesh to every proxy unless Sidecar resources scope what each namespace sees. In large clusters this makes pushes slow and istiod runs out of memory and restarts; proxies then wait for configuration (`pilot-agent wait` timeouts) or run stale.",
    fix: "Add Sidecar resources that limit each namespace's egress to what it uses; give istiod more memory and replicas.",
    verify: "istiod memory and `pilot_xds_push_time` drop; no OOM restarts.",
    references: ["Istio Sidecar resource", "istio/istio#44266"],
    next: [
      {
        text: "Check istiod restarts and memory",
        command: "kubectl get pod -n istio-system -l app=istiod -o wide && kubectl top pod -n istio-system",
      },
      { text: "Lint namespaces without a Sidecar resource", command: "proxydoc lint --cluster" },
    ],
  },
  {
    id: "client.gave-up",
    title: "The client gave up before the answer came",
    layer: "client",
    explanation:
      "The caller closed or reset the connection while the proxy was still waiting for the upstream: a client, SDK or load-balancer timeout shorter than the time the request takes, or a user who navigated away. Envoy logs DC (downstream_remote_disconnect) or DR, nginx logs 499. The upstream is slow but not failing; the client's own limit ends the request.",
    fix: "Find the client-side timeout (HTTP client, SDK, ingress or cloud load balancer idle timeout) and make it longer than the slowest legitimate request, or make the request faster (pagination, async jobs).",
    verify:
      "The DC/499 share drops while the same requests are made, and the client no longer reports its own timeout.",
    references: ["Envoy response flags DC, DR", "nginx status 499 (client closed request)"],
    next: [
      {
        text: "Compare the duration of the DC/499 requests with the client's timeout",
        command: "proxydoc diagnose access.log --format json",
      },
      { text: "Read the client's (or load balancer's) timeout setting for {host}" },
    ],
  },
  {
    id: "limits.connection-pool",
    title: "A proxy's connection pool or circuit breaker is full",
    layer: "proxy",
    explanation:
      "The proxy refuses requests at once because a connection-pool threshold for the upstream is reached: maximum connections, pending requests, requests per connection or concurrent retries (Istio DestinationRule connectionPool and outlierDetection settings). Envoy answers 503 with flag UO and x-envoy-overloaded. It appears under load, or when the upstream slows down and requests pile up.",
    fix: "Raise the limits in the DestinationRule's trafficPolicy.connectionPool to what the upstream can take (http1MaxPendingRequests, http2MaxRequests, maxConnections), add upstream capacity, or find why the upstream became slow.",
    fixSnippet:
      "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: {host}\nspec:\n  host: {host}\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 1000\n      http:\n        http1MaxPendingRequests: 1000\n        http2MaxRequests: 1000",
    verify:
      "`istioctl proxy-config cluster` shows the new thresholds and the UO responses stop; Envoy's `upstream_rq_pending_overflow` counter stops rising.",
    references: ["Envoy circuit breaking", "Istio DestinationRule ConnectionPoolSettings"],
    next: [
      {
        text: "Read the overflow counters of the cluster",
        command:
          "kubectl exec {pod} -n {namespace} -c istio-proxy -- curl -s localhost:15000/stats | grep -E 'overflow|pending'",
      },
      {
        text: "Read the DestinationRule's connectionPool",
        command: "kubectl get destinationrule -n {namespace} -o yaml | grep -n -A8 connectionPool",
      },
    ],
  },
];
