import { defineDetector } from "../define.ts";
import { clusterVars, compactVars, correlationVars } from "./vars.ts";

export const emptyEnvoyClusters = defineDetector({
  id: "mesh.envoy-cluster-empty",
  description: "Istio service clusters in Envoy's /clusters output without any host",
  inputs: ["mesh.envoy-cluster"],
  emits: ["PD1729"],
  each(cluster, emit) {
    if (cluster.hosts > 0 || !cluster.cluster.startsWith("outbound|")) return;
    emit({
      code: "PD1729",
      subject: cluster.cluster,
      vars: compactVars({ ...clusterVars(cluster.cluster), ...correlationVars(cluster) }),
      evidence: [cluster.ref],
    });
  },
});

export const unhealthyEnvoyClusters = defineDetector({
  id: "mesh.envoy-cluster-unhealthy",
  description: "clusters in Envoy's /clusters output whose hosts are all unhealthy",
  inputs: ["mesh.envoy-cluster"],
  emits: ["PD1730"],
  each(cluster, emit) {
    if (cluster.hosts === 0 || cluster.healthyHosts > 0) return;
    emit({
      code: "PD1730",
      subject: cluster.cluster,
      vars: compactVars({
        ...clusterVars(cluster.cluster),
        hosts: cluster.hosts,
        flags: cluster.unhealthyFlags.join(", "),
        ...correlationVars(cluster),
      }),
      evidence: [cluster.ref],
    });
  },
});
