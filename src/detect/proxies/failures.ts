import type { Finding, FindingCode } from "../../model/finding.ts";
import type { ProxyFailure, ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { SourceRef } from "../../model/source.ts";
import { compact, placeVars, subjectOf } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

const MAX_EVIDENCE = 5;

/** One code per failure, whatever the proxy that logged it. */
const CODE_OF: Readonly<Record<ProxyFailureKind, FindingCode>> = {
  refused: "PD1470",
  unreachable: "PD1471",
  "connect-timeout": "PD1472",
  reset: "PD1473",
  closed: "PD1474",
  "header-timeout": "PD1475",
  "body-cut": "PD1476",
  "body-timeout": "PD1477",
  "tls-certificate": "PD1478",
  "tls-mismatch": "PD1479",
  "malformed-response": "PD1480",
  "no-healthy-upstream": "PD1481",
  "marked-unhealthy": "PD1482",
  "client-gone": "PD1483",
  goaway: "PD1484",
  "no-protocol-handler": "PD1485",
  "protocol-detection-timeout": "PD1486",
  "unauthenticated-direct": "PD1487",
  "request-body-failed": "PD1488",
  "client-idle": "PD1491",
  "fail-fast": "PD1492",
  "body-too-large": "PD1493",
  "opaque-port-detected": "PD1494",
  "header-too-large": "PD1495",
};

interface Group {
  readonly first: ProxyFailure;
  readonly evidence: SourceRef[];
  count: number;
  status?: number;
}

/** The upstream, else the request's URL or path, else the proxy. */
function failureSubject(failure: ProxyFailure): string {
  return failure.upstream || subjectOf(failure.correlation, failure.correlation?.path ?? failure.proxy);
}

function findingOf(group: Group): Finding {
  const { first } = group;
  return {
    code: CODE_OF[first.kind],
    subject: failureSubject(first),
    vars: compact({
      ...placeVars(first.correlation, "http"),
      producer: first.proxy,
      status: group.status,
      upstream: first.upstream ?? "(not named)",
      message: first.message,
      messageId: first.messageId,
      errno: first.errno,
      direction: first.direction,
      count: group.count,
    }),
    evidence: group.evidence,
  };
}

/**
 * Failures Traefik, Caddy, Apache httpd, Linkerd, Node proxies and cloudflared logged, grouped by proxy, what failed and the
 * upstream: one finding each, with the status the proxy answered and a few lines as evidence.
 */
export const proxyFailuresDetector = defineDetector({
  id: "proxies.failures",
  description: "what a reverse proxy, tunnel or platform router found failed on the way to an upstream",
  inputs: ["proxy.failure"],
  emits: Object.values(CODE_OF),
  all(failures, emit) {
    const groups = new Map<string, Group>();
    for (const failure of failures) {
      const key = `${failure.proxy} ${failure.kind} ${failure.upstream ?? failureSubject(failure)}`;
      let group = groups.get(key);
      if (!group) {
        group = { first: failure, evidence: [], count: 0 };
        groups.set(key, group);
      }
      group.count++;
      if (group.status === undefined && failure.status !== undefined) group.status = failure.status;
      if (group.evidence.length < MAX_EVIDENCE) group.evidence.push(failure.ref);
    }
    for (const group of groups.values()) emit(findingOf(group));
  },
});
