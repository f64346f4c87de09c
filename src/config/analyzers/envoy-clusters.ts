import { asArray, asNumber, asObject, asString, pushTo } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { routeDestinations } from "../destination-rules.ts";
import { parseClusterName } from "../envoy-admin.ts";
import { resolveHost } from "../mesh-index.ts";

interface ListedCluster {
  readonly index: number;
  readonly name: string;
  readonly hosts: number | undefined;
  readonly subset: string;
  readonly key: string;
}

/** Subset clusters that a proxy lacks, or holds without endpoints while sibling subsets have some. */
export const envoyClusterMissingOrEmpty = defineAnalyzer({
  name: "envoy.SubsetClusterAnalyzer",
  description: "Envoy /clusters or config_dump output: subset clusters missing or without endpoints",
  inputs: ["EnvoyClusters"],
  emits: ["PD5115"],
  analyze(context) {
    const routed = new Map<string, string[]>();
    for (const service of context.index.ofKind("VirtualService")) {
      for (const destination of routeDestinations(service)) {
        if (!destination.subset) continue;
        const fqdn = resolveHost(destination.host, service.namespace);
        pushTo(routed, fqdn, destination.subset);
      }
    }
    for (const dump of context.index.ofKind("EnvoyClusters")) {
      const clusters: ListedCluster[] = [];
      asArray(dump.body.clusters).forEach((item, index) => {
        const object = asObject(item);
        const name = asString(object?.name) ?? "";
        const parsed = parseClusterName(name);
        if (!parsed) return;
        clusters.push({
          index,
          name,
          hosts: asNumber(object?.hosts),
          subset: parsed.subset,
          key: `${parsed.port}|${parsed.host}`,
        });
      });
      const groups = new Map<string, ListedCluster[]>();
      for (const cluster of clusters) {
        const group = groups.get(cluster.key);
        if (group) group.push(cluster);
        else groups.set(cluster.key, [cluster]);
      }
      for (const group of groups.values()) {
        const populated = group.some((c) => c.subset !== "" && (c.hosts ?? 0) > 0);
        for (const cluster of group) {
          if (cluster.subset === "" || cluster.hosts !== 0 || !populated) continue;
          context.report("PD5115", dump, ["clusters", cluster.index], {
            state: "has no endpoints for",
            cluster: cluster.name,
          });
        }
      }
      for (const [fqdn, list] of routed) {
        const subsets = new Set(list);
        const siblings = clusters.filter((c) => c.key.endsWith(`|${fqdn}`) && c.subset !== "");
        if (siblings.length === 0) continue;
        for (const subset of subsets) {
          if (siblings.some((c) => c.subset === subset)) continue;
          const port = siblings[0]?.key.split("|")[0] ?? "";
          context.report("PD5115", dump, ["clusters", siblings[0]?.index ?? 0], {
            state: "has no cluster for",
            cluster: `outbound|${port}|${subset}|${fqdn}`,
          });
        }
      }
    }
  },
});
