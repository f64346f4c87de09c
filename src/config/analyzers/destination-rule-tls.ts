import { defineAnalyzer, type LintContext } from "../analyzer.ts";
import { destinationRuleTargets, type TlsSetting, tlsSettings } from "../destination-rules.ts";
import { type ServiceInfo, targetPortOf } from "../mesh-index.ts";
import { effectiveMtls } from "../peer-authentication.ts";
import type { Resource } from "../resource.ts";
import type { Workload } from "../workloads.ts";

const CLIENT_OWN_TLS = new Set(["DISABLE", "SIMPLE", "MUTUAL"]);

function workloadName(workload: Workload): string {
  return `${workload.resource.kind} ${workload.namespace}/${workload.resource.name}`;
}

/** DISABLE/SIMPLE/MUTUAL towards a STRICT port of an injected workload: reported once per setting. */
function checkAgainstStrict(context: LintContext, rule: Resource, service: ServiceInfo, setting: TlsSetting): void {
  const ports = service.ports.filter((p) => setting.port === undefined || p.port === setting.port);
  for (const workload of context.index.selectedWorkloads(service, setting.subsetLabels)) {
    if (context.index.injection(workload).injected === false) continue;
    for (const port of ports) {
      const target = targetPortOf(port, workload);
      const mtls = effectiveMtls(context.index, workload, target);
      if (mtls.mode !== "STRICT") continue;
      context.report(
        "PD5101",
        rule,
        setting.path,
        { mode: setting.mode, workload: workloadName(workload), port: target ?? port.port, host: service.fqdn },
        mtls.resource ? { related: [{ resource: mtls.resource, path: mtls.path }] } : {},
      );
      return;
    }
  }
}

/** ISTIO_MUTUAL towards a workload known to run without a sidecar: reported once per setting. */
function checkWithoutSidecar(context: LintContext, rule: Resource, service: ServiceInfo, setting: TlsSetting): void {
  for (const workload of context.index.selectedWorkloads(service, setting.subsetLabels)) {
    const injection = context.index.injection(workload);
    if (injection.injected !== false) continue;
    context.report(
      "PD5102",
      rule,
      setting.path,
      { mode: setting.mode, workload: workloadName(workload), reason: injection.reason },
      injection.resource && injection.path ? { related: [{ resource: injection.resource, path: injection.path }] } : {},
    );
    return;
  }
}

/** DestinationRule TLS modes that fight the destination's PeerAuthentication or its missing sidecar. */
export const destinationRuleTls = defineAnalyzer({
  name: "destinationrule.TlsModeAnalyzer",
  description: "DestinationRule tls.mode against the destination workloads' effective mTLS mode and sidecar",
  inputs: ["DestinationRule"],
  emits: ["PD5101", "PD5102"],
  analyze(context) {
    for (const rule of context.index.ofKind("DestinationRule")) {
      for (const service of destinationRuleTargets(context.index, rule)) {
        for (const setting of tlsSettings(rule)) {
          if (setting.mode === "ISTIO_MUTUAL") checkWithoutSidecar(context, rule, service, setting);
          else if (CLIENT_OWN_TLS.has(setting.mode)) checkAgainstStrict(context, rule, service, setting);
        }
      }
    }
  },
});
