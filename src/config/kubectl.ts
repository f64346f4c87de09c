import { execFile } from "node:child_process";
import type { Json } from "./access.ts";
import { resourcesFromValue } from "./load.ts";
import { NO_POSITIONS, type Resource } from "./resource.ts";

/** The kinds lint reads from a cluster; fully qualified where other APIs use the same short name. */
export const NAMESPACED_KINDS = [
  "services",
  "deployments",
  "statefulsets",
  "daemonsets",
  "replicasets",
  "pods",
  "ingresses.networking.k8s.io",
  "virtualservices.networking.istio.io",
  "destinationrules.networking.istio.io",
  "gateways.networking.istio.io",
  "serviceentries.networking.istio.io",
  "sidecars.networking.istio.io",
  "envoyfilters.networking.istio.io",
  "peerauthentications.security.istio.io",
  "telemetries.telemetry.istio.io",
];
export const CLUSTER_KINDS = ["namespaces", "mutatingwebhookconfigurations"];

export interface ClusterOptions {
  readonly context?: string;
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly kubectl?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

export interface ClusterRead {
  readonly resources: Resource[];
  /** Kinds the cluster does not have (CRDs not installed) or that could not be listed. */
  readonly skipped: string[];
}

const MAX_OUTPUT = 1 << 30;

function run(options: ClusterOptions, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const full = [...(options.context ? ["--context", options.context] : []), ...args];
  return new Promise((resolve) => {
    execFile(
      options.kubectl ?? "kubectl",
      full,
      {
        maxBuffer: MAX_OUTPUT,
        timeout: options.timeoutMs ?? 120_000,
        env: { ...process.env, ...(options.env ?? {}) } as NodeJS.ProcessEnv,
      },
      (error, stdout, stderr) => resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

/** Runs the user's own kubectl (contexts, exec auth and proxies work as for them) and reads what lint needs. */
export async function readCluster(options: ClusterOptions, order: { next: number }): Promise<ClusterRead> {
  const scope = options.allNamespaces ? ["-A"] : options.namespace ? ["-n", options.namespace] : [];
  const requests: { what: string; args: string[] }[] = [
    ...NAMESPACED_KINDS.map((kind) => ({ what: kind, args: ["get", kind, ...scope, "-o", "json"] })),
    ...CLUSTER_KINDS.map((kind) => ({ what: kind, args: ["get", kind, "-o", "json"] })),
    { what: "configmap istio", args: ["get", "configmap", "istio", "-n", "istio-system", "-o", "json"] },
    { what: "api /api/v1", args: ["get", "--raw", "/api/v1"] },
  ];
  if (!options.allNamespaces && options.namespace && options.namespace !== "istio-system") {
    for (const kind of ["peerauthentications.security.istio.io", "sidecars.networking.istio.io"]) {
      requests.push({ what: `${kind} (istio-system)`, args: ["get", kind, "-n", "istio-system", "-o", "json"] });
    }
  }
  const resources: Resource[] = [];
  const skipped: string[] = [];
  const results = await Promise.all(
    requests.map(async (request) => ({ request, result: await run(options, request.args) })),
  );
  const cluster = `cluster://${options.context ?? "current-context"}`;
  for (const { request, result } of results) {
    if (!result.ok) {
      skipped.push(`${request.what}: ${result.stderr.trim().split("\n")[0] ?? "failed"}`);
      continue;
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(result.stdout) as Json;
    } catch {
      skipped.push(`${request.what}: kubectl did not print JSON`);
      continue;
    }
    for (const resource of resourcesFromValue(parsed, cluster, { namespace: options.namespace ?? "default", order })) {
      resources.push(withClusterSource(resource, cluster));
    }
  }
  return { resources, skipped };
}

function withClusterSource(resource: Resource, cluster: string): Resource {
  const where = resource.namespace
    ? `${resource.namespace}/${resource.kind}/${resource.name}`
    : `${resource.kind}/${resource.name}`;
  return { ...resource, source: `${cluster}/${where}`, locator: NO_POSITIONS };
}
