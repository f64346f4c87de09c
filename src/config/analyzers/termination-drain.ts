import { asArray, asNumber, asObject, asString, type JsonObject } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { drainSeconds, proxyMetadataFlag } from "../proxy-config.ts";
import { containersOf } from "../workloads.ts";

const DEFAULT_GRACE_SECONDS = 30;

/** How long a preStop hook keeps the container serving: seconds, "loop" for a wait loop, undefined if unknown. */
export function preStopDuration(hook: JsonObject): number | "loop" | undefined {
  const sleep = asNumber(asObject(hook.sleep)?.seconds);
  if (sleep !== undefined) return sleep;
  const command = asArray(asObject(hook.exec)?.command)
    .map((part) => String(part))
    .join(" ");
  if (/\bwhile\b|\buntil\b/.test(command)) return "loop";
  const seconds = command.match(/\bsleep\s+(\d+)/);
  return seconds ? Number(seconds[1]) : undefined;
}

/** terminationDrainDuration against the grace period, and against application preStop hooks. */
export const terminationDrain = defineAnalyzer({
  name: "workload.TerminationDrainAnalyzer",
  description: "Proxy drain longer than terminationGracePeriodSeconds, or shorter than an application's preStop hook",
  inputs: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"],
  emits: ["PD5174", "PD5175"],
  analyze(context) {
    const { index } = context;
    for (const workload of index.workloads) {
      if (index.injection(workload).injected === false) continue;
      const drain = drainSeconds(index, workload);
      const grace = asNumber(workload.spec.terminationGracePeriodSeconds) ?? DEFAULT_GRACE_SECONDS;
      if (drain.explicit && drain.value >= grace) {
        context.report(
          "PD5174",
          workload.resource,
          workload.spec.terminationGracePeriodSeconds !== undefined
            ? [...workload.specPath, "terminationGracePeriodSeconds"]
            : drain.path,
          { drain: drain.value, grace },
          drain.resource && drain.resource !== workload.resource
            ? { related: [{ resource: drain.resource, path: drain.path }] }
            : {},
        );
      }
      if (proxyMetadataFlag(index, workload, "EXIT_ON_ZERO_ACTIVE_CONNECTIONS")) continue;
      for (const { container, index: position } of containersOf(workload)) {
        if (asString(container.name) === "istio-proxy") continue;
        const hook = asObject(asObject(container.lifecycle)?.preStop);
        if (!hook) continue;
        const duration = preStopDuration(hook);
        const outlasts = duration === "loop" || (typeof duration === "number" && duration > drain.value);
        if (!outlasts) continue;
        context.report(
          "PD5175",
          workload.resource,
          [...workload.specPath, "containers", position, "lifecycle", "preStop"],
          {
            container: asString(container.name) ?? String(position),
            duration: duration === "loop" ? " until its own check ends" : ` for ${duration}s`,
            drain: drain.value,
          },
          drain.resource ? { related: [{ resource: drain.resource, path: drain.path }] } : {},
        );
      }
    }
  },
});
