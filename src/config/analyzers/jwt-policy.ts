import { asArray, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import type { FieldPath, Resource } from "../resource.ts";

/** True when an APIResourceList for core v1 lacks the serviceaccounts/token subresource. */
function lacksTokenRequest(list: Resource): boolean {
  if (asString(list.body.groupVersion) !== "v1") return false;
  const names = asArray(list.body.resources).map((r) => asString(asObject(r)?.name));
  return names.includes("serviceaccounts") && !names.includes("serviceaccounts/token");
}

/** Places that ask for third-party JWT: IstioOperator values and injected pods' istio-token volume. */
function thirdPartyUses(
  resources: readonly Resource[],
  workloads: readonly { resource: Resource; spec: Record<string, unknown>; specPath: FieldPath }[],
) {
  const uses: { resource: Resource; path: FieldPath }[] = [];
  for (const operator of resources) {
    if (operator.kind !== "IstioOperator") continue;
    const policy = asString(asObject(asObject(asObject(operator.body.spec)?.values)?.global)?.jwtPolicy);
    if (policy === undefined || policy === "third-party-jwt") {
      uses.push({ resource: operator, path: policy ? ["spec", "values", "global", "jwtPolicy"] : ["spec"] });
    }
  }
  for (const workload of workloads) {
    asArray(workload.spec.volumes).forEach((item, position) => {
      const volume = asObject(item);
      if (asString(volume?.name) !== "istio-token") return;
      const projected = asArray(asObject(volume?.projected)?.sources).some(
        (s) => asObject(s)?.serviceAccountToken !== undefined,
      );
      if (projected) uses.push({ resource: workload.resource, path: [...workload.specPath, "volumes", position] });
    });
  }
  return uses;
}

/** jwtPolicy third-party-jwt on an API server without TokenRequest: istio-token cannot be mounted. */
export const jwtPolicy = defineAnalyzer({
  name: "injection.JwtPolicyAnalyzer",
  description: "third-party-jwt (projected istio-token) where the API server has no TokenRequest",
  inputs: ["APIResourceList"],
  emits: ["PD5183"],
  analyze(context) {
    const list = context.index.ofKind("APIResourceList").find(lacksTokenRequest);
    if (!list) return;
    for (const use of thirdPartyUses(context.index.resources, context.index.workloads)) {
      context.report("PD5183", use.resource, use.path, {}, { related: [{ resource: list, path: ["resources"] }] });
    }
  },
});
