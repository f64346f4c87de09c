import type { EnvoyHostCount } from "../../model/observations/envoy.ts";
import { defineDetector } from "../define.ts";

/** A host fails this many times more often than the log as a whole to count as a hot spot. */
const HOT_RATIO = 3;
const MIN_HOST_FAILURES = 10;
const MAX_HOT_HOSTS = 5;

function isRealHost(host: EnvoyHostCount): boolean {
  return host.host !== "-" && host.host !== "(other)";
}

/** Failures piled on a few upstream hosts that carry little of the traffic. */
export const envoyFailuresOnFewHostsDetector = defineDetector({
  id: "envoy-access-failures-on-few-hosts",
  description: "most failures go to a few upstream hosts",
  inputs: ["envoy.access-summary"],
  emits: ["PD1223"],
  each(summary, emit) {
    const hosts = summary.byHost.filter(isRealHost);
    if (hosts.length < MAX_HOT_HOSTS + 1) return;
    const total = hosts.reduce((sum, h) => sum + h.total, 0);
    const failed = hosts.reduce((sum, h) => sum + h.failed, 0);
    if (failed === 0 || total === 0) return;
    const rate = failed / total;
    const hot = [...hosts]
      .sort((a, b) => b.failed - a.failed)
      .slice(0, MAX_HOT_HOSTS)
      .filter((h) => h.failed >= MIN_HOST_FAILURES && h.failed / h.total >= HOT_RATIO * rate);
    const top = hot[0];
    if (!top) return;
    const hotFailed = hot.reduce((sum, h) => sum + h.failed, 0);
    const hotTotal = hot.reduce((sum, h) => sum + h.total, 0);
    if (hotFailed < 0.3 * failed || hotTotal > 0.25 * total) return;
    emit({
      code: "PD1223",
      subject: top.host,
      vars: {
        host: top.host,
        upstream: top.host,
        hostFailed: top.failed,
        hostCount: hot.length,
        hosts: hosts.length,
        failedShare: Math.round((100 * hotFailed) / failed),
      },
      evidence: [summary.ref],
    });
  },
});
