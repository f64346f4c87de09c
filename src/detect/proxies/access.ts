import type { Finding, FindingCode } from "../../model/finding.ts";
import type { ProxyAccessGroup, ProxyAccessSummary } from "../../model/observations/proxies.ts";
import { compact } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

function codeOf(group: ProxyAccessGroup, proxy: ProxyAccessSummary["proxy"]): FindingCode | undefined {
  if (group.status === 504) return "PD1489";
  if (group.status === 499) return "PD1483";
  if (proxy === "traefik" && group.originStatus === 0 && group.status >= 500) return "PD1490";
  return undefined;
}

function findingOf(summary: ProxyAccessSummary, group: ProxyAccessGroup, code: FindingCode): Finding {
  return {
    code,
    subject: group.backend ?? group.path ?? summary.ref.source,
    vars: compact({
      producer: summary.proxy,
      status: group.status,
      count: group.count,
      backend: group.backend ?? "(not named)",
      upstream: group.backend ?? "(not named)",
      router: group.router,
      path: group.path,
      longestMs: group.longestMs > 0 ? group.longestMs : undefined,
    }),
    evidence: group.examples,
  };
}

/** Gateway timeouts, client aborts and Traefik's own error answers counted in Traefik and Caddy access logs. */
export const proxyAccessDetector = defineDetector({
  id: "proxies.access",
  description: "504s, 499s and answers without a backend response in Traefik and Caddy access logs",
  inputs: ["proxy.access-summary"],
  emits: ["PD1483", "PD1489", "PD1490"],
  each(summary, emit) {
    for (const group of summary.groups) {
      const code = codeOf(group, summary.proxy);
      if (code) emit(findingOf(summary, group, code));
    }
  },
});
