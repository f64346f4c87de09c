import type { SourceRef } from "../../model/source.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { clusterParts, correlationOfCluster } from "./names.ts";

/**
 * Envoy's admin `/clusters` text: `<cluster>::<key>::<value>` for the cluster and
 * `<cluster>::<host:port>::<stat>::<value>` for each host, `health_flags` among them.
 */
const CLUSTER_KEYS = new Set([
  "observability_name",
  "default_priority",
  "high_priority",
  "added_via_api",
  "eds_service_name",
  "outlier",
]);
const HOST = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d+$|^(?:envoy:\/\/|\/|@)\S*$/;
const MAX_CLUSTERS = 5000;
const MAX_HOSTS_PER_CLUSTER = 1000;
const MAX_FLAGS = 10;

interface ClusterState {
  readonly ref: SourceRef;
  readonly hosts: Map<string, string | undefined>;
}

/** Splits a `/clusters` line into cluster, optional host, key and value. */
export function parseClustersLine(
  text: string,
): { cluster: string; host?: string; key: string; value: string } | undefined {
  const parts = text.split("::");
  if (parts.length < 3 || /\s/.test(parts[0] as string) || parts[0] === "") return undefined;
  const cluster = parts[0] as string;
  if (CLUSTER_KEYS.has(parts[1] as string)) {
    return { cluster, key: parts[1] as string, value: parts.slice(2).join("::") };
  }
  if (parts.length >= 4 && HOST.test(parts[1] as string) && /^[a-z_.]+$/.test(parts[2] as string)) {
    return { cluster, host: parts[1] as string, key: parts[2] as string, value: parts.slice(3).join("::") };
  }
  return undefined;
}

class EnvoyClustersReader implements LineReader {
  private readonly context: ReaderContext;
  private readonly clusters = new Map<string, ClusterState>();

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    const parsed = parseClustersLine(line.text);
    if (!parsed) return false;
    let state = this.clusters.get(parsed.cluster);
    if (!state) {
      if (this.clusters.size >= MAX_CLUSTERS) return true;
      state = { ref: lineRef(this.context.source, line), hosts: new Map() };
      this.clusters.set(parsed.cluster, state);
    }
    if (parsed.host !== undefined && (state.hosts.has(parsed.host) || state.hosts.size < MAX_HOSTS_PER_CLUSTER)) {
      const flags = parsed.key === "health_flags" ? parsed.value : state.hosts.get(parsed.host);
      state.hosts.set(parsed.host, flags);
    }
    return true;
  }

  end(): void {
    for (const [cluster, state] of this.clusters) {
      // Only Istio service clusters say which Service they stand for; the rest have no expected members.
      if (!clusterParts(cluster)) continue;
      let healthy = 0;
      const unhealthyFlags: string[] = [];
      for (const flags of state.hosts.values()) {
        if (flags === undefined || flags === "healthy") healthy++;
        else if (unhealthyFlags.length < MAX_FLAGS && !unhealthyFlags.includes(flags)) unhealthyFlags.push(flags);
      }
      this.context.emit({
        type: "mesh.envoy-cluster",
        ref: state.ref,
        cluster,
        hosts: state.hosts.size,
        healthyHosts: healthy,
        unhealthyFlags,
        correlation: correlationOfCluster(cluster),
      });
    }
  }
}

export const envoyClustersReader: LineReaderFactory = {
  format: "envoy-admin-clusters",
  // parseClustersLine: `::<key>::` of a cluster line, or a host line's host after the first `::`,
  // which is `address:port` (a digit before the next `::`), a path, `@name` or `envoy://…`.
  needles: [
    ...[...CLUSTER_KEYS].map((key) => `::${key}::`),
    ...Array.from({ length: 10 }, (_, digit) => `${digit}::`),
    "::/",
    "::@",
    "::envoy://",
  ],
  create: (context) => new EnvoyClustersReader(context),
};
