import type { Finding, FindingCode } from "../../model/finding.ts";
import type { NginxAccessExample, NginxAccessSummary } from "../../model/observations/nginx.ts";
import { compact } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

function producer(summary: NginxAccessSummary): string {
  return summary.format === "ingress-nginx" ? "ingress-nginx" : "nginx";
}

function finding(
  summary: NginxAccessSummary,
  code: FindingCode,
  status: string,
  count: number,
  examples: readonly NginxAccessExample[],
): Finding {
  const first = examples[0];
  return {
    code,
    subject: first?.path?.split("?")[0] ?? summary.ref.source,
    vars: compact({
      producer: producer(summary),
      status: Number(status),
      count,
      path: first?.path?.split("?")[0],
      upstream: first?.upstream?.split(/[\s,]/)[0],
      requestTime: first?.requestTime,
      requestId: first?.requestId,
    }),
    evidence: examples.map((example) => example.ref),
  };
}

export const nginxAccessStatusDetector = defineDetector({
  id: "nginx.access-status",
  description: "client aborts (499) and gateway timeouts (504) counted in nginx access logs",
  inputs: ["nginx.access-summary"],
  emits: ["PD1425", "PD1427"],
  each(summary, emit) {
    for (const [status, code] of [
      ["499", "PD1425"],
      ["504", "PD1427"],
    ] as const) {
      const count = summary.byStatus[status] ?? 0;
      if (count > 0) emit(finding(summary, code, status, count, summary.examples[status] ?? []));
    }
  },
});

/**
 * nginx's own 408s: the client went quiet past `client_header_timeout` or `client_body_timeout`.
 * A 408 the upstream answered (the same in $upstream_status) is the application's.
 */
export const nginxClientTimeoutDetector = defineDetector({
  id: "nginx.access-client-timeout",
  description: "408s nginx answered itself in an access log, with the time the request took",
  inputs: ["nginx.access-summary"],
  emits: ["PD1445"],
  each(summary, emit) {
    const own = (summary.examples["408"] ?? []).filter((example) => lastStatus(example.upstreamStatus) !== "408");
    if (own.length === 0) return;
    const relayed = (summary.examples["408"] ?? []).length - own.length;
    const count = (summary.byStatus["408"] ?? 0) - relayed;
    const slowest = own.reduce((a, b) => ((b.requestTime ?? 0) > (a.requestTime ?? 0) ? b : a));
    const found = finding(summary, "PD1445", "408", count, [slowest, ...own.filter((e) => e !== slowest)]);
    emit({ ...found, vars: { ...found.vars, requestTime: slowest.requestTime ?? "an unknown number of" } });
  },
});

/** Statuses nginx also writes into $upstream_status for its own upstream failures. */
const NGINX_OWN_UPSTREAM_STATUSES = new Set(["502", "504"]);

/**
 * With upstream fields (ingress-nginx's, or a custom format's), a 500 or 503 whose $upstream_status is the same came
 * from the application; a 5xx with no upstream status at all was nginx's own answer. 502 and 504
 * are left out of the first rule: nginx records them as the upstream status of its own failures.
 */
export const nginxAccessProducerDetector = defineDetector({
  id: "nginx.access-producer",
  description: "who produced the 5xx in an ingress-nginx access log: the upstream, or nginx itself",
  inputs: ["nginx.access-summary"],
  emits: ["PD1428", "PD1429"],
  each(summary, emit) {
    if (summary.format === "combined") return;
    for (const [status, total] of Object.entries(summary.byStatus)) {
      if (Number(status) < 500) continue;
      const upstream = summary.upstreamStatusByStatus[status] ?? {};
      const examples = summary.examples[status] ?? [];
      const same = upstream[status] ?? 0;
      if (same > 0 && !NGINX_OWN_UPSTREAM_STATUSES.has(status)) {
        const relayed = examples.filter((e) => lastStatus(e.upstreamStatus) === status);
        emit(finding(summary, "PD1428", status, same, relayed));
      }
      const withoutUpstream = total - Object.values(upstream).reduce((sum, n) => sum + n, 0);
      if (withoutUpstream > 0) {
        const own = examples.filter((e) => e.upstreamStatus === undefined);
        emit(finding(summary, "PD1429", status, withoutUpstream, own));
      }
    }
  },
});

function lastStatus(upstreamStatus: string | undefined): string | undefined {
  return upstreamStatus
    ?.split(/[\s,:]+/)
    .filter(Boolean)
    .pop();
}

/** The connection prefaces nginx may log as a request line, with the finding each one means. */
const PREFACE_CODES: Readonly<Record<string, "PD1440" | "PD1442">> = { PROXY: "PD1440", PRI: "PD1442" };

/**
 * nginx logged a connection preface as a request: a PROXY protocol header the listener does not
 * expect, or the HTTP/2 preface on a listener that speaks only HTTP/1.
 */
export const nginxPrefaceAsRequestDetector = defineDetector({
  id: "nginx.access-preface-as-request",
  description: "access lines whose request is a PROXY protocol header (`PROXY TCP4 …`) or the HTTP/2 preface (`PRI *`)",
  inputs: ["nginx.access-summary"],
  emits: ["PD1440", "PD1442"],
  each(summary, emit) {
    const all = Object.values(summary.examples).flat();
    for (const [method, code] of Object.entries(PREFACE_CODES)) {
      const examples = all.filter((example) => example.method === method);
      if (examples.length === 0) continue;
      emit({
        code,
        subject: summary.ref.source,
        vars: { producer: producer(summary), count: examples.length },
        evidence: examples.map((example) => example.ref),
      });
    }
  },
});
