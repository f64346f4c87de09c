import type { Correlation } from "../../model/observations/base.ts";

/**
 * Correlation from an Envoy cluster name as Istio builds it:
 * `outbound|9080|v1|reviews.default.svc.cluster.local` (direction, port, subset, host).
 */
export function correlationOfCluster(cluster: string): Correlation {
  const parts = cluster.split("|");
  if (parts.length === 4 && (parts[0] === "outbound" || parts[0] === "inbound")) {
    const host = parts[3] as string;
    const namespace = namespaceOfServiceHost(host);
    return { upstream: cluster, ...(namespace ? { namespace } : {}) };
  }
  return { upstream: cluster };
}

/** `reviews.default.svc.cluster.local` → `default`. */
export function namespaceOfServiceHost(host: string): string | undefined {
  const match = /^[a-z0-9-]+\.([a-z0-9-]+)\.svc(?:\.|$)/.exec(host);
  return match?.[1];
}

/** The cluster parts Istio encodes: `outbound|9080|v1|reviews.default.svc.cluster.local`. */
export function clusterParts(
  cluster: string,
): { direction: string; port: string; subset: string; host: string } | undefined {
  const parts = cluster.split("|");
  if (parts.length !== 4) return undefined;
  const [direction, port, subset, host] = parts as [string, string, string, string];
  if (!/^\d+$/.test(port)) return undefined;
  return { direction, port, subset, host };
}

/**
 * The pod and namespace in an xDS proxy id, old or new style:
 * `sidecar~10.1.1.7~productpage-v1-abc.default~default.svc.cluster.local-12` or `productpage-v1-abc.default-12`.
 */
export function correlationOfProxyId(id: string): Correlation | undefined {
  const legacy = /^(?:sidecar|router)~[^~]*~([a-z0-9][a-z0-9-]*)\.([a-z0-9-]+)~/.exec(id);
  if (legacy) return { pod: legacy[1] as string, namespace: legacy[2] as string };
  const modern = /^([a-z0-9][a-z0-9-]*)\.([a-z0-9-]+)-\d+$/.exec(id);
  if (modern) return { pod: modern[1] as string, namespace: modern[2] as string };
  return undefined;
}
