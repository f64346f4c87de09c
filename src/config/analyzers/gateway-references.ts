import { asArray, asObject } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";

/** VirtualServices bound to gateways that are not in the input. */
export const gatewayReferences = defineAnalyzer({
  name: "virtualservice.GatewayReferenceAnalyzer",
  description: "VirtualService gateways that name no Gateway (checked when the input holds Gateways)",
  inputs: ["VirtualService"],
  emits: ["PD5116"],
  analyze(context) {
    const gateways = context.index.ofKind("Gateway");
    if (gateways.length === 0) return;
    const known = new Set(gateways.map((g) => `${g.namespace}/${g.name}`));
    for (const service of context.index.ofKind("VirtualService")) {
      asArray(asObject(service.body.spec)?.gateways).forEach((item, position) => {
        if (typeof item !== "string" || item === "mesh") return;
        const reference = item.includes("/") ? item : `${service.namespace}/${item}`;
        if (known.has(reference) || item.includes(".")) return;
        context.report("PD5116", service, ["spec", "gateways", position], { gateway: reference });
      });
    }
  },
});
