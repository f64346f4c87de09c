import { asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";

const PREFIX = "appgw.ingress.kubernetes.io/";

/**
 * An Application Gateway ingress that speaks HTTPS to its backends without naming the host their
 * certificate is for: the gateway checks the pod's certificate against the pod's IP and fails.
 */
export const appGatewayBackendTls = defineAnalyzer({
  name: "appgw.BackendTlsHostnameAnalyzer",
  description: "Application Gateway ingresses with backend-protocol https but no backend-hostname",
  inputs: ["Ingress"],
  emits: ["PD5214"],
  analyze(context) {
    for (const ingress of context.index.ofKind("Ingress")) {
      const annotations = asObject(asObject(ingress.body.metadata)?.annotations);
      if (!annotations) continue;
      const protocol = asString(annotations[`${PREFIX}backend-protocol`])?.toLowerCase();
      if (protocol !== "https" || asString(annotations[`${PREFIX}backend-hostname`])) continue;
      context.report("PD5214", ingress, ["metadata", "annotations", `${PREFIX}backend-protocol`], {});
    }
  },
});
