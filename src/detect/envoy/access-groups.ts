import { parseResetDetails, type ResetDetails, splitFlags } from "../../evidence/envoy/vocabulary.ts";
import type { Finding, FindingCode, FindingVars } from "../../model/finding.ts";
import type { EnvoyAccessGroup, EnvoyAccessRecord, EnvoyAccessSummary } from "../../model/observations/envoy.ts";
import type { SourceRef } from "../../model/source.ts";
import { type Detector, defineDetector } from "../define.ts";

/** One (status, flags, details, cluster) group of an access-log summary, with its examples. */
export interface AccessGroupView {
  readonly summary: EnvoyAccessSummary;
  readonly group: EnvoyAccessGroup;
  readonly flags: readonly string[];
  readonly reset: ResetDetails | undefined;
  readonly transportFailure: string | undefined;
  readonly samples: readonly EnvoyAccessRecord[];
}

type AccessInput = EnvoyAccessSummary | EnvoyAccessRecord;

function sampleKey(source: string, status: number, flags: string, details: string, cluster: string): string {
  return `${source}\u0000${status}\u0000${flags}\u0000${details}\u0000${cluster}`;
}

/** Joins each summary's groups with the example records kept for them. */
export function accessGroups(observations: readonly AccessInput[]): AccessGroupView[] {
  const samples = new Map<string, EnvoyAccessRecord[]>();
  for (const o of observations) {
    if (o.type !== "envoy.access") continue;
    const flags = o.flags.length === 0 ? "-" : o.flags.join(",");
    const key = sampleKey(o.ref.source, o.status, flags, o.details ?? "-", o.upstreamCluster ?? "-");
    const list = samples.get(key) ?? [];
    list.push(o);
    samples.set(key, list);
  }
  const views: AccessGroupView[] = [];
  for (const o of observations) {
    if (o.type !== "envoy.access-summary") continue;
    for (const group of o.groups) {
      const own = samples.get(sampleKey(o.ref.source, group.status, group.flags, group.details, group.cluster)) ?? [];
      const reset = parseResetDetails(group.details);
      const logged = own.find((sample) => sample.transportFailure)?.transportFailure;
      views.push({
        summary: o,
        group,
        flags: splitFlags(group.flags),
        reset,
        transportFailure: logged ?? reset?.transportFailure,
        samples: own,
      });
    }
  }
  return views;
}

/** The vars every access-group finding carries; next steps and the report read them. */
export function groupVars(view: AccessGroupView, producer: string | undefined): Record<string, string | number> {
  const { group } = view;
  const first = view.samples[0];
  const vars: Record<string, string | number> = {
    status: group.status,
    flags: group.flags,
    details: group.details,
    cluster: group.cluster,
    count: group.count,
  };
  if (producer) vars.producer = producer;
  if (view.transportFailure) vars.transportFailure = view.transportFailure;
  if (first?.upstreamHost) vars.host = first.upstreamHost;
  if (first?.upstreamHost) vars.upstream = first.upstreamHost;
  if (first?.authority) vars.authority = first.authority;
  if (first?.path) vars.path = first.path;
  if (first?.requestId) vars.requestId = first.requestId;
  if (first?.groupMaxDurationMs !== undefined) vars.maxDuration = first.groupMaxDurationMs;
  if (first?.groupMinDurationMs !== undefined) vars.minDuration = first.groupMinDurationMs;
  const namespace = first?.correlation?.namespace;
  if (namespace) vars.namespace = namespace;
  if (group.firstTime) vars.firstTime = group.firstTime;
  return vars;
}

export function groupFinding(
  code: FindingCode,
  view: AccessGroupView,
  vars: FindingVars,
  refs: readonly SourceRef[] = view.samples.slice(0, EVIDENCE).map((s) => s.ref),
): Finding {
  const evidence = refs.length > 0 ? [...refs] : [view.summary.ref];
  const subject =
    view.group.cluster !== "-" ? view.group.cluster : (view.samples[0]?.authority ?? view.summary.ref.source);
  return { code, subject, vars, evidence };
}

export interface GroupRule {
  readonly id: string;
  readonly description: string;
  readonly code: FindingCode;
  /** Who produced these responses, when the rule knows. */
  readonly producer?: "envoy" | "app";
  readonly matches: (view: AccessGroupView) => boolean;
}

/**
 * A detector that emits its code once per log for the groups the rule matches: the largest group
 * speaks for the others (its vars and examples), `count` is their total and `clusters` lists the
 * largest ones.
 */
export function groupDetector(rule: GroupRule): Detector<"envoy.access-summary" | "envoy.access"> {
  return defineDetector({
    id: rule.id,
    description: rule.description,
    inputs: ["envoy.access-summary", "envoy.access"],
    emits: [rule.code],
    all(observations, emit) {
      const bySource = new Map<string, AccessGroupView[]>();
      for (const view of accessGroups(observations)) {
        if (!rule.matches(view)) continue;
        const list = bySource.get(view.summary.ref.source) ?? [];
        list.push(view);
        bySource.set(view.summary.ref.source, list);
      }
      for (const views of bySource.values()) emit(combinedFinding(rule, views));
    },
  });
}

const LISTED_CLUSTERS = 3;
const EVIDENCE = 5;

function combinedFinding(rule: GroupRule, views: readonly AccessGroupView[]): Finding {
  const sorted = [...views].sort((a, b) => b.group.count - a.group.count);
  const top = sorted[0] as AccessGroupView;
  const total = sorted.reduce((sum, v) => sum + v.group.count, 0);
  const clusters = new Map<string, number>();
  for (const v of sorted) clusters.set(v.group.cluster, (clusters.get(v.group.cluster) ?? 0) + v.group.count);
  const listed = [...clusters].sort((a, b) => b[1] - a[1]);
  const vars: Record<string, string | number> = {
    ...groupVars(top, rule.producer),
    count: total,
    share: top.summary.records > 0 ? Math.round((1000 * total) / top.summary.records) / 10 : 0,
  };
  vars.clusters =
    listed.length === 1
      ? top.group.cluster
      : listed
          .slice(0, LISTED_CLUSTERS)
          .map(([name, n]) => `${name} (${n})`)
          .join(", ") + (listed.length > LISTED_CLUSTERS ? ` and ${listed.length - LISTED_CLUSTERS} more` : "");
  const evidence = sorted.flatMap((v) => v.samples.slice(0, 2).map((s) => s.ref)).slice(0, EVIDENCE);
  return groupFinding(rule.code, top, vars, evidence);
}

export function hasFlag(view: AccessGroupView, ...flags: string[]): boolean {
  return view.flags.some((flag) => flags.includes(flag));
}

export function resetReasonIs(view: AccessGroupView, ...reasons: string[]): boolean {
  return view.reset !== undefined && view.reset.when === "before" && reasons.includes(view.reset.reason);
}
