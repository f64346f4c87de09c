import type { Finding, FindingCode } from "../../model/finding.ts";
import type { CloudLbOutcome } from "../../model/observations/cloud-lb.ts";
import type { SourceRef } from "../../model/source.ts";
import { compact } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

const MAX_EVIDENCE = 5;
/** A kind of failure this many times rarer than the commonest one in the same log is not weighed. */
const RARE_RATIO = 10;

/** GCP `statusDetails` values to the code that reads them. */
const GCLB_CODES: Readonly<Record<string, FindingCode>> = {
  backend_connection_closed_before_data_sent_to_client: "PD1660",
  backend_connection_closed_after_partial_response_sent: "PD1661",
  failed_to_pick_backend: "PD1662",
  failed_to_connect_to_backend: "PD1663",
  backend_timeout: "PD1664",
  client_disconnected_before_any_response: "PD1665",
  client_timed_out: "PD1665",
  backend_response_corrupted: "PD1667",
  backend_response_headers_too_long: "PD1668",
  headers_too_long: "PD1668",
  ssl_certificate_san_verification_failed: "PD1669",
  ssl_certificate_chain_verification_failed: "PD1669",
  failed_to_negotiate_alpn: "PD1669",
};

/** The code for a group of AWS access-log entries, read by ELB status, target status and wait. */
function awsCode(o: CloudLbOutcome): FindingCode | undefined {
  const status = o.status;
  if (status === 460) return "PD1655";
  if (status === 464) return "PD1675";
  if (status === 463) return "PD1656";
  if (status === 561 || o.detail?.startsWith("Auth")) return "PD1657";
  if (o.targetStatus !== undefined) {
    return status !== undefined && status >= 500 && o.targetStatus === status ? "PD1658" : undefined;
  }
  if (o.balancer === "aws-elb") {
    const code = classicElbCode(o);
    if (code) return code;
  }
  if (status === 503 && o.target === undefined) return "PD1654";
  if (status === 502) return o.wait === "instant" ? "PD1650" : "PD1651";
  if (status === 504) return o.wait === "connect-timeout" ? "PD1653" : "PD1652";
  return undefined;
}

/**
 * The classic ELB logs no wait and leaves the backend `-` whenever no instance answered, so its
 * 502s, and its 503s and 504s without a backend, read apart from the ALB's.
 */
function classicElbCode(o: CloudLbOutcome): FindingCode | undefined {
  if (o.status === 502) return "PD1671";
  if (o.target !== undefined) return undefined;
  if (o.status === 503) return "PD1672";
  return o.status === 504 ? "PD1659" : undefined;
}

/**
 * Application Gateway: a 504 is its own request timeout (whatever the backend status it records),
 * a 502 without a backend status means no usable answer came back from the backend.
 */
function appGatewayCode(o: CloudLbOutcome): FindingCode | undefined {
  if (o.status === 504) return "PD1673";
  if (o.status === 502 && o.targetStatus === undefined) return "PD1674";
  return undefined;
}

function outcomeCode(o: CloudLbOutcome): FindingCode | undefined {
  if (o.balancer === "azure-appgw") return appGatewayCode(o);
  if (o.balancer !== "gcp") return awsCode(o);
  if (o.detail === "response_sent_by_backend") return o.status !== undefined && o.status >= 500 ? "PD1666" : undefined;
  return o.detail !== undefined ? GCLB_CODES[o.detail] : undefined;
}

interface Group {
  readonly code: FindingCode;
  readonly first: CloudLbOutcome;
  count: number;
  longest: number;
  readonly evidence: SourceRef[];
}

/** One log's failures: by code, then by target within a code. */
interface Log {
  readonly byCode: Map<FindingCode, number>;
  readonly groups: Map<string, Group>;
}

/**
 * Cloud load balancer log groups read by what ended them. A kind of failure far rarer than the
 * commonest one of the same log is reported as rare and not weighed (PD1670).
 */
export const cloudLbOutcomes = defineDetector({
  id: "cloudlb.outcomes",
  description:
    "AWS ALB/ELB, GCP load balancer and Azure Application Gateway log entries, counted by how the load balancer ended them",
  inputs: ["cloudlb.outcome"],
  emits: [
    ...["PD1650", "PD1651", "PD1652", "PD1653", "PD1654", "PD1655", "PD1656", "PD1657", "PD1658", "PD1659"],
    ...["PD1660", "PD1661", "PD1662", "PD1663", "PD1664", "PD1665", "PD1666", "PD1667", "PD1668", "PD1669"],
    ...["PD1670", "PD1671", "PD1672", "PD1673", "PD1674", "PD1675"],
  ] as FindingCode[],
  all(outcomes, emit) {
    const logs = new Map<string, Log>();
    for (const o of outcomes) {
      const code = outcomeCode(o);
      if (!code) continue;
      const logKey = `${o.ref.source}\u0000${o.balancer}`;
      let log = logs.get(logKey);
      if (!log) {
        log = { byCode: new Map(), groups: new Map() };
        logs.set(logKey, log);
      }
      log.byCode.set(code, (log.byCode.get(code) ?? 0) + o.count);
      const key = `${code}\u0000${o.target ?? ""}\u0000${o.lb ?? ""}`;
      let group = log.groups.get(key);
      if (!group) {
        group = { code, first: o, count: 0, longest: -1, evidence: [] };
        log.groups.set(key, group);
      }
      group.count += o.count;
      group.longest = Math.max(group.longest, o.longestSeconds ?? -1);
      for (const ref of o.samples) if (group.evidence.length < MAX_EVIDENCE) group.evidence.push(ref);
    }
    for (const log of logs.values()) emitLog(log, emit);
  },
});

function emitLog(log: Log, emit: (finding: Finding) => void): void {
  let dominant: FindingCode | undefined;
  let dominantCount = 0;
  let failures = 0;
  for (const [code, count] of log.byCode) {
    failures += count;
    if (count > dominantCount) {
      dominant = code;
      dominantCount = count;
    }
  }
  const groups = [...log.groups.values()];
  const dominantFirst = groups.find((g) => g.code === dominant)?.first;
  for (const group of groups) {
    const count = log.byCode.get(group.code) ?? 0;
    const rare = dominant !== undefined && group.code !== dominant && count * RARE_RATIO <= dominantCount;
    const finding = findingOf(group);
    if (!rare) {
      emit(finding);
      continue;
    }
    emit({
      ...finding,
      code: "PD1670",
      vars: {
        ...finding.vars,
        failures,
        outcome: outcomeName(group.first),
        dominant: outcomeName(dominantFirst as CloudLbOutcome),
        dominantCount,
      },
    });
  }
}

/** How a group ended, in the log's own words. */
function outcomeName(o: CloudLbOutcome): string {
  if (o.balancer === "gcp") return o.detail ?? `status ${o.status ?? "-"}`;
  return `${o.status ?? "-"} (target status ${o.targetStatus ?? "-"}${o.detail ? `, ${o.detail}` : ""})`;
}

const BALANCER_NAMES: Readonly<Record<CloudLbOutcome["balancer"], string>> = {
  gcp: "the load balancer",
  "aws-elb": "the ELB",
  "aws-alb": "the ALB",
  "azure-appgw": "the Application Gateway",
};

function findingOf(group: Group): Finding {
  const o = group.first;
  const lb = o.lb ?? BALANCER_NAMES[o.balancer];
  return {
    code: group.code,
    subject: o.target ?? lb,
    vars: compact({
      producer:
        group.code === "PD1658" || group.code === "PD1666" ? "app" : o.balancer === "gcp" ? "gcp-lb" : o.balancer,
      lb,
      target: o.target ?? (o.balancer === "aws-alb" ? "the target" : "the backend"),
      status: o.status,
      targetStatus: o.targetStatus,
      detail: o.detail ?? (o.status !== undefined ? `status ${o.status}` : undefined),
      count: group.count,
      seconds: group.longest >= 0 ? Math.round(group.longest) : undefined,
      waited: group.longest >= 0 ? `after ${Math.round(group.longest)} s` : "(the log does not say after how long)",
      upstream: o.target,
    }),
    evidence: group.evidence,
  };
}
