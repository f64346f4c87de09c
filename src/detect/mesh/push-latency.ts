import type { MeshMetric } from "../../model/observations/mesh.ts";
import { defineDetector } from "../define.ts";
import { latestSeries } from "./metrics.ts";

const HISTOGRAMS = ["pilot_xds_push_time", "pilot_proxy_convergence_time"];
/** Seconds beyond which a push or convergence counts as slow. */
const SLOW_SECONDS = 10;
/** Share of slow observations that makes the histogram worth reporting. */
const SLOW_SHARE = 0.05;
const MIN_OBSERVATIONS = 20;

interface Histogram {
  readonly name: string;
  readonly buckets: { le: number; count: number; metric: MeshMetric }[];
}

/** Groups `<name>_bucket` series by their labels other than `le`. */
function histogramsOf(metrics: readonly MeshMetric[]): Histogram[] {
  const byKey = new Map<string, Histogram>();
  for (const metric of latestSeries(metrics, (name) => HISTOGRAMS.some((h) => name === `${h}_bucket`))) {
    const le = metric.labels.le === undefined ? Number.NaN : Number(metric.labels.le.replace("+Inf", "Infinity"));
    if (Number.isNaN(le) || !Number.isFinite(metric.value)) continue;
    const { le: _, ...rest } = metric.labels;
    const key = `${metric.name}${JSON.stringify(Object.entries(rest).sort())}`;
    let histogram = byKey.get(key);
    if (!histogram) {
      histogram = { name: metric.name.replace(/_bucket$/, ""), buckets: [] };
      byKey.set(key, histogram);
    }
    histogram.buckets.push({ le, count: metric.value, metric });
  }
  return [...byKey.values()];
}

/** The share of observations above SLOW_SECONDS, from the cumulative buckets. */
export function slowShare(histogram: Histogram): { share: number; count: number; threshold: number } | undefined {
  const buckets = [...histogram.buckets].sort((a, b) => a.le - b.le);
  const total = buckets.find((b) => b.le === Number.POSITIVE_INFINITY)?.count;
  const below = buckets.filter((b) => b.le <= SLOW_SECONDS).pop();
  if (total === undefined || total < MIN_OBSERVATIONS || !below) return undefined;
  return { share: (total - below.count) / total, count: total, threshold: below.le };
}

export const slowPushes = defineDetector({
  id: "mesh.slow-pushes",
  description: "istiod push or convergence histograms with many slow observations",
  inputs: ["mesh.metric"],
  emits: ["PD1705"],
  all(metrics, emit) {
    for (const histogram of histogramsOf(metrics)) {
      const slow = slowShare(histogram);
      if (!slow || slow.share < SLOW_SHARE) continue;
      const inf = histogram.buckets.find((b) => b.le === Number.POSITIVE_INFINITY);
      const limit = histogram.buckets.find((b) => b.le === slow.threshold);
      emit({
        code: "PD1705",
        subject: histogram.name,
        vars: {
          metric: histogram.name,
          share: Math.round(slow.share * 1000) / 10,
          threshold: slow.threshold,
          count: slow.count,
        },
        evidence: [limit?.metric.ref, inf?.metric.ref].filter((ref) => ref !== undefined),
      });
    }
  },
});
