import { asObject, stringMap } from "../access.ts";
import { defineAnalyzer, type LintContext } from "../analyzer.ts";
import { destinationRuleTargets, routeDestinations } from "../destination-rules.ts";
import { resolveHost } from "../mesh-index.ts";
import type { FieldPath, Resource } from "../resource.ts";
import type { Workload } from "../workloads.ts";

const POD_VALUES = new Set(["true", "false"]);
const NAMESPACE_VALUES = new Set(["enabled", "disabled"]);

/** Services that Istio traffic configuration targets: their workloads are meant to be in the mesh. */
function meshTargets(context: LintContext): Set<string> {
  const targets = new Set<string>();
  for (const rule of context.index.ofKind("DestinationRule")) {
    for (const service of destinationRuleTargets(context.index, rule)) targets.add(service.fqdn);
  }
  for (const service of context.index.ofKind("VirtualService")) {
    for (const destination of routeDestinations(service)) targets.add(resolveHost(destination.host, service.namespace));
  }
  return targets;
}

function wantsMesh(context: LintContext, workload: Workload, targets: Set<string>): boolean {
  if (workload.labels["sidecar.istio.io/inject"] === "true" || workload.labels["istio.io/rev"] !== undefined)
    return true;
  const namespace = context.index.namespaces.get(workload.namespace);
  const labels = stringMap(asObject(namespace?.body.metadata)?.labels);
  if (labels["istio-injection"] === "enabled" || labels["istio.io/rev"] !== undefined) return true;
  return context.index.servicesOf(workload).some((service) => targets.has(service.fqdn));
}

/** Workloads meant for the mesh that the injector will skip, and why. */
export const sidecarInjection = defineAnalyzer({
  name: "injection.SkippedAnalyzer",
  description: "Workloads that ask for (or are targeted by) the mesh but will get no sidecar",
  inputs: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"],
  emits: ["PD5181"],
  analyze(context) {
    const targets = meshTargets(context);
    for (const workload of context.index.workloads) {
      const state = context.index.injection(workload);
      if (state.injected !== false || /inject=false/.test(state.reason)) continue;
      if (!wantsMesh(context, workload, targets)) continue;
      const own = state.resource === workload.resource && state.path;
      const path: FieldPath = own ? (state.path as FieldPath) : [...workload.metadataPath];
      const related = !own && state.resource && state.path ? [{ resource: state.resource, path: state.path }] : [];
      context.report("PD5181", workload.resource, path, { reason: state.reason }, { related });
    }
  },
});

function checkValue(
  context: LintContext,
  resource: Resource,
  path: FieldPath,
  label: string,
  value: string | undefined,
  allowed: Set<string>,
): void {
  if (value === undefined || allowed.has(value)) return;
  context.report("PD5182", resource, path, { label, value });
}

/** Injection labels whose values the injector does not know. */
export const injectionLabelValues = defineAnalyzer({
  name: "injection.LabelValueAnalyzer",
  description:
    "sidecar.istio.io/inject and istio-injection values the injector ignores, and namespaces with both injection labels",
  inputs: ["Namespace", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"],
  emits: ["PD5182", "PD5185"],
  analyze(context) {
    for (const workload of context.index.workloads) {
      const key = "sidecar.istio.io/inject";
      checkValue(
        context,
        workload.resource,
        [...workload.metadataPath, "labels", key],
        key,
        workload.labels[key],
        POD_VALUES,
      );
      if (workload.labels[key] === undefined) {
        checkValue(
          context,
          workload.resource,
          [...workload.metadataPath, "annotations", key],
          key,
          workload.annotations[key],
          POD_VALUES,
        );
      }
    }
    for (const namespace of context.index.ofKind("Namespace")) {
      const labels = stringMap(asObject(namespace.body.metadata)?.labels);
      checkValue(
        context,
        namespace,
        ["metadata", "labels", "istio-injection"],
        "istio-injection",
        labels["istio-injection"],
        NAMESPACE_VALUES,
      );
      if (labels["istio-injection"] !== undefined && labels["istio.io/rev"] !== undefined) {
        context.report("PD5185", namespace, ["metadata", "labels", "istio.io/rev"], {});
      }
    }
  },
});
