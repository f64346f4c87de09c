import { asArray, asNumber, asObject, asString } from "../access.ts";
import { defineAnalyzer, type LintContext } from "../analyzer.ts";
import type { FieldPath } from "../resource.ts";

const TRACING_KINDS = ["opentelemetry", "zipkin", "datadog", "skywalking", "lightstep"];
const IP_LITERAL = /^(?:\d{1,3}\.){3}\d{1,3}$|^\[?[0-9A-Fa-f:]+\]?$/;

/** Why a provider's `service` cannot become a cluster, or undefined when it can (or cannot be judged). */
function serviceProblem(context: LintContext, service: string, port: number | undefined): string | undefined {
  if (service.trim() === "") return "is empty";
  const host = service.includes("/") ? (service.split("/").pop() ?? service) : service;
  if (IP_LITERAL.test(host)) return "is an IP address, not a Service or ServiceEntry host";
  if (port === undefined || port <= 0) return "has no port";
  const namespace = host.split(".")[1] ?? "";
  const known =
    context.index.service(host) !== undefined || context.index.serviceEntriesForHost(host, namespace).length > 0;
  if (!known && context.index.knowsNamespace(namespace)) return "matches no Service or ServiceEntry";
  return undefined;
}

/** Tracing providers in the mesh config that istiod cannot turn into a cluster, and unknown provider names. */
export const tracingProviders = defineAnalyzer({
  name: "meshconfig.TracingProviderAnalyzer",
  description:
    "Tracing extension providers that are empty, IP literals or unknown hosts; Telemetry naming undefined tracing providers",
  inputs: ["MeshConfig", "Telemetry"],
  emits: ["PD5172"],
  analyze(context) {
    const mesh = context.index.mesh.resource;
    const defined = new Set<string>();
    asArray(context.index.mesh.body.extensionProviders).forEach((item, position) => {
      const provider = asObject(item);
      const name = asString(provider?.name) ?? `extensionProviders[${position}]`;
      defined.add(name);
      for (const kind of TRACING_KINDS) {
        const settings = asObject(provider?.[kind]);
        if (!settings || !mesh) continue;
        const service = asString(settings.service) ?? "";
        const problem = serviceProblem(context, service, asNumber(settings.port));
        const path: FieldPath = ["extensionProviders", position, kind, "service"];
        if (problem) context.report("PD5172", mesh, path, { provider: name, target: service || "(nothing)", problem });
      }
    });
    if (!mesh) return;
    for (const telemetry of context.index.ofKind("Telemetry")) {
      asArray(asObject(telemetry.body.spec)?.tracing).forEach((item, position) => {
        asArray(asObject(item)?.providers).forEach((p, i) => {
          const name = asString(asObject(p)?.name);
          if (!name || defined.has(name)) return;
          context.report("PD5172", telemetry, ["spec", "tracing", position, "providers", i, "name"], {
            provider: name,
            target: "a provider name",
            problem: "the mesh config does not define",
          });
        });
      });
    }
  },
});
