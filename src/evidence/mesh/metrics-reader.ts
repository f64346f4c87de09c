import type { MeshMetric } from "../../model/observations/mesh.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { parseExpositionLine } from "./exposition.ts";
import { correlationOfCluster } from "./names.ts";

/** Metric families worth keeping: istiod's pilot_* and Envoy's per-cluster upstream figures. */
const KEPT_PREFIXES = ["pilot_", "envoy_cluster_upstream_", "envoy_cluster_membership_", "provider_lookup_cluster"];
const MAX_KEPT_SAMPLES = 5000;
const MAX_TYPES = 4096;

/** Envoy's `/stats` text: `cluster.<name>.<stat>: <integer>`. */
const ENVOY_STAT = /^cluster\.(.+)\.([a-z][a-z0-9_]*): (\d+)$/;
const ENVOY_KEPT_STATS = new Set([
  "upstream_cx_connect_fail",
  "upstream_cx_connect_timeout",
  "upstream_cx_none_healthy",
  "upstream_cx_destroy_remote_with_active_rq",
  "upstream_rq_5xx",
  "upstream_rq_503",
  "upstream_rq_pending_overflow",
  "membership_healthy",
  "membership_total",
]);

/**
 * The agent re-exports istiod's gauges with an `istio_agent_` prefix, and releases before 1.0
 * used shorter names; detectors see one name for each.
 */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  pilot_conf_in_listeners: "pilot_conflict_inbound_listener",
};

export function canonicalName(name: string): string {
  const bare = name.startsWith("istio_agent_pilot_") ? name.slice("istio_agent_".length) : name;
  return LEGACY_NAMES[bare] ?? bare;
}

export function isKeptMetric(name: string): boolean {
  return KEPT_PREFIXES.some((prefix) => name.startsWith(prefix));
}

class MetricsReader implements LineReader {
  private readonly types = new Map<string, string>();
  private inExposition = false;
  private kept = 0;
  private readonly context: ReaderContext;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    if (line.truncated) return false;
    return this.acceptEnvoyStat(line) || this.acceptExposition(line);
  }

  /** Once exposition text was seen, any sample is taken, `name 1` too. */
  inBlock(): boolean {
    return this.inExposition;
  }

  end(): void {}

  private acceptExposition(line: Line): boolean {
    const parsed = parseExpositionLine(line.text);
    if (!parsed) return false;
    switch (parsed.kind) {
      case "help":
        this.inExposition = true;
        return true;
      case "type":
        this.inExposition = true;
        if (this.types.size < MAX_TYPES) this.types.set(parsed.name, parsed.type);
        return true;
      case "comment":
        return this.inExposition;
      case "sample": {
        const plausible =
          this.inExposition ||
          Object.keys(parsed.labels).length > 0 ||
          (parsed.name.includes("_") && !parsed.name.includes("::"));
        if (!plausible) return false;
        this.inExposition = true;
        const name = canonicalName(parsed.name);
        if (isKeptMetric(name)) this.emit(line, "prometheus", name, parsed.labels, parsed.value);
        return true;
      }
    }
  }

  private acceptEnvoyStat(line: Line): boolean {
    const match = ENVOY_STAT.exec(line.text);
    if (!match) return false;
    const stat = match[2] as string;
    if (ENVOY_KEPT_STATS.has(stat)) {
      this.emit(line, "envoy-stats", `envoy_cluster_${stat}`, { cluster_name: match[1] as string }, Number(match[3]));
    }
    return true;
  }

  private emit(
    line: Line,
    format: MeshMetric["format"],
    name: string,
    labels: Readonly<Record<string, string>>,
    value: number,
  ): void {
    if (this.kept >= MAX_KEPT_SAMPLES) return;
    this.kept++;
    const metricType = this.types.get(familyOf(name));
    const cluster = labels.cluster ?? labels.cluster_name ?? labels.envoy_cluster_name;
    const correlation = cluster ? correlationOfCluster(cluster) : undefined;
    this.context.emit({
      type: "mesh.metric",
      ref: lineRef(this.context.source, line),
      format,
      name,
      labels,
      value,
      ...(metricType ? { metricType } : {}),
      ...(correlation ? { correlation } : {}),
    });
  }
}

/** The family name of a histogram or summary series (`x_bucket`, `x_sum`, `x_count` → `x`). */
export function familyOf(name: string): string {
  return name.replace(/_(?:bucket|sum|count)$/, "");
}

export const metricsReader: LineReaderFactory = {
  format: "prometheus-metrics",
  // Before exposition text is seen: `# HELP`/`# TYPE`, a sample with labels or with `_` in its
  // name, or an Envoy `/stats` line. Weak needles: a sample has no longer text of its own.
  needles: ["#", "{", "_", ENVOY_STAT],
  create: (context) => new MetricsReader(context),
};
