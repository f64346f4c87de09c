import type { FindingCode } from "../../model/finding.ts";
import type { MeshMetric } from "../../model/observations/mesh.ts";
import type { Emit } from "../define.ts";
import { defineDetector } from "../define.ts";
import { clusterVars, compactVars, correlationVars } from "./vars.ts";

const MAX_SERIES_FINDINGS = 20;

/** The last sample of each series (name plus labels): a file may hold several scrapes. */
export function latestSeries(metrics: readonly MeshMetric[], accept: (name: string) => boolean): MeshMetric[] {
  const latest = new Map<string, MeshMetric>();
  for (const metric of metrics) {
    if (!accept(metric.name)) continue;
    const key = `${metric.name}${JSON.stringify(Object.entries(metric.labels).sort())}`;
    latest.set(key, metric);
  }
  return [...latest.values()];
}

/** True for a real count above zero: NaN, ±Inf and zero are not problems. */
export function isPositive(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

interface NonZeroSpec {
  readonly id: string;
  readonly description: string;
  readonly code: FindingCode;
  readonly names: (name: string, labels: Readonly<Record<string, string>>) => boolean;
  readonly subject: (metric: MeshMetric) => string;
  readonly vars?: (metric: MeshMetric) => Record<string, string | number | undefined>;
}

/** A detector that reports each series of the named metrics whose latest value is above zero. */
function nonZeroMetric(spec: NonZeroSpec) {
  return defineDetector({
    id: spec.id,
    description: spec.description,
    inputs: ["mesh.metric"],
    emits: [spec.code],
    all(metrics, emit: Emit) {
      const series = latestSeries(metrics, () => true).filter(
        (metric) => spec.names(metric.name, metric.labels) && isPositive(metric.value),
      );
      for (const metric of series.slice(0, MAX_SERIES_FINDINGS)) {
        emit({
          code: spec.code,
          subject: spec.subject(metric),
          vars: compactVars({
            metric: metric.name,
            value: metric.value,
            ...correlationVars(metric),
            ...spec.vars?.(metric),
          }),
          evidence: [metric.ref],
        });
      }
    },
  });
}

const clusterOf = (metric: MeshMetric): string | undefined =>
  metric.labels.cluster ?? metric.labels.cluster_name ?? metric.labels.envoy_cluster_name;

export const edsNoInstances = nonZeroMetric({
  id: "mesh.eds-no-instances",
  description: "pilot_eds_no_instances above zero: clusters without endpoints",
  code: "PD1701",
  names: (name) => name === "pilot_eds_no_instances",
  subject: (metric) => clusterOf(metric) ?? "istiod",
  vars: (metric) => clusterVars(clusterOf(metric)),
});

export const inboundConflictMetric = nonZeroMetric({
  id: "mesh.inbound-conflict-metric",
  description: "pilot_conflict_inbound_listener above zero",
  code: "PD1702",
  names: (name) => name === "pilot_conflict_inbound_listener",
  subject: () => "pilot_conflict_inbound_listener",
});

export const rejectedConfigs = nonZeroMetric({
  id: "mesh.rejected-configs",
  description: "pilot_total_rejected_configs above zero, by type and resource",
  code: "PD1703",
  names: (name) => name === "pilot_total_rejected_configs",
  subject: (metric) => metric.labels.key ?? metric.labels.name ?? metric.labels.type ?? "istiod",
  vars: (metric) => ({ type: metric.labels.type, resource: metric.labels.key ?? metric.labels.name }),
});

const LEGACY_REJECTS = /^pilot_xds_(?:cds|eds|lds|rds)_reject$/;

export const xdsRejects = nonZeroMetric({
  id: "mesh.xds-rejects",
  description: "pilot_total_xds_rejects (or the older per-type gauges) above zero",
  code: "PD1704",
  names: (name) => name === "pilot_total_xds_rejects" || LEGACY_REJECTS.test(name),
  subject: (metric) => metric.labels.node ?? metric.labels.type ?? metric.name,
  vars: (metric) => ({ type: metric.labels.type, error: metric.labels.err }),
});

const PUSH_ERROR_COUNTERS = new Set([
  "pilot_xds_write_timeout",
  "pilot_total_xds_internal_errors",
  "pilot_xds_push_context_errors",
]);

export const pushErrors = nonZeroMetric({
  id: "mesh.push-errors",
  description: "istiod push send errors, write timeouts and internal errors above zero",
  code: "PD1706",
  names: (name, labels) =>
    PUSH_ERROR_COUNTERS.has(name) || (name === "pilot_xds_pushes" && (labels.type ?? "").endsWith("senderr")),
  subject: (metric) => metric.labels.type ?? metric.name,
});

export const tracingProviderMetric = nonZeroMetric({
  id: "mesh.tracing-provider-metric",
  description: "provider_lookup_cluster_failures above zero",
  code: "PD1707",
  names: (name) => name.startsWith("provider_lookup_cluster_failures"),
  subject: (metric) => metric.labels.type ?? "tracing provider",
  vars: (metric) => ({ provider: metric.labels.type }),
});

const CONNECT_FAILURES = new Set([
  "envoy_cluster_upstream_cx_connect_fail",
  "envoy_cluster_upstream_cx_connect_timeout",
]);

export const envoyConnectFailures = nonZeroMetric({
  id: "mesh.envoy-connect-failures",
  description: "Envoy upstream connect failures or timeouts above zero",
  code: "PD1708",
  names: (name) => CONNECT_FAILURES.has(name),
  subject: (metric) => clusterOf(metric) ?? "unknown cluster",
  vars: (metric) => clusterVars(clusterOf(metric)),
});

export const envoyNoneHealthy = nonZeroMetric({
  id: "mesh.envoy-none-healthy",
  description: "Envoy upstream_cx_none_healthy above zero",
  code: "PD1709",
  names: (name) => name === "envoy_cluster_upstream_cx_none_healthy",
  subject: (metric) => clusterOf(metric) ?? "unknown cluster",
  vars: (metric) => clusterVars(clusterOf(metric)),
});

/** Clusters whose members exist but none is healthy, from membership_total and membership_healthy. */
export const envoyMembershipUnhealthy = defineDetector({
  id: "mesh.envoy-membership-unhealthy",
  description: "Envoy clusters with members of which none is healthy",
  inputs: ["mesh.metric"],
  emits: ["PD1709"],
  all(metrics, emit) {
    const series = latestSeries(metrics, (name) => name.startsWith("envoy_cluster_membership_"));
    const totals = new Map<string, MeshMetric>();
    for (const metric of series) {
      const cluster = clusterOf(metric);
      if (cluster && metric.name === "envoy_cluster_membership_total") totals.set(cluster, metric);
    }
    for (const metric of series) {
      const cluster = clusterOf(metric);
      if (!cluster || metric.name !== "envoy_cluster_membership_healthy" || metric.value !== 0) continue;
      const total = totals.get(cluster);
      if (!total || !isPositive(total.value)) continue;
      emit({
        code: "PD1709",
        subject: cluster,
        vars: compactVars({ metric: metric.name, value: 0, ...clusterVars(cluster), ...correlationVars(metric) }),
        evidence: [metric.ref, total.ref],
      });
    }
  },
});
