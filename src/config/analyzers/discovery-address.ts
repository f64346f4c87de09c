import { asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import type { MeshIndex } from "../mesh-index.ts";
import { PROXY_CONFIG_ANNOTATION, proxyConfigAnnotation } from "../proxy-config.ts";

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** What is wrong with a discovery address, or undefined when it is a valid host:port. */
export function discoveryAddressProblem(address: string): string | undefined {
  const colon = address.lastIndexOf(":");
  if (colon <= 0) return "no port";
  const host = address.slice(0, colon);
  const port = address.slice(colon + 1);
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    return `port "${port}" is not a number from 1 to 65535`;
  if (host.includes("/"))
    return `"${host}" has a slash; namespaces are joined with a dot (${host.replaceAll("/", ".")})`;
  if (IPV4.test(host) || IPV6.test(host) || HOSTNAME.test(host)) return undefined;
  return `"${host}" is not a valid host name or IP address`;
}

/** A well-formed address that names an istiod Service other than the ones in the input. */
function unknownIstiod(index: MeshIndex, address: string): string | undefined {
  const host = address.slice(0, address.lastIndexOf(":"));
  const match = host.match(/^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?$/);
  if (!match) return undefined;
  const istiods = index.services.filter((s) => /^istiod(-.+)?$/.test(s.resource.name));
  if (istiods.length === 0 || istiods.some((s) => s.resource.name === match[1] && s.resource.namespace === match[2]))
    return undefined;
  const running = istiods.map((s) => `${s.resource.name}.${s.resource.namespace}.svc`).join(", ");
  return `no such istiod Service; istiod is ${running}`;
}

function problemOf(index: MeshIndex, address: string): string | undefined {
  return discoveryAddressProblem(address) ?? unknownIstiod(index, address);
}

/** Malformed discoveryAddress in the mesh config or in a pod's proxy.istio.io/config annotation. */
export const discoveryAddress = defineAnalyzer({
  name: "meshconfig.DiscoveryAddressAnalyzer",
  description: "discoveryAddress values that are not host:port",
  inputs: ["MeshConfig", ...["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]],
  emits: ["PD5171"],
  analyze(context) {
    const { index } = context;
    const mesh = index.mesh.resource;
    const fromMesh = asString(asObject(index.mesh.body.defaultConfig)?.discoveryAddress);
    if (mesh && fromMesh !== undefined) {
      const problem = problemOf(index, fromMesh);
      if (problem)
        context.report("PD5171", mesh, ["defaultConfig", "discoveryAddress"], { address: fromMesh, problem });
    }
    for (const workload of index.workloads) {
      const address = asString(proxyConfigAnnotation(workload)?.discoveryAddress);
      if (address === undefined) continue;
      const problem = problemOf(index, address);
      if (problem) {
        context.report(
          "PD5171",
          workload.resource,
          [...workload.metadataPath, "annotations", PROXY_CONFIG_ANNOTATION],
          { address, problem },
        );
      }
    }
  },
});
