import { clusterParts } from "../../evidence/mesh/names.ts";
import type { FindingVars } from "../../model/finding.ts";
import type { Observation } from "../../model/observation.ts";

/** The correlation values of an observation as finding vars, so next steps can name them. */
export function correlationVars(observation: Observation): Record<string, string> {
  const c = observation.correlation;
  if (!c) return {};
  const vars: Record<string, string> = {};
  if (c.pod) vars.pod = c.pod;
  if (c.namespace) vars.namespace = c.namespace;
  if (c.container) vars.container = c.container;
  if (c.upstream) vars.upstream = c.upstream;
  return vars;
}

/** Vars without empty strings, which would hide the catalogue's `<name>` placeholders. */
export function compactVars(vars: Record<string, string | number | boolean | undefined>): FindingVars {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(vars)) if (value !== undefined && value !== "") out[key] = value;
  return out;
}

/** The cluster and, for Istio service clusters, the service host it stands for. */
export function clusterVars(cluster: string | undefined): Record<string, string> {
  if (!cluster) return {};
  const host = clusterParts(cluster)?.host;
  return host ? { cluster, host } : { cluster };
}
