import { asArray, asObject, asString, stringMap } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { destinationRuleTargets, routeDestinations } from "../destination-rules.ts";
import { resolveHost } from "../mesh-index.ts";

function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** DestinationRule subsets whose labels, with the Service selector, match no pod or pod template. */
export const subsetSelectsNoPods = defineAnalyzer({
  name: "destinationrule.SubsetPodsAnalyzer",
  description: "DestinationRule subsets (plus the Service selector) that select no pod or pod template",
  inputs: ["DestinationRule"],
  emits: ["PD5111"],
  analyze(context) {
    const { index } = context;
    const routed = new Set<string>();
    for (const service of index.ofKind("VirtualService")) {
      for (const destination of routeDestinations(service)) {
        if (destination.subset) routed.add(`${resolveHost(destination.host, service.namespace)}|${destination.subset}`);
      }
    }
    for (const rule of index.ofKind("DestinationRule")) {
      const host = asString(asObject(rule.body.spec)?.host) ?? "";
      if (host.includes("*")) continue;
      for (const service of destinationRuleTargets(index, rule)) {
        if (index.workloadsIn(service.resource.namespace).length === 0 || Object.keys(service.selector).length === 0)
          continue;
        asArray(asObject(rule.body.spec)?.subsets).forEach((item, position) => {
          const subset = asObject(item);
          const name = asString(subset?.name) ?? String(position);
          const labels = stringMap(subset?.labels);
          if (index.selectedWorkloads(service, labels).length > 0) return;
          const isRouted = routed.has(`${service.fqdn}|${name}`);
          const culprit = Object.entries(labels).find(
            ([key, value]) => index.selectedWorkloads(service, { [key]: value }).length === 0,
          );
          context.report(
            "PD5111",
            rule,
            culprit ? ["spec", "subsets", position, "labels", culprit[0]] : ["spec", "subsets", position, "labels"],
            {
              subset: name,
              host: service.fqdn,
              namespace: service.resource.namespace,
              labels: labelText({ ...service.selector, ...labels }),
              routed: isRouted,
            },
            { severity: isRouted ? "error" : "info" },
          );
        });
      }
    }
  },
});

/** Services whose selector matches no pod or pod template in a namespace the input shows. */
export const serviceSelectsNoPods = defineAnalyzer({
  name: "service.SelectorAnalyzer",
  description: "Services whose selector matches no pod or pod template",
  inputs: ["Service"],
  emits: ["PD5112"],
  analyze(context) {
    const { index } = context;
    for (const service of index.services) {
      if (Object.keys(service.selector).length === 0) continue;
      if (index.workloadsIn(service.resource.namespace).length === 0) continue;
      if (index.selectedWorkloads(service).length > 0) continue;
      context.report("PD5112", service.resource, ["spec", "selector"], {
        namespace: service.resource.namespace,
        labels: labelText(service.selector),
      });
    }
  },
});
