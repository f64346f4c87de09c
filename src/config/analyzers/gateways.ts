import { asArray, asNumber, asObject, asString, selects, stringMap } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { hostsOverlap, type MeshIndex } from "../mesh-index.ts";
import type { FieldPath, Resource } from "../resource.ts";

interface GatewayServer {
  readonly gateway: Resource;
  readonly workloadKey: string;
  readonly port: number;
  readonly tls: boolean;
  readonly hosts: readonly { host: string; path: FieldPath }[];
  readonly certificate: string | undefined;
  readonly path: FieldPath;
}

/** The gateway pods a selector picks, as a key; the selector itself when the input shows no such pods. */
function workloadKey(index: MeshIndex, gateway: Resource, selector: Record<string, string>): string {
  const picked = index.workloads
    .filter((w) => selects(selector, w.labels))
    .map((w) => `${w.namespace}/${w.resource.kind}/${w.resource.name}`)
    .sort();
  if (picked.length > 0) return picked.join(",");
  const entries = Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : 1));
  return `selector:${entries.map(([k, v]) => `${k}=${v}`).join(",")}${gateway ? "" : ""}`;
}

function serversOf(index: MeshIndex, gateway: Resource): GatewayServer[] {
  const spec = asObject(gateway.body.spec);
  const key = workloadKey(index, gateway, stringMap(spec?.selector));
  const out: GatewayServer[] = [];
  asArray(spec?.servers).forEach((item, position) => {
    const server = asObject(item);
    const port = asNumber(asObject(server?.port)?.number);
    if (!server || port === undefined) return;
    const protocol = (asString(asObject(server.port)?.protocol) ?? "").toUpperCase();
    const tls = asObject(server.tls);
    const isTls = (protocol === "HTTPS" || protocol === "TLS") && asString(tls?.mode)?.toUpperCase() !== "PASSTHROUGH";
    out.push({
      gateway,
      workloadKey: key,
      port,
      tls: isTls,
      hosts: asArray(server.hosts).flatMap((h, i) =>
        typeof h === "string"
          ? [{ host: h.includes("/") ? (h.split("/").pop() ?? h) : h, path: ["spec", "servers", position, "hosts", i] }]
          : [],
      ),
      certificate: asString(tls?.credentialName) ?? asString(tls?.serverCertificate),
      path: ["spec", "servers", position],
    });
  });
  return out;
}

/** Two Gateways on one workload and port claiming the same TLS host; certificates shared across hosts. */
export const gatewayConflicts = defineAnalyzer({
  name: "gateway.ConflictAnalyzer",
  description: "Gateways on the same workload and port claiming one TLS host, and certificates shared between servers",
  inputs: ["Gateway"],
  emits: ["PD5131", "PD5132"],
  analyze(context) {
    const servers = context.index.ofKind("Gateway").flatMap((gateway) => serversOf(context.index, gateway));
    const claimed: GatewayServer[] = [];
    for (const server of servers) {
      if (!server.tls) continue;
      for (const earlier of claimed) {
        if (
          earlier.gateway === server.gateway ||
          earlier.workloadKey !== server.workloadKey ||
          earlier.port !== server.port
        )
          continue;
        const clash = server.hosts.find((h) => earlier.hosts.some((e) => hostsOverlap(e.host, h.host)));
        if (!clash) continue;
        const other = earlier.hosts.find((e) => hostsOverlap(e.host, clash.host));
        context.report(
          "PD5131",
          server.gateway,
          clash.path,
          { host: clash.host, port: server.port, other: `${earlier.gateway.namespace}/${earlier.gateway.name}` },
          other ? { related: [{ resource: earlier.gateway, path: other.path }] } : {},
        );
        break;
      }
      claimed.push(server);
    }
    const byCertificate = new Map<string, GatewayServer[]>();
    for (const server of servers) {
      if (!server.tls || !server.certificate) continue;
      const key = `${server.workloadKey}|${server.gateway.namespace}|${server.certificate}`;
      const list = byCertificate.get(key) ?? [];
      list.push(server);
      byCertificate.set(key, list);
    }
    for (const list of byCertificate.values()) {
      const second = list.find((s, i) => i > 0 && s.gateway !== list[0]?.gateway);
      const first = list[0];
      if (!second || !first) continue;
      const hosts = [...new Set(list.flatMap((s) => s.hosts.map((h) => h.host)))];
      if (hosts.length < 2) continue;
      context.report(
        "PD5132",
        second.gateway,
        [...second.path, "tls"],
        { certificate: second.certificate ?? "", hosts: hosts.join(", ") },
        { related: [{ resource: first.gateway, path: [...first.path, "tls"] }] },
      );
    }
  },
});
