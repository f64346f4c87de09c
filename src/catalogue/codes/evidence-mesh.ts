import { defineFindings } from "../define.ts";

/** PD17xx: Istio control plane, sidecar agent and init, Kubernetes events and etcd. */
export const MESH_FINDINGS = defineFindings([
  {
    code: "PD1701",
    name: "EdsClusterWithoutInstances",
    severity: "error",
    summary: "istiod reports clusters without endpoints: pilot_eds_no_instances = {value} ({subject})",
    detail:
      "istiod built an Envoy cluster for a Service or DestinationRule subset but found no endpoint to put in it. Requests routed there get 503 UH (no healthy upstream). Usually the subset's labels, or the Service selector, match no running pod, or the pods behind it are not ready.",
    reference: "istio pilot/pkg/xds/endpoints/endpoint_builder.go (pilot_eds_no_instances); Istio FAQ",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.75 }],
  },
  {
    code: "PD1702",
    name: "InboundListenerConflict",
    severity: "error",
    summary: "Two Services declare target port {port} of the same pods with different protocols ({subject})",
    detail:
      "istiod can build one inbound listener per pod port. When two Services select the same pods and give the same target port different protocols (one `http-`, another `tcp-` or `grpc-`), it keeps one and counts `pilot_conflict_inbound_listener`; traffic of the other protocol is handled wrongly.",
    reference: "istio pilot/pkg/networking/core/listener_inbound.go (reportInboundConflict)",
    causes: [{ cause: "config.protocol-conflict", weight: 0.85 }],
  },
  {
    code: "PD1703",
    name: "IstiodRejectedConfig",
    severity: "error",
    summary: "istiod rejected {type} configuration {resource}: pilot_total_rejected_configs = {value}",
    detail:
      "istiod dropped part of the configuration while merging it, most often a Gateway server that claims a TLS host and port another Gateway already serves. The hosts of the dropped server get no listener or route.",
    reference: "istio pilot/pkg/model/gateway.go (RecordRejectedConfig)",
    causes: [{ cause: "config.rejected", weight: 0.8 }],
  },
  {
    code: "PD1704",
    name: "ProxiesRejectXds",
    severity: "error",
    summary: "Proxies refused configuration pushed by istiod: {metric} = {value}",
    detail:
      "Envoy answered istiod's push with a NACK: the listeners, clusters or routes it was sent are invalid for it (a bad EnvoyFilter patch, listeners on the same address, a proxy older than istiod). The proxy keeps its previous configuration or, at startup, never becomes ready.",
    reference: "istio pilot/pkg/xds/monitoring.go (pilot_total_xds_rejects, pilot_xds_*_reject)",
    causes: [{ cause: "config.rejected", weight: 0.7 }],
  },
  {
    code: "PD1705",
    name: "SlowConfigPropagation",
    severity: "warning",
    summary: "{share}% of {metric} observations took longer than {threshold} s ({count} in all)",
    detail:
      "Configuration takes long to reach proxies: istiod's push or convergence histogram has a large share of slow observations. During that time proxies route with old configuration (transient NR, NC or UH after a deployment). Large meshes without Sidecar scoping and endpoint churn are the usual reasons.",
    reference: "istio pilot/pkg/xds/monitoring.go (pilot_xds_push_time, pilot_proxy_convergence_time)",
    causes: [{ cause: "mesh.control-plane-overload", weight: 0.5 }],
  },
  {
    code: "PD1706",
    name: "XdsPushErrors",
    severity: "warning",
    summary: "istiod failed to build or send configuration: {metric} = {value}",
    detail:
      "istiod counted errors while building or writing xDS responses (send errors, write timeouts, internal errors, push-context errors). Proxies miss updates until the next successful push; under load this points at an overloaded or starved istiod.",
    reference: "istio pilot/pkg/xds/monitoring.go (pilot_xds_pushes, pilot_xds_write_timeout)",
    causes: [{ cause: "mesh.control-plane-overload", weight: 0.45 }],
  },
  {
    code: "PD1707",
    name: "TracingProviderUnresolved",
    severity: "warning",
    summary: "istiod cannot find a cluster for tracing provider {provider}",
    detail:
      "The mesh config names a tracing or OpenTelemetry provider whose service and port match no Service or ServiceEntry, so istiod gives the proxies no tracing cluster and no spans are sent.",
    reference: "istio pilot/pkg/networking/core/tracing.go (provider_lookup_cluster_failures)",
    causes: [{ cause: "mesh.telemetry-misconfig", weight: 0.75 }],
  },
  {
    code: "PD1708",
    name: "EnvoyUpstreamConnectFailures",
    severity: "warning",
    summary: "Envoy failed to connect to upstream cluster {subject}: {metric} = {value}",
    detail:
      "Envoy's counters show TCP connections to the cluster's endpoints that were refused or timed out. Refusals mean nothing listens on the endpoint port; timeouts mean packets to it are lost.",
    reference: "Envoy cluster statistics upstream_cx_connect_fail, upstream_cx_connect_timeout",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.4 },
      { cause: "network.path-loss", weight: 0.2 },
    ],
  },
  {
    code: "PD1709",
    name: "EnvoyClusterNoHealthyHost",
    severity: "error",
    summary: "Envoy had no healthy host in cluster {subject} ({metric} = {value})",
    detail:
      "Envoy's counters show requests for which the cluster had no healthy member, or a cluster whose members are all unhealthy. Such requests get 503 with flag UH.",
    reference: "Envoy cluster statistics upstream_cx_none_healthy, membership_healthy",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.65 }],
  },
  {
    code: "PD1710",
    name: "XdsConfigNacked",
    severity: "error",
    summary: "A proxy rejected {xdsType} configuration from its control plane ({subject}): {error}",
    detail:
      "istiod logged a NACK (`ACK ERROR`) from a proxy, or the agent or Envoy reported that the configuration it received was rejected. The proxy keeps older configuration; a new proxy may never become ready.",
    reference: "istio pilot/pkg/xds/ads.go; pilot/cmd/pilot-agent/status/ready/probe.go",
    causes: [{ cause: "config.rejected", weight: 0.8 }],
  },
  {
    code: "PD1711",
    name: "GatewayServerRejected",
    severity: "error",
    summary: "istiod skipped a server of Gateway {subject}: {reason}",
    detail:
      "While merging Gateways that select the same workload, istiod skipped a server because its host and port are already served (each TLS host may be configured once per port) or its port name is not unique. Requests for those hosts fail.",
    reference: "istio pilot/pkg/model/gateway.go (mergeGateways)",
    causes: [{ cause: "config.rejected", weight: 0.85 }],
  },
  {
    code: "PD1712",
    name: "XdsPushFailed",
    severity: "warning",
    summary: "istiod failed to push configuration to {subject}{error}",
    detail:
      "istiod logged that a push to a proxy failed. Isolated failures happen when proxies disconnect; many of them point at an istiod that cannot keep up or at connections dropped between istiod and the proxies.",
    reference: "istio pilot/pkg/xds (push and send errors)",
    causes: [{ cause: "mesh.control-plane-overload", weight: 0.4 }],
  },
  {
    code: "PD1713",
    name: "ProxyConfigNotReceived",
    severity: "error",
    summary: "The sidecar is not ready: {reason}",
    detail:
      "pilot-agent's readiness check reports that Envoy has not accepted any listeners or clusters yet, so the pod stays not ready. istiod is unreachable (wrong discovery address, port 15012 blocked, istiod down) or too slow to send the first configuration.",
    reference: "istio pilot/cmd/pilot-agent/status/ready/probe.go",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.55 },
      { cause: "mesh.control-plane-overload", weight: 0.25 },
    ],
  },
  {
    code: "PD1714",
    name: "XdsConnectionError",
    severity: "error",
    summary: "The proxy cannot keep its xDS connection to its control plane: {error}",
    detail:
      "The agent's or Envoy's gRPC stream to the control plane (istiod, Consul, App Mesh's management endpoint, an Envoy Gateway) failed to open or closed with an error: dial errors, refused connections, TLS trust errors, or the control plane refusing the proxy's credentials (gRPC status 16, UNAUTHENTICATED: a missing token or cloud credentials the proxy cannot load). Without it the proxy gets no new configuration.",
    reference: "Envoy grpc_stream.h (logClose); istio pkg/istio-agent/xds_proxy.go",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.55 },
      { cause: "network.path-loss", weight: 0.15 },
    ],
  },
  {
    code: "PD1715",
    name: "DiscoveryAddressInvalid",
    severity: "error",
    summary: "The discovery address {address} is malformed or does not resolve",
    detail:
      "The proxy's discovery address (MeshConfig `defaultConfig.discoveryAddress` or the pod's `proxy.istio.io/config`) cannot be resolved. A slash instead of a dot (`istiod/istio-system.svc:15012`) or a wrong namespace or revision are the usual mistakes; the proxy never gets configuration.",
    reference: "istio pkg/config/validation/agent/validation.go (ValidateProxyAddress)",
    causes: [{ cause: "mesh.bootstrap-failure", weight: 0.85 }],
  },
  {
    code: "PD1716",
    name: "IstioTokenMountFailed",
    severity: "error",
    summary: "The istio-token volume cannot be mounted: {reason}",
    detail:
      "The projected service-account token that the sidecar (or istiod) uses to authenticate cannot be issued, typically because the API server does not serve TokenRequest while Istio is set to third-party JWTs. The pod does not start.",
    reference: "Istio values.global.jwtPolicy; Kubernetes projected service account tokens",
    causes: [{ cause: "mesh.bootstrap-failure", weight: 0.85 }],
  },
  {
    code: "PD1717",
    name: "InjectionWebhookFailed",
    severity: "error",
    summary: "The API server could not call the sidecar injector {webhook}: {reason}",
    detail:
      "Pod creation called Istio's mutating webhook and the call failed (istiod unreachable, certificate mismatch, timeout). Depending on the webhook's failure policy the pod is refused or created without a sidecar.",
    reference: "Istio docs: sidecar injection problems",
    causes: [{ cause: "mesh.injection-failure", weight: 0.85 }],
  },
  {
    code: "PD1718",
    name: "IptablesTableUnavailable",
    severity: "error",
    summary: "istio-init cannot use iptables table '{table}' on this node",
    detail:
      "The node's kernel does not provide the legacy iptables table the init container needs (common on nftables-only distributions such as CentOS 8 or with modules not loaded), so traffic redirection is not installed and the pod does not start.",
    reference: "Istio platform prerequisites (kernel modules)",
    causes: [{ cause: "mesh.injection-failure", weight: 0.85 }],
  },
  {
    code: "PD1719",
    name: "IptablesRestoreFailed",
    severity: "error",
    summary: "istio-init or istio-cni failed to apply iptables rules: {command} ({status})",
    detail:
      "The rules that send the pod's traffic through the sidecar could not be applied. The pod either does not start or runs without traffic capture.",
    reference: "istio tools/istio-iptables",
    causes: [{ cause: "mesh.injection-failure", weight: 0.7 }],
  },
  {
    code: "PD1720",
    name: "SidecarReadinessFailing",
    severity: "warning",
    summary: "The sidecar's readiness probe on port 15021 fails ({probe}): {reason}",
    detail:
      "kubelet probes the sidecar's status port 15021 and gets no positive answer. The proxy has not received its configuration or has not started; the pod is taken out of Service endpoints.",
    reference: "istio pilot/cmd/pilot-agent/status/server.go",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.4 },
      { cause: "lifecycle.sidecar-ordering", weight: 0.2 },
    ],
  },
  {
    code: "PD1721",
    name: "PilotAgentWaitTimedOut",
    severity: "error",
    summary: "`pilot-agent wait` gave up before the sidecar was ready{reason}",
    detail:
      "With holdApplicationUntilProxyStarts the application containers start only after the sidecar is ready; the postStart hook timed out, so the pod restarts. The proxy could not get configuration in time (istiod unreachable or overloaded).",
    reference: "Istio ProxyConfig holdApplicationUntilProxyStarts; pilot-agent wait",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.45 },
      { cause: "lifecycle.sidecar-ordering", weight: 0.35 },
      { cause: "mesh.control-plane-overload", weight: 0.2 },
    ],
  },
  {
    code: "PD1722",
    name: "IstiodRestarting",
    severity: "error",
    summary: "istiod ({subject}) is restarting: {reason}",
    detail:
      "The control plane's container was killed for exceeding its memory limit or is in restart back-off. While it is down, proxies get no configuration and new pods cannot be injected or become ready.",
    reference: "Istio Sidecar resource (scoping configuration); istio/istio#44266",
    causes: [{ cause: "mesh.control-plane-overload", weight: 0.65 }],
  },
  {
    code: "PD1723",
    name: "SidecarContainerRestarting",
    severity: "warning",
    summary: "The istio-proxy container of {subject} is restarting: {reason}",
    detail:
      "The sidecar keeps exiting (back-off or OOMKilled). It fails to bootstrap, or it is given too little memory for the configuration it receives.",
    reference: "Kubernetes container restart back-off",
    causes: [
      { cause: "mesh.bootstrap-failure", weight: 0.4 },
      { cause: "mesh.control-plane-overload", weight: 0.15 },
    ],
  },
  {
    code: "PD1724",
    name: "IstioInitRestarting",
    severity: "error",
    summary: "The init container {container} of {subject} keeps failing: {reason}",
    detail:
      "istio-init (or istio-validation with the CNI plugin) exits with an error, so the pod never starts. Its log says why: usually iptables cannot be programmed on the node.",
    reference: "Istio docs: sidecar injection problems; istio-cni race repair",
    causes: [{ cause: "mesh.injection-failure", weight: 0.5 }],
  },
  {
    code: "PD1725",
    name: "EtcdLeaderChanged",
    severity: "warning",
    summary: "etcd lost or changed its leader ({subject})",
    detail:
      "The etcd cluster elected a new leader, and requests in flight failed with `leader changed`. Members lose their leader when its heartbeats stop arriving: lost packets between members, or a leader too slow to send them (disk).",
    reference: "etcd raft (leader election); etcd FAQ on heartbeats",
    causes: [{ cause: "network.path-loss", weight: 0.45 }],
  },
  {
    code: "PD1726",
    name: "EtcdRequestTimedOut",
    severity: "warning",
    summary: "etcd requests timed out ({subject})",
    detail:
      "etcd could not commit a request in time because the members did not reach agreement quickly enough: lost or slow messages between members, or slow disks.",
    reference: "etcd etcdserver ErrTimeout",
    causes: [{ cause: "network.path-loss", weight: 0.3 }],
  },
  {
    code: "PD1727",
    name: "EtcdHeartbeatLate",
    severity: "warning",
    summary: "The etcd leader sent heartbeats late ({subject})",
    detail:
      "The leader could not send heartbeats within the interval. etcd blames a slow disk first; a congested or lossy network between members gives the same message.",
    reference: "etcd raft heartbeat warnings; etcd tuning guide",
    causes: [{ cause: "network.path-loss", weight: 0.2 }],
  },
  {
    code: "PD1728",
    name: "EtcdSlowDisk",
    severity: "warning",
    summary: "etcd's disk syncs are slow ({subject})",
    detail:
      "etcd's write-ahead log syncs took longer than expected. A slow disk alone explains leader changes and timeouts, so the network is less likely to be the cause.",
    reference: "etcd wal (slow fdatasync); etcd hardware recommendations",
    causes: [{ cause: "network.path-loss", weight: -0.35 }],
  },
  {
    code: "PD1729",
    name: "EnvoyClusterEmpty",
    severity: "error",
    summary: "Envoy's cluster {subject} has no endpoints",
    detail:
      "The proxy's `/clusters` list has the cluster but no host in it: the Service or the DestinationRule subset selects no ready pod. Requests routed to it get 503 UH.",
    reference: "Envoy admin /clusters; Istio FAQ (missing subset endpoints)",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.6 }],
  },
  {
    code: "PD1730",
    name: "EnvoyClusterAllUnhealthy",
    severity: "error",
    summary: "Every host of Envoy's cluster {subject} is unhealthy ({flags})",
    detail:
      "The proxy's `/clusters` list shows hosts for the cluster, but none is healthy: they failed health checks, were ejected by outlier detection, or are draining.",
    reference: "Envoy admin /clusters health_flags",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.6 }],
  },
  {
    code: "PD1731",
    name: "IstioValidationDenied",
    severity: "warning",
    summary: "Istio's validation webhook refused a resource: {reason}",
    detail:
      "`kubectl apply` was refused by Istio's validating webhook: the resource is invalid or conflicts with the mesh's rules. Nothing was applied, so the behaviour it was meant to change did not change.",
    reference: "Istio validation webhook (validation.istio.io)",
    causes: [{ cause: "config.rejected", weight: 0.6 }],
  },
  {
    code: "PD1732",
    name: "ProxyConfigStale",
    severity: "warning",
    summary: "istioctl proxy-status shows {subject} {state} for {types}",
    detail:
      "istiod sent configuration that the proxy has not acknowledged: the proxy refused it (a NACK) or the push was lost on the way. Until it syncs the proxy routes with older configuration.",
    reference: "istioctl proxy-status (istioctl/pkg/writer/pilot/status.go)",
    causes: [
      { cause: "config.rejected", weight: 0.4 },
      { cause: "mesh.control-plane-overload", weight: 0.3 },
    ],
  },
  {
    code: "PD1733",
    name: "IstioCniValidationFailed",
    severity: "error",
    summary: "istio-validation found no traffic redirection in {subject}: the CNI plugin did not set it up",
    detail:
      "With the Istio CNI plugin, the istio-validation init container checks that the node's plugin installed the pod's iptables rules. It failed, so the pod was started before the plugin was ready on the node (or the plugin lacks the privileges it needs) and stays in Init:CrashLoopBackOff.",
    reference: "istio tools/istio-iptables validation; Istio CNI race condition and repair",
    causes: [{ cause: "mesh.injection-failure", weight: 0.7 }],
  },
  {
    code: "PD1734",
    name: "AnalyzeReferenceNotFound",
    severity: "error",
    summary: "istioctl analyze {istCode}: {kind} {subject} refers to something that does not exist: {message}",
    detail:
      "`istioctl analyze` found a route, gateway or DestinationRule pointing at a host, subset or gateway that is not defined. Requests for it match no route or no cluster (404 NR, 503 NC).",
    reference: "istioctl analyze IST0101 ReferencedResourceNotFound, IST0174 UnknownDestinationRuleHost",
    causes: [{ cause: "routing.no-route", weight: 0.55 }],
  },
  {
    code: "PD1735",
    name: "AnalyzeSubsetWithoutPods",
    severity: "error",
    summary: "istioctl analyze {istCode}: a subset of {subject} selects no pods: {message}",
    detail:
      "`istioctl analyze` matched the DestinationRule subset's labels, with the Service selector, against the pods and found none. Traffic routed to the subset gets 503 UH.",
    reference: "istioctl analyze IST0173 DestinationRuleSubsetNotSelectPods",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.65 }],
  },
  {
    code: "PD1736",
    name: "AnalyzeConflictingGateways",
    severity: "error",
    summary: "istioctl analyze {istCode}: Gateway {subject} conflicts with another: {message}",
    detail:
      "`istioctl analyze` found Gateways that select the same workload and claim the same port and host. istiod keeps one of the servers and rejects the other.",
    reference: "istioctl analyze IST0145 ConflictingGateways",
    causes: [{ cause: "config.rejected", weight: 0.6 }],
  },
  {
    code: "PD1737",
    name: "AnalyzeSidecarMissing",
    severity: "warning",
    summary: "istioctl analyze {istCode}: {kind} {subject} runs without the sidecar: {message}",
    detail:
      "`istioctl analyze` reports a pod without the istio-proxy container in a namespace meant to be in the mesh, or a namespace without injection enabled.",
    reference: "istioctl analyze IST0103 PodMissingProxy, IST0102 NamespaceNotInjected",
    causes: [{ cause: "mesh.injection-failure", weight: 0.55 }],
  },
  {
    code: "PD1738",
    name: "AnalyzePortProtocolUnclear",
    severity: "info",
    summary: "istioctl analyze {istCode}: {kind} {subject} port protocol is not declared: {message}",
    detail:
      "The Service port's name does not carry a protocol prefix and it has no appProtocol, so Istio sniffs the protocol. Server-first protocols and gRPC on such ports break.",
    reference: "istioctl analyze IST0118 PortNameIsNotUnderNamingConvention",
    causes: [{ cause: "protocol.mismatch", weight: 0.3 }],
  },
  {
    code: "PD1739",
    name: "AppFailedWhileSidecarStarting",
    severity: "error",
    summary:
      "The application failed to connect ({error}) while its sidecar was still starting: pilot-agent reported Envoy NOT ready, then ready",
    detail:
      "The sidecar did get its configuration, only later than the application's first outbound connection: with traffic redirected to an Envoy that has no listeners yet, early connections are refused or reset. The application starts before the sidecar is ready.",
    reference: "istio pilot/cmd/pilot-agent/status/ready/probe.go; Istio holdApplicationUntilProxyStarts",
    causes: [
      { cause: "lifecycle.sidecar-ordering", weight: 0.7 },
      { cause: "mesh.bootstrap-failure", weight: -0.5 },
      { cause: "upstream.connection-refused", weight: -0.3 },
    ],
  },
  {
    code: "PD1740",
    name: "StrictMtlsInForce",
    severity: "info",
    summary: "{subject} accepts only mutual TLS in {scope} (STRICT)",
    detail:
      "Sidecars in this scope refuse plaintext. A caller without a sidecar (an ingress controller, an API gateway, a job outside the mesh) or with its own TLS to the pod has its connection closed before any response: Envoy reports `connection termination` or `reset before headers`, gRPC status 14. On its own this is a setting, not a fault; next to such resets it points at the mTLS mode.",
    reference: "Istio PeerAuthentication (security.istio.io) mtls.mode STRICT; Istio docs: mutual TLS migration",
    causes: [{ cause: "tls.mismatch", weight: 0.3, corroboratesOnly: true }],
  },
  {
    code: "PD1741",
    name: "ProxyProtocolConfigured",
    severity: "info",
    summary: "The PROXY protocol is turned on at one hop: {setting}",
    detail:
      "With the PROXY protocol a load balancer sends a short header with the client's address before anything else, and the next hop must expect exactly that. When one side sends it and the other does not expect it, or expects it after TLS instead of before (Emissary's HTTPSPROXY stack behind an AWS NLB), the first bytes are misread: TLS clients see `wrong version number`, nginx logs `broken header`, HTTP parsers fail on the first line. On its own this is a setting; next to such errors it points at the two sides disagreeing.",
    reference:
      "HAProxy PROXY protocol specification; AWS NLB proxy protocol v2; nginx listen proxy_protocol; ingress-nginx use-proxy-protocol",
    causes: [{ cause: "protocol.mismatch", weight: 0.35, corroboratesOnly: true }],
  },
  {
    code: "PD1742",
    name: "MeshInitIptablesPermissionDenied",
    severity: "error",
    summary:
      "The mesh's init container may not change iptables: {tool} cannot open table '{table}' (Permission denied)",
    detail:
      "istio-init and linkerd-init (proxy-init) redirect the pod's traffic with iptables, which needs the NET_ADMIN and NET_RAW capabilities as root. `Permission denied (you must be root)` means the container lacks them: the pod's securityContext drops them (a `drop: [NET_RAW]` or `ALL` copied from the app container), a PodSecurity or admission policy strips them, or it runs as non-root. The init container fails and the pod stays in Init:CrashLoopBackOff; use the mesh's CNI plugin or let the init container keep its capabilities.",
    reference: "Linkerd proxy-init and Istio istio-init (iptables); linkerd/linkerd2#6254; Istio CNI",
    causes: [{ cause: "mesh.injection-failure", weight: 0.8 }],
  },
  {
    code: "PD1743",
    name: "SidecarShuttingDown",
    severity: "warning",
    summary: "The sidecar was being stopped: {message}",
    detail:
      "pilot-agent drains Envoy when the pod terminates (current state DRAINING), waits for connections to end, and then aborts it, with `EXIT_ON_ZERO_ACTIVE_CONNECTIONS` as soon as a check says none are left. An application still serving or calling out at that moment (a preStop sleep, long requests, gRPC streams) loses its connections: resets, GOAWAY and refused connects near the pod's end are the order of stopping, not the network. Give the sidecar a drain at least as long as the application's (`terminationDrainDuration`, `MINIMUM_DRAIN_DURATION`) or stop the application first.",
    reference:
      "Istio pilot-agent (Agent draining Proxy, EXIT_ON_ZERO_ACTIVE_CONNECTIONS, MINIMUM_DRAIN_DURATION); istio/istio#50596, #47718",
    causes: [
      { cause: "lifecycle.sidecar-ordering", weight: 0.55 },
      { cause: "mesh.bootstrap-failure", weight: -0.5 },
    ],
  },
  {
    code: "PD1744",
    name: "ServiceWithoutEndpoints",
    severity: "error",
    summary: "The Service {service} has no ready endpoints",
    detail:
      "Kubernetes lists no ready address for the Service, so every proxy in front of it (kube-proxy, an ingress controller, a sidecar, a gateway) has nowhere to send requests: nginx answers 503, Envoy 503 with UH or `no healthy upstream`, a plain client gets `connection refused` on the ClusterIP. Either the Service's selector matches no pod's labels, the pods exist but are not Ready (a failing readiness probe), or the Service's targetPort names a port the pods do not declare.",
    reference:
      "Kubernetes EndpointSlice controller; kubectl get endpoints (ENDPOINTS <none>), kubectl describe service (Endpoints: <none>)",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.7 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1745",
    name: "ProtocolFilterDecodeError",
    severity: "error",
    summary: "Envoy's {filter} filter could not decode the traffic: {error}",
    detail:
      "Istio chooses a protocol filter from the Service port's name or appProtocol (`mysql`, `mongo`, `redis`) and puts it in front of the TCP proxy. When the traffic is not what the filter expects (TLS to the database, a newer wire-protocol version, a proxy protocol header, compression), the filter logs a decoding error and, depending on the version, stalls or closes the connection, while the same client works without the mesh. Name the port `tcp-…` (or set `appProtocol: tcp`) so the bytes pass through untouched, unless the filter's statistics are needed.",
    reference:
      "Envoy network filters mysql_proxy, mongo_proxy, redis_proxy; Istio protocol selection (port name prefixes, appProtocol); istio/istio#13484",
    causes: [{ cause: "protocol.mismatch", weight: 0.65 }],
  },
  {
    code: "PD1746",
    name: "ZtunnelRejectedPlaintext",
    severity: "error",
    summary:
      "ztunnel closed inbound connections to {subject} by policy, from a peer with no mesh identity (src {src_addr})",
    detail:
      "In Istio's ambient mode ztunnel admits inbound traffic to a workload only as its policy allows. A connection logged with no `src.identity` came in plain, without the mesh's mutual TLS, and `connection closed due to policy rejection` is ztunnel refusing it: under STRICT PeerAuthentication (mesh-wide or for the namespace) every caller from outside the mesh is turned away, such as the Kubernetes API server calling an admission webhook, a node's kubelet, or a load balancer's health check. The caller sees an EOF or a reset. Allow plaintext where outside callers must reach the workload (PeerAuthentication PERMISSIVE for it, or a port-level exception).",
    reference:
      "Istio ambient ztunnel access log (connection closed due to policy rejection); Istio PeerAuthentication; istio/istio#52874",
    causes: [{ cause: "tls.mismatch", weight: 0.55 }],
  },
  {
    code: "PD1747",
    name: "ZtunnelInpodSetupFailed",
    severity: "error",
    summary: "ztunnel could not set up a pod's in-pod proxy: {error}",
    detail:
      "In ambient mode the CNI plugin hands each pod's network namespace to ztunnel, which opens the pod's redirection sockets (15001, 15006, 15008 and its DNS proxy on 15053) inside it. When that fails (an address family the pod lacks, such as `[::1]` without IPv6, or a port already taken), the pod stays without its proxy: ztunnel keeps retrying, reports not ready, and the pod's traffic is cut or resets. Check the ztunnel version for the known defect and the pod's interfaces.",
    reference: "Istio ztunnel inpod state manager (retrying workload failed); istio/istio#52858",
    causes: [{ cause: "mesh.bootstrap-failure", weight: 0.65 }],
  },
  {
    code: "PD1748",
    name: "ControlPlaneClusterWithoutEndpoints",
    severity: "error",
    summary: "The control plane has no endpoints for the cluster {subject}",
    detail:
      "The control plane (Emissary's ambex, and the like) built a cluster for a route but found no endpoint to put in it, so its proxies answer 503 `no healthy upstream` for that route. The Service the route names does not exist in that namespace, selects no ready pod, or is written in a form the endpoint resolver does not watch (with a scheme, `https://name:port`, or another namespace's short name).",
    reference: "Emissary ambex JoinEdsClusters (no endpoints for cluster); emissary-ingress/emissary#3331",
    causes: [
      { cause: "routing.no-healthy-upstream", weight: 0.6 },
      { cause: "upstream.app-error", weight: -0.3 },
    ],
  },
  {
    code: "PD1749",
    name: "ControllerCloudApiRejected",
    severity: "error",
    summary: "A controller's cloud API call was refused: {error}",
    detail:
      "A Kubernetes controller (the AWS Load Balancer Controller, a cloud's gateway or ingress controller) turns resources into the cloud's load balancers, and the cloud refused one call as invalid. The load balancer keeps its old settings or is never made, so traffic follows a configuration other than the one applied. The error names the field: correct the annotation or resource it comes from (for a gRPC target group, health-check codes are gRPC codes 0–99, not HTTP statuses).",
    reference:
      "controller-runtime Reconciler error; AWS Elastic Load Balancing ValidationError; kubernetes-sigs/aws-load-balancer-controller#2804",
    causes: [{ cause: "config.rejected", weight: 0.65 }],
  },
  {
    code: "PD1750",
    name: "ReadinessProbeFailing",
    severity: "warning",
    summary: "{subject} fails its readiness probe ({reason}), so it is taken out of its Services' endpoints",
    detail:
      "While a pod fails its readiness probe the endpoints controller leaves it out of every Service that selects it. When all the pods of a Service fail, proxies and ingress controllers in front have no endpoint and answer 503 (`no healthy upstream`, `Service … does not have any active Endpoint`). A probe that asks a page which itself needs a dependency, a login or a set-up step (an admin panel answering 503) fails for reasons unrelated to serving; point it at a path that answers 200 when the process can serve.",
    reference:
      "Kubernetes readiness probes and EndpointSlices (ready condition); kubelet prober (Readiness probe failed)",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.45 }],
  },
  {
    code: "PD1751",
    name: "ZtunnelHbonePortBlocked",
    severity: "error",
    summary: "ztunnel's connections to {subject} time out on the HBONE port {port}",
    detail:
      "In ambient mode ztunnel carries a workload's traffic to the destination node's ztunnel over HBONE, mutual TLS on port 15008 of the destination pod's address. When those connects time out, something drops traffic to 15008: most often a NetworkPolicy (or a cloud firewall or security group) that allows the application's own port but not 15008. The application sees its connections hang and fail after ztunnel's 10 s connect timeout. Allow ingress to port 15008 in the policies that select ambient pods.",
    reference: "Istio ambient: NetworkPolicy and HBONE port 15008; istio/ztunnel#1229",
    causes: [{ cause: "network.path-loss", weight: 0.6 }],
  },
  {
    code: "PD1752",
    name: "EnvoyDnsClusterEmptied",
    severity: "error",
    summary: "Envoy's cluster {subject} lost all its hosts at a membership update (removed {removed}, added 0)",
    detail:
      "A cluster resolved by DNS (STRICT_DNS, LOGICAL_DNS) got an answer with no addresses, or a failed lookup that Envoy took as one: since 1.31 a resolution that times out can empty the cluster, and every request then gets 503 UH `no_healthy_upstream` until the next lookup succeeds. The lines before it say why (`cares_failure:Timeout while contacting DNS servers`). Make the DNS servers reachable and fast from the proxy, lengthen `dns_refresh_rate` and the resolver's timeout, or keep the last good hosts on failure where the version allows it.",
    reference: "Envoy cluster manager (membership update … added 0 removed N); envoyproxy/envoy#38577",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.55 }],
  },
  {
    code: "PD1753",
    name: "ProbeAnsweredByProxy",
    severity: "warning",
    summary: "{subject}: the kubelet's {probe} probe got {status}, a proxy's answer, not the application's",
    detail:
      "Applications rarely answer 502 or 504 themselves; a proxy in the pod does when it could not get an answer from the application: Linkerd's and Istio's sidecars take the kubelet's probes and pass them on. A 502 now and then is the proxy reusing a pooled connection the application had just closed as idle (Node.js closes idle connections after 5 s), a steady 502 the application refusing or not listening on that port, a 504 the application too slow for the probe. The sidecar's log for the probe's path says which; make the application's keep-alive timeout longer than the proxy's, or fix the port it listens on.",
    reference: "Kubernetes probes (HTTP probe failed with statuscode); Linkerd probe handling; linkerd/linkerd2#5211",
    causes: [
      { cause: "upstream.keepalive-race", weight: 0.25 },
      { cause: "upstream.connection-refused", weight: 0.15 },
      { cause: "timeout.route", weight: 0.1 },
    ],
  },
  {
    code: "PD1754",
    name: "Http2BackendAnswerUnreadable",
    severity: "error",
    summary:
      "{producer} could not read the answer of {subject}, which the configuration marks as HTTP/2 or gRPC ({marked})",
    detail:
      "The proxy's own page says the backend's response was invalid or incomplete, and the backend speaks HTTP/2 only (gRPC servers, h2c services): the proxy sent it HTTP/1.1, and what came back (an HTTP/2 SETTINGS frame, or a closed connection) is not an HTTP/1 response. The setting that should switch the proxy to HTTP/2 is not in force: an annotation of another ingress controller (`ingress.kubernetes.io/backend-protocol` is read by one HAProxy controller, `haproxy.org/server-proto` by the other), a value the controller does not know, or a port not marked for it. Use the key and value of the controller that serves the ingress class, then check that its generated configuration has `proto h2` (HAProxy) or `grpc_pass` (nginx).",
    reference:
      "HAProxy server proto h2; haproxytech kubernetes-ingress server-proto annotation; jcmoraisjr haproxy-ingress backend-protocol; Kong protocol grpc",
    causes: [{ cause: "protocol.mismatch", weight: 0.55 }],
  },
]);
