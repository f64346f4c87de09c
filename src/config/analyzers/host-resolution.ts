import { asObject, asString } from "../access.ts";
import { defineAnalyzer, type LintContext } from "../analyzer.ts";
import { routeDestinations } from "../destination-rules.ts";
import { DOMAIN_SUFFIX, resolveHost } from "../mesh-index.ts";
import type { FieldPath, Resource } from "../resource.ts";

/** `name.namespace` and `name.namespace.svc` are not completed by Istio; say what was probably meant. */
function hint(context: LintContext, host: string): string {
  const parts = host.split(".");
  if (parts.length < 2 || parts.length > 3 || (parts.length === 3 && parts[2] !== "svc")) return "";
  const meant = `${parts[0]}.${parts[1]}.${DOMAIN_SUFFIX}`;
  return context.index.service(meant) ? `; Istio does not complete it, write ${meant}` : "";
}

function checkHost(context: LintContext, resource: Resource, host: string, path: FieldPath): void {
  const { index } = context;
  if (host === "*" || host.startsWith("*")) return;
  if (index.servicesForHost(host, resource.namespace).length > 0) return;
  if (index.serviceEntriesForHost(host, resource.namespace).length > 0) return;
  const fqdn = resolveHost(host, resource.namespace);
  const suggestion = hint(context, host);
  const inCluster = fqdn.endsWith(`.${DOMAIN_SUFFIX}`);
  const targetNamespace = inCluster ? (fqdn.split(".")[1] ?? "") : "";
  const believable =
    suggestion !== "" ||
    (inCluster && index.knowsNamespace(targetNamespace)) ||
    (!inCluster && index.has("ServiceEntry"));
  if (!believable) return;
  context.report("PD5114", resource, path, { host, namespace: resource.namespace, hint: suggestion });
}

/** Destination and DestinationRule hosts that resolve to no Service or ServiceEntry. */
export const hostResolvesToNothing = defineAnalyzer({
  name: "virtualservice.HostAnalyzer",
  description:
    "VirtualService destinations and DestinationRule hosts that resolve to no visible Service or ServiceEntry",
  inputs: ["VirtualService", "DestinationRule"],
  emits: ["PD5114"],
  analyze(context) {
    for (const service of context.index.ofKind("VirtualService")) {
      for (const destination of routeDestinations(service)) {
        checkHost(context, service, destination.host, [...destination.path, "host"]);
      }
    }
    for (const rule of context.index.ofKind("DestinationRule")) {
      const host = asString(asObject(rule.body.spec)?.host);
      if (host) checkHost(context, rule, host, ["spec", "host"]);
    }
  },
});
