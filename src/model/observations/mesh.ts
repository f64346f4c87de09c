import type { ObservationBase } from "./base.ts";

/**
 * Named signatures found in Istio control-plane, agent, init, Kubernetes and etcd evidence.
 * One id per meaning, whatever the program or format that printed it.
 */
export type MeshSignalId =
  | "xds-nack"
  | "gateway-server-rejected"
  | "inbound-listener-conflict"
  | "push-failed"
  | "tracing-provider-missing"
  | "proxy-config-not-received"
  | "proxy-ready"
  | "xds-connection-error"
  | "discovery-address-invalid"
  | "istio-token-mount-failed"
  | "injection-webhook-failed"
  | "readiness-probe-failed"
  | "iptables-raw-table-missing"
  | "iptables-permission-denied"
  | "proxy-shutting-down"
  | "iptables-restore-failed"
  | "sidecar-probe-failed"
  | "pilot-agent-wait-failed"
  | "oom-killed"
  | "container-backoff"
  | "service-no-endpoints"
  | "protocol-filter-decode-error"
  | "ztunnel-policy-rejection"
  | "ztunnel-inpod-failed"
  | "ztunnel-hbone-blocked"
  | "probe-proxy-status"
  | "dns-cluster-emptied"
  | "controller-reconcile-rejected"
  | "no-endpoints-for-cluster"
  | "etcd-leader-changed"
  | "etcd-request-timeout"
  | "etcd-heartbeat-late"
  | "etcd-slow-disk"
  | "config-validation-denied"
  | "proxy-status-stale"
  | "cni-validation-failed"
  | "istioctl-analyze";

/** Where a signal was read: an Istio component log, a Kubernetes event or status, etcd, or a bare message. */
export type MeshOrigin = "istio" | "kubernetes" | "etcd" | "text";

export interface MeshSignal extends ObservationBase<"mesh.signal"> {
  readonly signal: MeshSignalId;
  readonly origin: MeshOrigin;
  /** Log level or event type (Warning, Normal) as printed. */
  readonly level?: string;
  /** Istio log scope (ads, xdsproxy, model…) or the event reason (FailedMount, Unhealthy…). */
  readonly scope?: string;
  /** The message part of the line. */
  readonly message: string;
  /** Values the signature names: the proxy, the volume, the webhook, the port, the address… */
  readonly details: Readonly<Record<string, string>>;
  /** How often the event says it happened (`x6 over 24s`), 1 otherwise. */
  readonly count: number;
}

/**
 * One sample of a metric from a Prometheus text exposition or Envoy's `/stats` text, or one
 * entry of istiod's logged push status (value 1 per cluster or proxy it names).
 */
export interface MeshMetric extends ObservationBase<"mesh.metric"> {
  readonly format: "prometheus" | "envoy-stats" | "push-status";
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** May be NaN or ±Infinity, as the exposition format allows. */
  readonly value: number;
  /** The TYPE line's type for this metric family, when one was given. */
  readonly metricType?: string;
}

/** One cluster from Envoy's admin `/clusters` text output. */
export interface MeshEnvoyCluster extends ObservationBase<"mesh.envoy-cluster"> {
  readonly cluster: string;
  readonly hosts: number;
  readonly healthyHosts: number;
  /** Health flags of the hosts that are not healthy (bounded). */
  readonly unhealthyFlags: readonly string[];
}

export type MeshObservation = MeshSignal | MeshMetric | MeshEnvoyCluster;
