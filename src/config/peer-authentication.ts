import { asObject, asString, selects, stringMap } from "./access.ts";
import type { MeshIndex } from "./mesh-index.ts";
import type { FieldPath, Resource } from "./resource.ts";
import type { Workload } from "./workloads.ts";

export interface EffectiveMtls {
  readonly mode: string;
  readonly resource: Resource | undefined;
  readonly path: FieldPath;
}

/**
 * The mTLS mode a workload's port accepts: a PeerAuthentication selecting the workload (port-level
 * first) wins over the namespace's, which wins over the root namespace's; UNSET inherits; PERMISSIVE by default.
 */
export function effectiveMtls(index: MeshIndex, workload: Workload, port: number | undefined): EffectiveMtls {
  const policies = index.ofKind("PeerAuthentication");
  const inNamespace = policies.filter((p) => p.namespace === workload.namespace);
  const selecting = inNamespace.filter((p) => {
    const selector = stringMap(asObject(asObject(p.body.spec)?.selector)?.matchLabels);
    return Object.keys(selector).length > 0 && selects(selector, workload.labels);
  });
  const namespaceWide = inNamespace.filter((p) => !asObject(p.body.spec)?.selector);
  const rootWide = policies.filter((p) => p.namespace === index.mesh.rootNamespace && !asObject(p.body.spec)?.selector);
  for (const policy of selecting) {
    const spec = asObject(policy.body.spec);
    if (port !== undefined) {
      const portMode = asString(asObject(asObject(spec?.portLevelMtls)?.[String(port)])?.mode);
      if (portMode && portMode.toUpperCase() !== "UNSET") {
        return {
          mode: portMode.toUpperCase(),
          resource: policy,
          path: ["spec", "portLevelMtls", String(port), "mode"],
        };
      }
    }
    const mode = modeOf(policy);
    if (mode) return { mode, resource: policy, path: ["spec", "mtls", "mode"] };
  }
  for (const policy of [...namespaceWide, ...rootWide]) {
    const mode = modeOf(policy);
    if (mode) return { mode, resource: policy, path: ["spec", "mtls", "mode"] };
  }
  return { mode: "PERMISSIVE", resource: undefined, path: [] };
}

function modeOf(policy: Resource): string | undefined {
  const mode = asString(asObject(asObject(policy.body.spec)?.mtls)?.mode)?.toUpperCase();
  return mode && mode !== "UNSET" ? mode : undefined;
}
