import { asArray, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { resolveHost } from "../mesh-index.ts";
import type { Resource } from "../resource.ts";

function subsetNames(rule: Resource): string[] {
  return asArray(asObject(rule.body.spec)?.subsets).flatMap((s) => asString(asObject(s)?.name) ?? []);
}

/** Two DestinationRules in one namespace for the same host: the second is merged away in part. */
export const duplicateDestinationRules = defineAnalyzer({
  name: "destinationrule.DuplicateHostAnalyzer",
  description: "Several DestinationRules for the same host in one namespace",
  inputs: ["DestinationRule"],
  emits: ["PD5117"],
  analyze(context) {
    const first = new Map<string, Resource>();
    for (const rule of context.index.ofKind("DestinationRule")) {
      const host = asString(asObject(rule.body.spec)?.host);
      if (!host) continue;
      const key = `${rule.namespace}|${resolveHost(host, rule.namespace)}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, rule);
        continue;
      }
      const shared = subsetNames(rule).filter((name) => subsetNames(earlier).includes(name));
      const policy = asObject(rule.body.spec)?.trafficPolicy !== undefined;
      const consequence = [
        policy ? "its trafficPolicy is ignored in favour of the first rule's" : "",
        shared.length > 0 ? `subsets ${shared.join(", ")} keep the first rule's definition` : "",
      ]
        .filter(Boolean)
        .join(", and ");
      context.report(
        "PD5117",
        rule,
        ["spec", "host"],
        { host, consequence: consequence || "its settings are merged into the first rule's" },
        { related: [{ resource: earlier, path: ["spec", "host"] }] },
      );
    }
  },
});
