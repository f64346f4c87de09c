import { parseResetDetails, type ResetDetails, splitFlags } from "../../evidence/envoy/vocabulary.ts";
import type { Finding, FindingCode, FindingVars } from "../../model/finding.ts";
import type { EnvoyAccessGroup, EnvoyAccessRecord, EnvoyAccessSummary } from "../../model/observations/envoy.ts";
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

export function groupFinding(code: FindingCode, view: AccessGroupView, vars: FindingVars): Finding {
  const evidence = view.samples.length > 0 ? view.samples.slice(0, 5).map((s) => s.ref) : [view.summary.ref];
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

/** A detector that emits its code once per access-log group the rule matches. */
export function groupDetector(rule: GroupRule): Detector<"envoy.access-summary" | "envoy.access"> {
  return defineDetector({
    id: rule.id,
    description: rule.description,
    inputs: ["envoy.access-summary", "envoy.access"],
    emits: [rule.code],
    all(observations, emit) {
      for (const view of accessGroups(observations)) {
        if (rule.matches(view)) emit(groupFinding(rule.code, view, groupVars(view, rule.producer)));
      }
    },
  });
}

export function hasFlag(view: AccessGroupView, ...flags: string[]): boolean {
  return view.flags.some((flag) => flags.includes(flag));
}

export function resetReasonIs(view: AccessGroupView, ...reasons: string[]): boolean {
  return view.reset !== undefined && view.reset.when === "before" && reasons.includes(view.reset.reason);
}
