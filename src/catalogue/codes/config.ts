import { defineFindings } from "../define.ts";

/** PD5xxx: configuration checks run by `proxydoc lint` (Kubernetes, Istio, Kong, nginx, Envoy admin output). */
export const CONFIG_FINDINGS = defineFindings([
  {
    code: "PD5001",
    name: "Yaml11ScalarReadDifferently",
    severity: "warning",
    summary: "{scalar} is read as {yaml11} by Kubernetes and Helm (YAML 1.1) but as {yaml12} by YAML 1.2 tools",
    detail:
      "The API server, kubectl and Helm decode YAML with 1.1 rules, where unquoted on/off/yes/no/y/n are booleans and a leading zero makes an octal number. Editors, linters and many generators use YAML 1.2, where they are strings or decimal numbers. A value such as `on` for a header setting or `0755` for a file mode then means something else than its author read. Quote the value, or write it in a form both versions agree on.",
    reference: "YAML 1.1 bool and int types; sigs.k8s.io/yaml (go-yaml v2)",
    causes: [{ cause: "config.rejected", weight: 0.2 }],
  },
  {
    code: "PD5002",
    name: "YamlDocumentUnreadable",
    severity: "error",
    summary: "A YAML document in {subject} cannot be read: {error}",
    detail:
      "The document has a syntax error, a duplicate key or an alias bomb. kubectl and the API server refuse it, so none of it is applied; the rest of the file is still checked.",
    reference: "YAML 1.1 §7–9; kubectl apply strict decoding",
    // A pasted snippet that does not parse says nothing of what the cluster runs: only alongside other evidence.
    causes: [{ cause: "config.rejected", weight: 0.4, corroboratesOnly: true }],
  },
  {
    code: "PD5101",
    name: "DestinationRuleTlsAgainstStrictMtls",
    severity: "error",
    summary: "{subject} sets tls.mode {mode} towards {workload}, whose port {port} requires mutual TLS (STRICT)",
    detail:
      "An explicit TLS mode in a DestinationRule wins over auto-mTLS. DISABLE sends plaintext and SIMPLE or MUTUAL send the client's own TLS, while the destination's sidecar accepts only Istio mutual TLS because its effective PeerAuthentication is STRICT. Every connection fails: 503 with UF/URX and `upstream connect error`, right after the DestinationRule is applied. Remove the tls block (auto-mTLS then chooses) or set ISTIO_MUTUAL.",
    reference: "Istio FAQ: 503 errors after setting a destination rule; pilot cluster_tls.go buildUpstreamTLSSettings",
    causes: [{ cause: "tls.mismatch", weight: 0.85 }],
  },
  {
    code: "PD5102",
    name: "IstioMutualToWorkloadWithoutSidecar",
    severity: "error",
    summary: "{subject} sends Istio mutual TLS to {workload}, which gets no sidecar ({reason})",
    detail:
      "ISTIO_MUTUAL makes the client sidecar open an Istio mTLS connection, but nothing on the destination pod terminates it: the application reads a TLS handshake on a plaintext port and resets or answers garbage. Use DISABLE (or no tls block, letting auto-mTLS detect the missing sidecar) for destinations outside the mesh, or inject the sidecar.",
    reference: "Istio DestinationRule ClientTLSSettings; retired istioctl IST0115",
    causes: [{ cause: "tls.mismatch", weight: 0.8 }],
  },
  {
    code: "PD5103",
    name: "AutoMtlsOffWithoutDestinationRuleTls",
    severity: "warning",
    summary:
      "Auto mTLS is off in the mesh config and no DestinationRule sets ISTIO_MUTUAL for {service}, whose workloads are STRICT",
    detail:
      "With `enableAutoMtls: false`, a client sidecar sends plaintext unless a DestinationRule asks for ISTIO_MUTUAL. A STRICT PeerAuthentication on the destination then refuses every connection (503 after a DestinationRule without tls is applied). Turn auto mTLS back on or add `tls.mode: ISTIO_MUTUAL` to the DestinationRule for the host.",
    reference: "Istio MeshConfig enableAutoMtls; Istio FAQ: 503 errors after setting a destination rule",
    causes: [{ cause: "tls.mismatch", weight: 0.6 }],
  },
  {
    code: "PD5111",
    name: "SubsetSelectsNoPods",
    severity: "error",
    summary: "Subset {subset} of {host} selects no pod: no workload in {namespace} has the labels {labels}",
    detail:
      "A subset's labels, together with the Service's selector, pick the endpoints of the subset's Envoy cluster. When no pod or pod template carries all of them, the cluster is empty: istiod counts `pilot_eds_no_instances` and requests routed to the subset fail with 503 UH (no healthy upstream). The severity is error when a VirtualService routes to the subset and info otherwise.",
    reference: "Istio FAQ: pilot_eds_no_instances; istioctl IST0173, Kiali KIA0203",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.8 }],
  },
  {
    code: "PD5112",
    name: "ServiceSelectsNoPods",
    severity: "warning",
    summary: "{subject} selects no pod: no workload in {namespace} has the labels {labels}",
    detail:
      "The Service's selector matches no pod or pod template in its namespace, so it has no endpoints and the mesh has no instances for it (`pilot_eds_no_instances`, 503 UH).",
    reference: "Kubernetes Service selectors; Istio FAQ: pilot_eds_no_instances",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.6 }],
  },
  {
    code: "PD5113",
    name: "RouteToUndefinedSubset",
    severity: "error",
    summary: "{subject} routes to subset {subset} of {host}, which no DestinationRule defines",
    detail:
      "Envoy has no cluster for a subset that no visible DestinationRule declares, so requests that take this route fail with 503 NC (no cluster) or are refused at the route. Define the subset in the host's DestinationRule first, wait for it to propagate, then route to it.",
    reference: "istioctl IST0101 (host+subset in destinationrule), Kiali KIA1107",
    causes: [
      { cause: "routing.no-route", weight: 0.6 },
      { cause: "routing.no-healthy-upstream", weight: 0.3 },
    ],
  },
  {
    code: "PD5114",
    name: "HostResolvesToNothing",
    severity: "warning",
    summary: "{subject} names host {host}, which resolves to no Service or ServiceEntry visible from {namespace}{hint}",
    detail:
      "Istio completes a host without a dot with the resource's own namespace and the cluster domain; any other host is taken as written, so `reviews.default` is not `reviews.default.svc.cluster.local`. A host that matches no Service or ServiceEntry visible through exportTo has no cluster: routes to it fail (503 NC) and a DestinationRule for it has no effect.",
    reference: "Istio VirtualService Destination.host; istioctl IST0101, IST0174; Kiali KIA1101, KIA0202",
    causes: [{ cause: "routing.no-route", weight: 0.6 }],
  },
  {
    code: "PD5115",
    name: "EnvoyClusterMissingOrEmpty",
    severity: "error",
    summary: "The proxy's cluster list {state} {cluster}",
    detail:
      "The admin output of a sidecar (`/clusters` or `/config_dump`) shows what the proxy can route to. A subset cluster that is missing, or present without a single endpoint while its sibling subsets have some, is the runtime view of a subset that selects no pods or is not defined: requests routed there fail with 503 UH or NC.",
    reference: "Envoy admin /clusters and /config_dump; Istio FAQ (missing reviews v1 cluster)",
    causes: [{ cause: "routing.no-healthy-upstream", weight: 0.7 }],
  },
  {
    code: "PD5116",
    name: "VirtualServiceGatewayNotFound",
    severity: "error",
    summary: "{subject} binds to gateway {gateway}, which does not exist",
    detail:
      "A VirtualService applies only to the gateways it names (`mesh` for sidecars). A name that matches no Gateway — a typo, a missing `namespace/` prefix for a Gateway in another namespace — leaves the host without routes on the ingress: 404 with NR.",
    reference: "istioctl IST0101 (gateway), Kiali KIA1102",
    causes: [{ cause: "routing.no-route", weight: 0.6 }],
  },
  {
    code: "PD5117",
    name: "DestinationRuleHostDuplicated",
    severity: "warning",
    summary: "{subject} is a second DestinationRule for {host}; {consequence}",
    detail:
      "istiod merges DestinationRules for the same host seen from a namespace: only the first one's traffic policy counts and a subset name defined twice keeps its first definition. The second rule's TLS, connection-pool or subset settings may silently not apply. Keep one DestinationRule per host.",
    reference: "Istio traffic management best practices (DestinationRule merging); Kiali KIA0201",
    causes: [{ cause: "config.rejected", weight: 0.3 }],
  },
  {
    code: "PD5118",
    name: "GatewayRouteWithoutPort",
    severity: "error",
    summary: "{subject} routes gateway traffic to {host}, which exposes ports {ports}, without choosing one",
    detail:
      "On a gateway the request's port says nothing about the backend's, so a destination whose Service has several ports needs `destination.port.number`. Without it istiod cannot pick a cluster and the route is dropped: 404 NR or 503 at the ingress.",
    reference: "istioctl IST0112 VirtualServiceDestinationPortSelectorRequired",
    causes: [{ cause: "routing.no-route", weight: 0.6 }],
  },
  {
    code: "PD5121",
    name: "TargetPortProtocolConflict",
    severity: "error",
    summary: "Port {targetPort} of {workload} is declared as {protocols}",
    detail:
      "istiod builds one inbound listener per target port of a pod. When Service ports that reach that port (two Services selecting the same pods, or two ports of one Service) declare it with different protocols (port name prefix, appProtocol, or TCP vs UDP), it can keep only one, counts `pilot_conflict_inbound_listener` and traffic of the other protocol is handled wrongly.",
    reference: "Istio FAQ: pilot_conflict_inbound_listener; pilot listener_inbound.go reportInboundConflict",
    causes: [
      { cause: "config.protocol-conflict", weight: 0.9 },
      { cause: "protocol.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD5122",
    name: "ServerFirstPortSniffed",
    severity: "warning",
    summary:
      "Port {port} ({portName}) of {subject} looks like {protocol}, a server-first protocol, but leaves the protocol to sniffing",
    detail:
      "Without a protocol in the port name or appProtocol, the sidecar waits for the client's first bytes to detect the protocol. Server-first protocols (MySQL, SMTP, SSH, FTP, NATS, POP3, IMAP) wait for the server instead, so both sides wait and connections hang or time out. Name the port `tcp-…` (or `mysql-…`) or set appProtocol.",
    reference: "Istio docs: protocol selection, server-first protocols; istioctl IST0118",
    causes: [{ cause: "protocol.mismatch", weight: 0.6 }],
  },
  {
    code: "PD5123",
    name: "GrpcPortNotDeclared",
    severity: "warning",
    summary: "Port {port} ({portName}) of {subject} carries gRPC but is treated as {protocol}",
    detail:
      "gRPC needs HTTP/2 end to end. A gRPC port named `http…`, named without a protocol prefix, or left to sniffing can be proxied as HTTP/1.1, and calls fail with protocol errors or 502/503. Name it `grpc-…` or set `appProtocol: grpc`.",
    reference: "Istio docs: protocol selection (grpc, http2); Kiali KIA0601",
    causes: [{ cause: "protocol.mismatch", weight: 0.6 }],
  },
  {
    code: "PD5125",
    name: "HttpDeclaredOnServerFirstPort",
    severity: "error",
    summary: "{subject} declares port {port} ({portName}) as {protocol}, the well-known port of {serverFirst}",
    detail:
      "The sidecars build one outbound listener per port number for HTTP services (`0.0.0.0:<port>`), shared by every Service on that port. A Service that declares the well-known port of a server-first protocol (MySQL's 3306, SMTP's 25) as HTTP turns that listener into an HTTP one, and the real MySQL or SMTP traffic of every other Service on the port now meets an HTTP proxy: connections are reset (`upstream connect error … connection termination`) or hang. Declare the port as `tcp-…` (or the protocol it really is), or move the HTTP service to another port.",
    reference: "Istio protocol selection; istio/istio#22150 (http-3306 breaking MySQL on port 3306)",
    causes: [{ cause: "config.protocol-conflict", weight: 0.6 }],
  },
  {
    code: "PD5124",
    name: "PortNameContradictsAppProtocol",
    severity: "info",
    summary:
      "Port {port} of {subject} is named {portName} but declares appProtocol {appProtocol}; Istio uses {protocol}",
    detail:
      "appProtocol wins over the port name. When the two disagree, readers of the manifest (and tools that read only the name) expect one protocol and the mesh uses another.",
    reference: "Istio docs: protocol selection; Kiali KIA0602",
    causes: [{ cause: "protocol.mismatch", weight: 0.2 }],
  },
  {
    code: "PD5131",
    name: "GatewayTlsHostClaimedTwice",
    severity: "error",
    summary:
      "{subject} claims TLS host {host} on port {port}, which Gateway {other} already claims for the same workload",
    detail:
      "A TLS host can be configured only once per port of a gateway workload. istiod keeps one server, rejects the other one whole (`pilot_total_rejected_configs`, log `duplicate host names`), and every host of the rejected server stops working — not only the duplicated one. Remove the duplicate or move it to another port or gateway workload.",
    reference: "Istio FAQ: pilot_total_rejected_configs; istioctl IST0145, Kiali KIA0301",
    causes: [{ cause: "config.rejected", weight: 0.85 }],
  },
  {
    code: "PD5132",
    name: "GatewayCertificateShared",
    severity: "warning",
    summary:
      "Certificate {certificate} is served by Gateway servers for different hosts ({hosts}) on the same workload",
    detail:
      "Browsers and HTTP/2 clients reuse a connection for every host the certificate covers. When two servers present the same certificate for different hosts, a request for the second host travels on the first host's connection, reaches a filter chain without a route for it, and gets 404 NR.",
    reference: "istioctl IST0138 GatewayDuplicateCertificate; RFC 9113 §9.1.1 (connection reuse)",
    causes: [{ cause: "routing.no-route", weight: 0.4 }],
  },
  {
    code: "PD5141",
    name: "FaultInjectionDisablesRetries",
    severity: "warning",
    summary: "Route {route} of {subject} injects faults and also sets {settings}, which Istio then ignores",
    detail:
      "When a route has fault injection, the client-side sidecar does not apply the route's timeout and retry policy. The configuration is accepted without complaint, and the retries or timeout simply never happen. Inject faults with an EnvoyFilter, or test faults on a separate route.",
    reference: "Istio HTTPRoute.fault: timeouts and retries are not enabled when faults are",
    causes: [{ cause: "timeout.route", weight: 0.3 }],
  },
  {
    code: "PD5151",
    name: "SubsetAddedWithFirstRoute",
    severity: "warning",
    summary:
      "{subject} routes to subset {subset} of {host}, which only this change adds; apply the DestinationRule first",
    detail:
      "Configuration reaches the proxies eventually, not atomically. When a VirtualService that routes to a new subset lands before the DestinationRule that defines it, the route points at a cluster that does not exist yet and requests fail with 503 until both have arrived. Make before break: apply the DestinationRule, wait for propagation, then the VirtualService.",
    reference: "Istio best practices: avoid 503 errors while reconfiguring service routes",
    causes: [
      { cause: "routing.no-route", weight: 0.3 },
      { cause: "routing.no-healthy-upstream", weight: 0.3 },
    ],
  },
  {
    code: "PD5152",
    name: "RoutedSubsetRemoved",
    severity: "error",
    summary: "This change removes subset {subset} from {subject} while {router} routes to it; remove the route first",
    detail:
      "Removing a subset that a VirtualService still routes to — or in the same apply that removes the route — leaves proxies for a while with a route to a cluster that is gone, and requests fail with 503. Break after make: update the VirtualService, wait for propagation, then remove the subset.",
    reference: "Istio best practices: avoid 503 errors while reconfiguring service routes",
    causes: [{ cause: "routing.no-route", weight: 0.5 }],
  },
  {
    code: "PD5161",
    name: "HeaderLimitLowered",
    severity: "warning",
    summary: "{subject} sets {setting} to {value}, below Envoy's default of {default}",
    detail:
      "Envoy accepts up to 60 KiB and 100 headers per request by default. An EnvoyFilter that lowers these makes the proxy reject requests with large cookies or tokens (431, or `headers size exceeds limit` and a reset).",
    reference:
      "Envoy HttpConnectionManager max_request_headers_kb, HttpProtocolOptions max_headers_count; envoyproxy/envoy#13827",
    causes: [{ cause: "limits.header-too-large", weight: 0.7 }],
  },
  {
    code: "PD5162",
    name: "HeaderLimitOutOfRange",
    severity: "error",
    summary: "{subject} sets {setting} to {value}, outside the range Envoy accepts ({range})",
    detail:
      "Envoy refuses a listener or cluster with an out-of-range header limit. The proxy rejects the update from istiod (`pilot_total_xds_rejects`) and keeps running with old configuration.",
    reference: "Envoy HttpConnectionManager max_request_headers_kb (1–8192), max_headers_count (≥1)",
    causes: [{ cause: "config.rejected", weight: 0.6 }],
  },
  {
    code: "PD5163",
    name: "HeaderLimitRaisedOnOneHop",
    severity: "info",
    summary: "{subject} raises {setting} only for {context}; the other proxies on the path keep the default",
    detail:
      "A request inside the mesh crosses several Envoys: the gateway, the client's sidecar (outbound) and the server's sidecar (inbound). Raising a header limit for one of them moves the rejection to the next hop instead of removing it. Use context ANY or patch every hop the large headers cross.",
    reference: "Istio EnvoyFilter PatchContext; Envoy max_request_headers_kb",
    causes: [{ cause: "limits.header-too-large", weight: 0.4 }],
  },
  {
    code: "PD5171",
    name: "DiscoveryAddressMalformed",
    severity: "error",
    summary: "discoveryAddress {address} cannot reach istiod: {problem}",
    detail:
      "Every sidecar connects to istiod at the discovery address. pilot-agent refuses a value that is not host:port with a DNS name or IP address (`istiod/istio-system.svc:15012` has a slash where a dot belongs), so proxies never receive configuration: no listeners, no access logs, pods not ready. A valid address that names another namespace than the one istiod runs in fails the same way, later.",
    reference: "Istio ProxyConfig discoveryAddress; pkg/config/validation ValidateProxyAddress",
    causes: [{ cause: "mesh.bootstrap-failure", weight: 0.9 }],
  },
  {
    code: "PD5172",
    name: "TracingProviderUnresolvable",
    severity: "warning",
    summary: "Tracing provider {provider} points at {target}, which {problem}",
    detail:
      "istiod turns a tracing provider's service into an Envoy cluster. A service that is empty, an IP address, or a host that no Service or ServiceEntry provides has no cluster (istiod logs `could not find cluster for tracing provider`), so spans are dropped silently.",
    reference: "Istio MeshConfig extensionProviders; pilot tracing.go provider_lookup_cluster_failures",
    causes: [{ cause: "mesh.telemetry-misconfig", weight: 0.7 }],
  },
  {
    code: "PD5173",
    name: "AccessLogProviderIneffective",
    severity: "warning",
    summary: "{subject}: access logging {problem}",
    detail:
      "Access logs are the first evidence for any 5xx. A Telemetry resource whose access-logging entry names no provider (and the mesh has no default), or names a provider the mesh config does not define, is ignored; an access-log format without `accessLogFile` logs nothing.",
    reference: "Istio Telemetry API accessLogging; istioctl IST0157",
    causes: [{ cause: "mesh.telemetry-misconfig", weight: 0.6 }],
  },
  {
    code: "PD5174",
    name: "DrainLongerThanGracePeriod",
    severity: "warning",
    summary:
      "The proxy of {subject} drains for {drain}s, but the pod is killed after {grace}s (terminationGracePeriodSeconds)",
    detail:
      "When a pod terminates, the sidecar keeps serving existing connections for terminationDrainDuration. If that is as long as the grace period, the kubelet kills the proxy mid-drain with SIGKILL and in-flight requests are reset. Keep the drain below the grace period.",
    reference: "Istio ProxyConfig terminationDrainDuration; Kubernetes terminationGracePeriodSeconds",
    causes: [{ cause: "lifecycle.sidecar-ordering", weight: 0.6 }],
  },
  {
    code: "PD5175",
    name: "PreStopOutlastsProxyDrain",
    severity: "warning",
    summary:
      "Container {container} of {subject} keeps serving in a preStop hook{duration}, but its sidecar stops after {drain}s",
    detail:
      "The application's preStop hook keeps the pod serving while it terminates, but the sidecar receives SIGTERM at the same time, drains for terminationDrainDuration (5 s by default) and then refuses new connections. Traffic that still arrives at the old pod is lost. Set terminationDrainDuration to cover the hook (or EXIT_ON_ZERO_ACTIVE_CONNECTIONS) within the grace period.",
    reference: "Istio ProxyConfig terminationDrainDuration; istio/istio#36517",
    causes: [{ cause: "lifecycle.sidecar-ordering", weight: 0.7 }],
  },
  {
    code: "PD5181",
    name: "SidecarWillNotBeInjected",
    severity: "warning",
    summary: "{subject} will get no sidecar: {reason}",
    detail:
      "The workload takes part in mesh traffic (it asks for injection, or Istio configuration targets it), but the injector will skip it: pods with hostNetwork and pods in system namespaces are never injected, an opt-out label wins, a namespace needs `istio-injection=enabled` or an `istio.io/rev` label, and a revision label only works when that revision is installed.",
    reference: "Istio injection rules (inject.go injectRequired); istioctl IST0102, IST0103",
    causes: [
      { cause: "mesh.injection-failure", weight: 0.7 },
      { cause: "tls.mismatch", weight: 0.2 },
    ],
  },
  {
    code: "PD5182",
    name: "InjectionLabelValueIgnored",
    severity: "warning",
    summary: "{label}={value} on {subject} is not a value the injector knows; it is ignored",
    detail:
      "`sidecar.istio.io/inject` takes exactly `true` or `false`, and the namespace label `istio-injection` takes `enabled` or `disabled`. Any other value (`yes`, `enable`, `True`) is ignored and the default policy applies, which is rarely what the author meant.",
    reference: "Istio sidecar injection: controlling the injection policy",
    causes: [{ cause: "mesh.injection-failure", weight: 0.6 }],
  },
  {
    code: "PD5183",
    name: "ThirdPartyJwtWithoutTokenRequest",
    severity: "error",
    summary: "{subject} uses third-party JWT (istio-token projected volume) but the API server offers no TokenRequest",
    detail:
      'With jwtPolicy third-party-jwt, every injected pod mounts a projected service-account token for the audience `istio-ca`. API servers without the TokenRequest API (serviceaccounts/token) cannot issue it: the pod stays in ContainerCreating with `MountVolume.SetUp failed for volume "istio-token"`. Use first-party-jwt on such clusters (Istio before 1.22) or enable TokenRequest.',
    reference: "Istio values.global.jwtPolicy; Kubernetes TokenRequest (serviceaccounts/token)",
    causes: [{ cause: "mesh.bootstrap-failure", weight: 0.8 }],
  },
  {
    code: "PD5184",
    name: "ApplicationRunsAsProxyUid",
    severity: "warning",
    summary: "Container {container} of {subject} runs as UID 1337, the sidecar's own user",
    detail:
      "Istio's iptables rules let traffic from UID 1337 bypass the sidecar, because that is how the proxy's own traffic leaves the pod. An application running as 1337 is therefore not intercepted: its outbound calls skip mTLS, routing and telemetry, and STRICT destinations refuse them.",
    reference: "istioctl IST0144 InvalidApplicationUID; Istio application requirements",
    causes: [
      { cause: "mesh.injection-failure", weight: 0.3 },
      { cause: "tls.mismatch", weight: 0.3 },
    ],
  },
  {
    code: "PD5185",
    name: "NamespaceMultipleInjectionLabels",
    severity: "warning",
    summary: "Namespace {subject} has both istio-injection and istio.io/rev labels; istio-injection wins",
    detail:
      "The injection webhooks select namespaces by either label. With both present, the `istio-injection` label takes precedence and the revision label is ignored, so a canary upgrade that relabels the namespace does not move its pods to the new revision.",
    reference: "istioctl IST0123 NamespaceMultipleInjectionLabels; Istio canary upgrades",
    causes: [{ cause: "mesh.injection-failure", weight: 0.4 }],
  },
  {
    code: "PD5191",
    name: "ServiceEntryTcpWithoutAddresses",
    severity: "warning",
    summary: "{subject} has TCP port {port} but no addresses, and DNS capture with address auto-allocation is off",
    detail:
      "A TCP connection carries no host name, so the sidecar can only tell ServiceEntries apart by destination IP. Without `addresses` (and without ISTIO_META_DNS_CAPTURE plus auto-allocation), the entry ends up on a shared 0.0.0.0:<port> listener or is not matched at all: traffic passes through or goes to the wrong host, and filters configured for it do not run.",
    reference: "istioctl IST0134 ServiceEntryAddressesRequired; Istio DNS proxying",
    causes: [{ cause: "routing.no-route", weight: 0.4 }],
  },
  {
    code: "PD5192",
    name: "NamespaceWithoutSidecarScope",
    severity: "warning",
    summary:
      "Namespace {namespace} has no Sidecar resource in a mesh of {services} services; every proxy there receives all of them",
    detail:
      "Without a Sidecar resource that limits egress, istiod computes and pushes every service of the mesh to every proxy. In large meshes this multiplies istiod's memory and push time (OOM restarts, `pilot-agent wait` timeouts) and the proxies' memory. Add a Sidecar per namespace, or a default one in the root namespace, listing the namespaces it calls.",
    reference: "Istio Sidecar resource; istio/istio#44266",
    causes: [{ cause: "mesh.control-plane-overload", weight: 0.5 }],
  },
  {
    code: "PD5201",
    name: "KongMountInNginxRuntimeDir",
    severity: "error",
    summary: "{subject} mounts a volume at {mountPath}, {where}",
    detail:
      "Kong's nginx keeps its runtime directories in the prefix (`/kong_prefix` in the Helm chart, `/usr/local/kong` otherwise): proxy_temp, client_body_temp and the other *_temp folders, logs, pids and sockets. A volume mounted at or inside one of them makes the kubelet create the directory as root, and the nginx worker can no longer write there. Large responses then fail mid-body: `[crit] … proxy_temp … (13: Permission denied) while reading upstream`, curl 18 or 92, ERR_HTTP2_PROTOCOL_ERROR on a 200. Mount extra files in a directory of their own.",
    reference: "Kong Helm chart env.prefix; Kong/kong#2983, Kong/docker-kong#313; seed 000",
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.85 }],
  },
  {
    code: "PD5202",
    name: "KongErrorTemplateInTempDir",
    severity: "warning",
    summary: "{subject}: error_template_html {path} lies {where}",
    detail:
      "The error template must be mounted for Kong to read it, and mounting it where nginx keeps its temp files changes the owner of that directory. Put the template in a directory of its own, such as `/kong_prefix/error_template/`.",
    reference: "Kong configuration error_template_html; seed 000",
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.6 }],
  },
  {
    code: "PD5203",
    name: "KongPrefixNotWritable",
    severity: "error",
    summary:
      "Container {container} of {subject} has a read-only root file system and no writable volume at its nginx prefix {prefix}",
    detail:
      "With readOnlyRootFilesystem, nginx can write only into mounted volumes. Kong creates its configuration, pid file and the proxy_temp and client_body_temp directories under the prefix at start-up, so the prefix needs an emptyDir of its own (the Helm chart mounts `<release>-kong-prefix-dir`). Without it Kong fails to start, or buffering of large bodies fails as in seed 000.",
    reference:
      "Kong Helm chart deployment template (kong-prefix-dir); Kubernetes securityContext.readOnlyRootFilesystem",
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.7 }],
  },
  {
    code: "PD5211",
    name: "NginxProxyBufferSmallerThanHeaders",
    severity: "warning",
    summary: "{subject}: proxy_buffer_size is {size}, {comparison}",
    detail:
      "nginx reads an upstream's whole response header section into one buffer of proxy_buffer_size. Headers larger than that (big Set-Cookie, tokens) fail with `upstream sent too big header while reading response header from upstream` and 502, although the mesh behind passed them.",
    reference: "nginx proxy_buffer_size; ingress-nginx proxy-buffer-size",
    causes: [{ cause: "limits.header-too-large", weight: 0.6 }],
  },
  {
    code: "PD5212",
    name: "NginxUnderscoreHeadersDropped",
    severity: "warning",
    summary: "{subject} uses header {header} with an underscore, but underscores_in_headers is off, so nginx drops it",
    detail:
      'nginx treats header names with underscores as invalid unless `underscores_in_headers on` (ingress-nginx: `enable-underscores-in-headers: "true"`), and silently ignores them. The configuration reads a header that will never arrive.',
    reference: "nginx underscores_in_headers, ignore_invalid_headers",
    causes: [{ cause: "upstream.malformed-header", weight: 0.2 }],
  },
  {
    code: "PD5213",
    name: "NginxTempPathNotWritable",
    severity: "error",
    summary: "{subject}: {directive} {path} lies in {where}, which nginx cannot write",
    detail:
      "nginx spills request and response bodies larger than its buffers to files under the temp paths. A temp path inside a read-only mount (ConfigMap, Secret, readOnly volume) fails at the first large body: `[crit] … (13: Permission denied)` or `(30: Read-only file system)`, and the response is cut.",
    reference: "nginx proxy_temp_path, client_body_temp_path",
    causes: [{ cause: "proxy.temp-storage-failure", weight: 0.8 }],
  },
  {
    code: "PD5214",
    name: "AppGatewayBackendHttpsWithoutHostname",
    severity: "warning",
    summary:
      "{subject} sends HTTPS to its backends but names no backend-hostname, so Application Gateway checks the pods' certificate against their IP",
    detail:
      "With `appgw.ingress.kubernetes.io/backend-protocol: https` the Application Gateway opens TLS to each pod and validates its certificate. Without `appgw.ingress.kubernetes.io/backend-hostname` it has only the pod's IP to match against the certificate, so the check fails, the backend is marked unhealthy and clients get 502. Set the backend-hostname to a name the pods' certificate carries (and a trusted root certificate for a private CA), or end TLS at the gateway.",
    reference:
      "Application Gateway Ingress Controller annotations: backend-protocol, backend-hostname, appgw-trusted-root-certificate; Azure/application-gateway-kubernetes-ingress#812",
    causes: [{ cause: "tls.mismatch", weight: 0.45 }],
  },
]);
