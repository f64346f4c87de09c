import { asArray, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";

/** HTTP routes with fault injection that also set retries or a timeout (silently not applied). */
export const faultWithRetries = defineAnalyzer({
  name: "virtualservice.FaultRetryAnalyzer",
  description: "VirtualService HTTP routes combining fault injection with retries or a timeout",
  inputs: ["VirtualService"],
  emits: ["PD5141"],
  analyze(context) {
    for (const service of context.index.ofKind("VirtualService")) {
      asArray(asObject(service.body.spec)?.http).forEach((item, position) => {
        const route = asObject(item);
        if (!route?.fault) return;
        const settings = ["retries", "timeout"].filter((key) => route[key] !== undefined && route[key] !== null);
        if (settings.length === 0) return;
        context.report(
          "PD5141",
          service,
          ["spec", "http", position, "fault"],
          { route: asString(route.name) ?? `http[${position}]`, settings: settings.join(" and ") },
          { related: settings.map((key) => ({ resource: service, path: ["spec", "http", position, key] })) },
        );
      });
    }
  },
});
