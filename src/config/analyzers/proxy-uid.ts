import { asNumber, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { containersOf } from "../workloads.ts";

const PROXY_UID = 1337;

/** Application containers that run as the sidecar's UID and so bypass interception. */
export const proxyUid = defineAnalyzer({
  name: "workload.ProxyUidAnalyzer",
  description: "Application containers running as UID 1337 in workloads that get a sidecar",
  inputs: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"],
  emits: ["PD5184"],
  analyze(context) {
    for (const workload of context.index.workloads) {
      if (context.index.injection(workload).injected === false) continue;
      const podUid = asNumber(asObject(workload.spec.securityContext)?.runAsUser);
      for (const { container, index } of containersOf(workload)) {
        const name = asString(container.name) ?? String(index);
        if (name === "istio-proxy") continue;
        const own = asNumber(asObject(container.securityContext)?.runAsUser);
        if ((own ?? podUid) !== PROXY_UID) continue;
        const path =
          own !== undefined
            ? [...workload.specPath, "containers", index, "securityContext", "runAsUser"]
            : [...workload.specPath, "securityContext", "runAsUser"];
        context.report("PD5184", workload.resource, path, { container: name });
      }
    }
  },
});
