import { asArray, asObject, asString, type JsonObject } from "./access.ts";
import { type Locator, pseudoResource, type Resource } from "./resource.ts";
import { lazyLines } from "./yaml-locator.ts";

/** One Envoy cluster as the admin interface lists it. */
export interface EnvoyCluster {
  readonly name: string;
  /** Endpoints listed for it; undefined when the dump does not include endpoints. */
  readonly hosts: number | undefined;
  readonly line: number;
}

const MAX_CLUSTERS = 100_000;
const CLUSTER_LINE = /^([^\s:]+(?:\|[^\s:|]*)*)::([^:]+(?::\d+)?)::/;
const HOST_FIELD = /^(?:\[[0-9a-fA-F:.]+\]|[0-9.]+|[A-Za-z0-9.-]+):\d+$/;

/**
 * Reads Envoy admin output, `/clusters` text or `/config_dump` JSON, into an `EnvoyClusters`
 * pseudo-resource. Returns undefined when the text is neither.
 */
export function parseEnvoyAdmin(text: string, source: string, order: { next: number }): Resource | undefined {
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith("{") && /"configs"\s*:/.test(head) && /envoy\.admin\./.test(text.slice(0, 1 << 20))) {
    return configDump(text, source, order);
  }
  const firstLine = head.split("\n", 1)[0] ?? "";
  if (CLUSTER_LINE.test(firstLine) && firstLine.includes("::")) return clustersText(text, source, order);
  return undefined;
}

function clustersText(text: string, source: string, order: { next: number }): Resource {
  const byName = new Map<string, { hosts: Set<string>; line: number }>();
  const lines = text.split("\n");
  for (let index = 0; index < lines.length && byName.size < MAX_CLUSTERS; index++) {
    const match = CLUSTER_LINE.exec(lines[index] ?? "");
    if (!match?.[1]) continue;
    const name = match[1];
    let entry = byName.get(name);
    if (!entry) {
      entry = { hosts: new Set(), line: index + 1 };
      byName.set(name, entry);
    }
    const field = match[2] ?? "";
    if (HOST_FIELD.test(field) && entry.hosts.size < 10_000) entry.hosts.add(field);
  }
  const clusters: EnvoyCluster[] = [...byName].map(([name, entry]) => ({
    name,
    hosts: entry.hosts.size,
    line: entry.line,
  }));
  return envoyResource(clusters, text, source, order);
}

function configDump(text: string, source: string, order: { next: number }): Resource | undefined {
  let dump: unknown;
  try {
    dump = JSON.parse(text);
  } catch {
    return undefined;
  }
  const names: string[] = [];
  const endpoints = new Map<string, number>();
  for (const config of asArray(asObject(dump)?.configs)) {
    const object = asObject(config);
    const type = asString(object?.["@type"]) ?? "";
    if (type.endsWith("ClustersConfigDump")) {
      for (const list of ["static_clusters", "dynamic_active_clusters", "dynamic_warming_clusters"]) {
        for (const item of asArray(object?.[list])) {
          const name = asString(asObject(asObject(item)?.cluster)?.name);
          if (name && names.length < MAX_CLUSTERS) names.push(name);
        }
      }
    } else if (type.endsWith("EndpointsConfigDump")) {
      for (const list of ["static_endpoint_configs", "dynamic_endpoint_configs"]) {
        for (const item of asArray(object?.[list])) {
          const config = asObject(asObject(item)?.endpoint_config) ?? asObject(item);
          const name = asString(config?.cluster_name);
          if (!name) continue;
          let count = 0;
          for (const locality of asArray(config?.endpoints)) count += asArray(asObject(locality)?.lb_endpoints).length;
          endpoints.set(name, count);
        }
      }
    }
  }
  const lineOf = lineFinder(text);
  const clusters = names.map((name) => ({ name, hosts: endpoints.get(name), line: lineOf(`"${name}"`) }));
  return envoyResource(clusters, text, source, order);
}

function lineFinder(text: string): (needle: string) => number {
  return (needle) => {
    const at = text.indexOf(needle);
    if (at < 0) return 1;
    let line = 1;
    for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) line++;
    return line;
  };
}

function envoyResource(clusters: EnvoyCluster[], text: string, source: string, order: { next: number }): Resource {
  const lineText = lazyLines(text);
  const locator: Locator = {
    lineText,
    locate: (path) => {
      const index = path[0] === "clusters" && typeof path[1] === "number" ? path[1] : -1;
      const line = clusters[index]?.line ?? 1;
      return { line, column: 1 };
    },
  };
  const body: JsonObject = { clusters: clusters.map((c) => ({ name: c.name, hosts: c.hosts ?? null, line: c.line })) };
  return pseudoResource("EnvoyClusters", body, source, locator, { order });
}

/** Envoy's outbound cluster name: `outbound|<port>|<subset>|<fqdn>`. */
export function parseClusterName(name: string): { port: number; subset: string; host: string } | undefined {
  const parts = name.split("|");
  if (parts.length !== 4 || parts[0] !== "outbound") return undefined;
  const port = Number(parts[1]);
  if (!Number.isInteger(port)) return undefined;
  return { port, subset: parts[2] ?? "", host: parts[3] ?? "" };
}
