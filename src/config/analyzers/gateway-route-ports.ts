import { asArray, asObject } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { routeDestinations } from "../destination-rules.ts";

/** Gateway-bound routes to multi-port Services that do not choose a port. */
export const gatewayRoutePorts = defineAnalyzer({
  name: "virtualservice.DestinationPortAnalyzer",
  description: "VirtualServices bound to gateways that route to multi-port Services without destination.port",
  inputs: ["VirtualService"],
  emits: ["PD5118"],
  analyze(context) {
    for (const service of context.index.ofKind("VirtualService")) {
      const gateways = asArray(asObject(service.body.spec)?.gateways);
      if (!gateways.some((g) => typeof g === "string" && g !== "mesh")) continue;
      for (const destination of routeDestinations(service)) {
        if (destination.port !== undefined) continue;
        const [target] = context.index.servicesForHost(destination.host, service.namespace);
        if (!target || target.ports.length < 2) continue;
        context.report("PD5118", service, [...destination.path, "host"], {
          host: destination.host,
          ports: target.ports.map((p) => p.port).join(", "),
        });
      }
    }
  },
});
