import type { FindingCode } from "../../model/finding.ts";
import type { MeshSignal, MeshSignalId } from "../../model/observations/mesh.ts";
import { defineDetector } from "../define.ts";
import { compactVars, correlationVars } from "./vars.ts";

interface SignalSpec {
  readonly id: string;
  readonly description: string;
  readonly code: FindingCode;
  readonly signals: readonly MeshSignalId[];
  readonly subject: (signal: MeshSignal) => string | undefined;
  /** Extra vars; the signal's own details and correlation are always included. */
  readonly vars?: (signal: MeshSignal) => Record<string, string | number | undefined>;
}

/** A detector that reports each observation of the given signals under one code. */
function signalDetector(spec: SignalSpec) {
  return defineDetector({
    id: spec.id,
    description: spec.description,
    inputs: ["mesh.signal"],
    emits: [spec.code],
    each(signal, emit) {
      if (!spec.signals.includes(signal.signal)) return;
      emit({
        code: spec.code,
        subject: spec.subject(signal) ?? signal.correlation?.pod ?? signal.origin,
        vars: compactVars({ ...signal.details, ...correlationVars(signal), ...spec.vars?.(signal) }),
        evidence: [signal.ref],
      });
    },
  });
}

const pod = (signal: MeshSignal): string | undefined => signal.correlation?.pod;

export const xdsNack = signalDetector({
  id: "mesh.xds-nack",
  description: "a proxy NACKed configuration (istiod ACK ERROR, agent or Envoy rejection)",
  code: "PD1710",
  signals: ["xds-nack"],
  subject: (s) => s.details.proxy ?? pod(s),
  vars: (s) => ({ xdsType: s.details.xdsType ?? "xDS" }),
});

export const gatewayServerRejected = signalDetector({
  id: "mesh.gateway-server-rejected",
  description: "istiod skipped a Gateway server (duplicate host, conflicting server, port name)",
  code: "PD1711",
  signals: ["gateway-server-rejected"],
  subject: (s) => s.details.gateway,
});

export const inboundConflictLog = signalDetector({
  id: "mesh.inbound-conflict-log",
  description: "istiod logged a conflicting inbound listener",
  code: "PD1702",
  signals: ["inbound-listener-conflict"],
  subject: (s) => (s.details.port ? `port ${s.details.port}` : "inbound listener"),
});

export const tracingProviderLog = signalDetector({
  id: "mesh.tracing-provider-log",
  description: "istiod found no cluster for a tracing provider",
  code: "PD1707",
  signals: ["tracing-provider-missing"],
  subject: (s) => s.details.provider,
});

export const pushFailedLog = signalDetector({
  id: "mesh.push-failed-log",
  description: "istiod logged a failed push",
  code: "PD1712",
  signals: ["push-failed"],
  subject: (s) => s.details.proxy ?? "istiod",
  vars: (s) => {
    const error = (s.details.error ?? "").replace(/^[\s:,]+/, "");
    return { error: error ? `: ${error}` : "" };
  },
});

export const proxyNotReady = signalDetector({
  id: "mesh.proxy-not-ready",
  description: "pilot-agent says Envoy has no configuration yet",
  code: "PD1713",
  signals: ["proxy-config-not-received"],
  subject: pod,
});

export const xdsConnectionError = signalDetector({
  id: "mesh.xds-connection-error",
  description: "the sidecar's xDS stream to istiod fails",
  code: "PD1714",
  signals: ["xds-connection-error"],
  subject: pod,
});

export const discoveryAddressInvalid = signalDetector({
  id: "mesh.discovery-address-invalid",
  description: "the discovery address does not resolve or is malformed",
  code: "PD1715",
  signals: ["discovery-address-invalid"],
  subject: (s) => s.details.address,
});

export const istioTokenMount = signalDetector({
  id: "mesh.istio-token-mount",
  description: "the istio-token projected volume cannot be mounted or read",
  code: "PD1716",
  signals: ["istio-token-mount-failed"],
  subject: pod,
});

export const injectionWebhook = signalDetector({
  id: "mesh.injection-webhook",
  description: "the API server failed to call Istio's injection webhook",
  code: "PD1717",
  signals: ["injection-webhook-failed"],
  subject: (s) => s.details.webhook,
});

export const readinessProbeFailed = signalDetector({
  id: "mesh.readiness-probe-failed",
  description: "the kubelet says a pod fails its readiness probe, so it leaves its Services' endpoints",
  code: "PD1750",
  signals: ["readiness-probe-failed"],
  subject: pod,
});

export const probeProxyStatus = signalDetector({
  id: "mesh.probe-proxy-status",
  description: "a kubelet probe answered 502, 503 or 504: a proxy in the pod answered for the application",
  code: "PD1753",
  signals: ["probe-proxy-status"],
  subject: pod,
  vars: (s) => ({ probe: s.details.probe ?? "A", status: s.details.status ?? "5xx" }),
});

export const iptablesTable = signalDetector({
  id: "mesh.iptables-table",
  description: "istio-init cannot initialise an iptables table",
  code: "PD1718",
  signals: ["iptables-raw-table-missing"],
  subject: pod,
});

export const iptablesPermission = signalDetector({
  id: "mesh.iptables-permission",
  description: "the mesh's init container may not change iptables (capabilities dropped)",
  code: "PD1742",
  signals: ["iptables-permission-denied"],
  subject: pod,
});

export const proxyShuttingDown = signalDetector({
  id: "mesh.proxy-shutting-down",
  description: "pilot-agent drains and stops the sidecar",
  code: "PD1743",
  signals: ["proxy-shutting-down"],
  subject: pod,
  vars: (s) => ({ message: s.message.slice(0, 160) }),
});

export const serviceNoEndpoints = signalDetector({
  id: "mesh.service-no-endpoints",
  description: "kubectl shows a Service whose Endpoints or EndpointSlice has no address",
  code: "PD1744",
  signals: ["service-no-endpoints"],
  subject: (s) => s.details.service,
});

export const protocolFilterDecodeError = signalDetector({
  id: "mesh.protocol-filter-decode-error",
  description:
    "a protocol filter Envoy put in front of a port (mysql_proxy, mongo_proxy…) failed to decode the traffic",
  code: "PD1745",
  signals: ["protocol-filter-decode-error"],
  subject: (s) => s.details.filter,
});

export const ztunnelPolicyRejection = signalDetector({
  id: "mesh.ztunnel-policy-rejection",
  description: "ztunnel closed inbound connections without a peer identity by policy (plaintext into STRICT mTLS)",
  code: "PD1746",
  signals: ["ztunnel-policy-rejection"],
  subject: (s) => s.details.dst_workload ?? s.details.dst_service,
});

export const ztunnelInpodFailed = signalDetector({
  id: "mesh.ztunnel-inpod-failed",
  description: "ztunnel could not start a pod's in-pod proxy",
  code: "PD1747",
  signals: ["ztunnel-inpod-failed"],
  subject: () => "ztunnel",
  vars: (s) => ({ error: (s.details.error ?? s.message).split(/\s{2,}|\t/)[0]?.slice(0, 200) }),
});

export const ztunnelHboneBlocked = signalDetector({
  id: "mesh.ztunnel-hbone-blocked",
  description: "ztunnel's connects to a peer's HBONE port (15008) time out: a NetworkPolicy or firewall drops them",
  code: "PD1751",
  signals: ["ztunnel-hbone-blocked"],
  subject: (s) => s.details.address ?? `port ${s.details.port ?? "15008"}`,
  vars: (s) => ({ port: s.details.port ?? "15008" }),
});

export const dnsClusterEmptied = signalDetector({
  id: "mesh.dns-cluster-emptied",
  description: "a DNS cluster of Envoy's lost all its hosts at a membership update (added 0, removed all)",
  code: "PD1752",
  signals: ["dns-cluster-emptied"],
  subject: (s) => s.details.cluster,
  vars: (s) => ({ removed: s.details.removed ?? "all" }),
});

export const noEndpointsForCluster = signalDetector({
  id: "mesh.no-endpoints-for-cluster",
  description: "a control plane found no endpoints for a cluster it sends to its proxies",
  code: "PD1748",
  signals: ["no-endpoints-for-cluster"],
  subject: (s) => s.details.cluster,
});

export const controllerReconcileRejected = signalDetector({
  id: "mesh.controller-reconcile-rejected",
  description: "a Kubernetes controller's call to a cloud API was refused as invalid",
  code: "PD1749",
  signals: ["controller-reconcile-rejected"],
  subject: () => "the controller",
  vars: (s) => ({ error: (s.details.error ?? s.message).replace(/\\[nt].*$/, "").slice(0, 200) }),
});

export const iptablesRestore = signalDetector({
  id: "mesh.iptables-restore",
  description: "istio-init or istio-cni failed to run iptables-restore",
  code: "PD1719",
  signals: ["iptables-restore-failed"],
  subject: pod,
});

export const sidecarProbe = signalDetector({
  id: "mesh.sidecar-probe",
  description: "kubelet's probe of the sidecar status port 15021 fails",
  code: "PD1720",
  signals: ["sidecar-probe-failed"],
  subject: pod,
});

export const pilotAgentWait = signalDetector({
  id: "mesh.pilot-agent-wait",
  description: "pilot-agent wait timed out before Envoy was ready",
  code: "PD1721",
  signals: ["pilot-agent-wait-failed"],
  subject: pod,
  vars: (s) => ({ reason: `: ${agentWaitReason(s.message)}` }),
});

/** The gist of a failed `pilot-agent wait` hook: the timeout and the readiness check's last error. */
export function agentWaitReason(message: string): string {
  const last = /Last error: ([^,"]+)/.exec(message)?.[1]?.trim();
  const what = /timeout waiting for Envoy proxy to become ready/.test(message)
    ? "timed out waiting for Envoy to become ready"
    : "the hook failed";
  return last ? `${what} (last error: ${last})` : what;
}

export const etcdLeaderChanged = signalDetector({
  id: "mesh.etcd-leader-changed",
  description: "etcd lost or changed its leader",
  code: "PD1725",
  signals: ["etcd-leader-changed"],
  subject: () => "etcd",
});

export const etcdRequestTimeout = signalDetector({
  id: "mesh.etcd-request-timeout",
  description: "etcd requests timed out",
  code: "PD1726",
  signals: ["etcd-request-timeout"],
  subject: () => "etcd",
});

export const etcdHeartbeatLate = signalDetector({
  id: "mesh.etcd-heartbeat-late",
  description: "the etcd leader sent heartbeats late",
  code: "PD1727",
  signals: ["etcd-heartbeat-late"],
  subject: () => "etcd",
});

export const etcdSlowDisk = signalDetector({
  id: "mesh.etcd-slow-disk",
  description: "etcd's disk syncs are slow",
  code: "PD1728",
  signals: ["etcd-slow-disk"],
  subject: () => "etcd",
});

export const validationDenied = signalDetector({
  id: "mesh.validation-denied",
  description: "Istio's validating webhook refused a resource",
  code: "PD1731",
  signals: ["config-validation-denied"],
  subject: (s) => s.details.webhook,
});

export const proxyStatusStale = signalDetector({
  id: "mesh.proxy-status-stale",
  description: "istioctl proxy-status rows with STALE or ERROR xDS types",
  code: "PD1732",
  signals: ["proxy-status-stale"],
  subject: (s) => s.details.proxy,
});

export const cniValidationFailed = signalDetector({
  id: "mesh.cni-validation-failed",
  description: "istio-validation found the pod's traffic redirection missing",
  code: "PD1733",
  signals: ["cni-validation-failed"],
  subject: (s) => s.correlation?.pod ?? "the pod",
});
