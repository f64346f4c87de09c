import { defineAnalyzer } from "../analyzer.ts";
import { destinationRuleTargets, tlsSettings } from "../destination-rules.ts";
import { targetPortOf } from "../mesh-index.ts";
import { effectiveMtls } from "../peer-authentication.ts";

/** With auto-mTLS off, STRICT services need a DestinationRule that asks for ISTIO_MUTUAL. */
export const autoMtlsOff = defineAnalyzer({
  name: "meshconfig.AutoMtlsAnalyzer",
  description: "enableAutoMtls: false with STRICT workloads that no DestinationRule sends ISTIO_MUTUAL to",
  inputs: ["MeshConfig"],
  emits: ["PD5103"],
  analyze(context) {
    const { index } = context;
    const mesh = index.mesh.resource;
    if (!mesh || index.mesh.enableAutoMtls) return;
    const covered = new Set<string>();
    for (const rule of index.ofKind("DestinationRule")) {
      if (!tlsSettings(rule).some((s) => s.mode === "ISTIO_MUTUAL" && s.port === undefined)) continue;
      for (const service of destinationRuleTargets(index, rule)) covered.add(service.fqdn);
    }
    for (const service of index.services) {
      if (covered.has(service.fqdn)) continue;
      const strict = index
        .selectedWorkloads(service)
        .some(
          (workload) =>
            index.injection(workload).injected !== false &&
            service.ports.some(
              (port) => effectiveMtls(index, workload, targetPortOf(port, workload)).mode === "STRICT",
            ),
        );
      if (strict) context.report("PD5103", mesh, ["enableAutoMtls"], { service: service.fqdn });
    }
  },
});
