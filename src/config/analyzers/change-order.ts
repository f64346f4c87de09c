import { asArray, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { routeDestinations, subsetsForHost } from "../destination-rules.ts";
import { resolveHost } from "../mesh-index.ts";

/**
 * With `--against`, compares the change with what is applied: a subset added together with its
 * first route, or a subset removed while routes still use it, needs two ordered applies.
 */
export const changeOrdering = defineAnalyzer({
  name: "change.SubsetOrderAnalyzer",
  description: "Changes that add a subset and route to it in one apply, or remove a routed subset (needs --against)",
  inputs: ["VirtualService", "DestinationRule"],
  emits: ["PD5151", "PD5152"],
  analyze(context) {
    const { index, applied } = context;
    if (!applied) return;
    for (const service of index.ofKind("VirtualService")) {
      for (const destination of routeDestinations(service)) {
        if (!destination.subset) continue;
        const inChange = subsetsForHost(index, destination.host, service.namespace).some(
          (s) => s.name === destination.subset,
        );
        const inCluster = subsetsForHost(applied, destination.host, service.namespace).some(
          (s) => s.name === destination.subset,
        );
        if (inChange && !inCluster) {
          context.report("PD5151", service, [...destination.path, "subset"], {
            subset: destination.subset,
            host: destination.host,
          });
        }
      }
    }
    for (const rule of index.ofKind("DestinationRule")) {
      const before = applied
        .ofKind("DestinationRule")
        .find((r) => r.name === rule.name && r.namespace === rule.namespace);
      if (!before) continue;
      const now = new Set(asArray(asObject(rule.body.spec)?.subsets).map((s) => asString(asObject(s)?.name)));
      const host = asString(asObject(rule.body.spec)?.host) ?? "";
      const fqdn = resolveHost(host, rule.namespace);
      for (const subset of asArray(asObject(before.body.spec)?.subsets)) {
        const name = asString(asObject(subset)?.name);
        if (!name || now.has(name)) continue;
        const router = applied
          .ofKind("VirtualService")
          .find((vs) =>
            routeDestinations(vs).some((d) => d.subset === name && resolveHost(d.host, vs.namespace) === fqdn),
          );
        if (!router) continue;
        context.report("PD5152", rule, ["spec", "subsets"], {
          subset: name,
          router: `VirtualService ${router.namespace}/${router.name}`,
        });
      }
    }
  },
});
