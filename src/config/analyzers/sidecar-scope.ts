import { asObject } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { SYSTEM_NAMESPACES } from "../mesh-index.ts";

/** From this many services, pushing the whole mesh to every proxy becomes a control-plane problem. */
export const LARGE_MESH_SERVICES = 100;

/** Namespaces of a large mesh without a Sidecar resource that scopes egress. */
export const sidecarScope = defineAnalyzer({
  name: "sidecar.ScopeAnalyzer",
  description: "Large meshes where namespaces have no Sidecar resource limiting egress",
  inputs: ["Service", "ServiceEntry"],
  emits: ["PD5192"],
  analyze(context) {
    const { index } = context;
    const services = index.services.length + index.ofKind("ServiceEntry").length;
    if (services < LARGE_MESH_SERVICES) return;
    const scoped = new Set<string>();
    for (const sidecar of index.ofKind("Sidecar")) {
      if (!asObject(sidecar.body.spec)?.workloadSelector) scoped.add(sidecar.namespace);
    }
    if (scoped.has(index.mesh.rootNamespace)) return;
    const seen = new Set<string>();
    for (const workload of index.workloads) {
      const namespace = workload.namespace;
      if (
        seen.has(namespace) ||
        scoped.has(namespace) ||
        SYSTEM_NAMESPACES.has(namespace) ||
        namespace === index.mesh.rootNamespace
      )
        continue;
      seen.add(namespace);
      context.report("PD5192", workload.resource, ["metadata", "namespace"], { namespace, services });
    }
  },
});
