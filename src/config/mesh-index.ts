import { asArray, asNumber, asObject, asString, type JsonObject, pushTo, selects, stringMap } from "./access.ts";
import type { FieldPath, Resource } from "./resource.ts";
import { resolveTargetPort, type Workload, workloadOf } from "./workloads.ts";

export const DOMAIN_SUFFIX = "svc.cluster.local";
export const DEFAULT_ROOT_NAMESPACE = "istio-system";
export const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease", "local-path-storage"]);

export interface ServicePort {
  readonly index: number;
  readonly port: number;
  readonly name: string;
  readonly appProtocol: string;
  /** The L4 protocol: TCP, UDP or SCTP. */
  readonly transport: string;
  readonly targetPort: number | string;
}

export interface ServiceInfo {
  readonly resource: Resource;
  readonly fqdn: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
  readonly exportTo: readonly string[];
}

/** The effective mesh settings, with the resource they came from (if any) for pointing at fields. */
export interface MeshSettings {
  readonly resource: Resource | undefined;
  readonly body: JsonObject;
  readonly rootNamespace: string;
  readonly enableAutoMtls: boolean;
  readonly proxyMetadata: Readonly<Record<string, string>>;
}

export type InjectionState =
  | { readonly injected: true }
  | { readonly injected: false; readonly reason: string; readonly path?: FieldPath; readonly resource?: Resource }
  | { readonly injected: "unknown" };

/** Everything the analyzers look up, built once from the loaded resources. */
export class MeshIndex {
  readonly resources: readonly Resource[];
  private readonly byKind = new Map<string, Resource[]>();
  readonly workloads: Workload[] = [];
  readonly services: ServiceInfo[] = [];
  private readonly servicesByFqdn = new Map<string, ServiceInfo>();
  private readonly servicesByNamespace = new Map<string, ServiceInfo[]>();
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  readonly namespaces = new Map<string, Resource>();
  readonly mesh: MeshSettings;
  private readonly rulesByHost = new Map<string, Resource[]>();
  private readonly wildcardRules: Resource[] = [];
  /** Revisions of istiod seen in the input (webhooks, istiod Deployments); empty when none seen. */
  readonly revisions = new Set<string>();

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    for (const resource of resources) {
      pushTo(this.byKind, resource.kind, resource);
      const workload = workloadOf(resource);
      if (workload) {
        this.workloads.push(workload);
        pushTo(this.workloadsByNamespace, workload.namespace, workload);
      }
    }
    for (const resource of this.ofKind("Namespace")) this.namespaces.set(resource.name, resource);
    for (const resource of this.ofKind("Service")) {
      const info = serviceInfo(resource);
      this.services.push(info);
      this.servicesByFqdn.set(info.fqdn, info);
      pushTo(this.servicesByNamespace, resource.namespace, info);
    }
    this.mesh = meshSettings(this.ofKind("MeshConfig")[0]);
    for (const rule of this.ofKind("DestinationRule")) {
      const host = asString(asObject(rule.body.spec)?.host);
      if (!host) continue;
      const fqdn = resolveHost(host, rule.namespace);
      if (fqdn.startsWith("*")) this.wildcardRules.push(rule);
      else pushTo(this.rulesByHost, fqdn, rule);
    }
    this.collectRevisions();
  }

  ofKind(kind: string): readonly Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  workloadsIn(namespace: string): readonly Workload[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  service(fqdn: string): ServiceInfo | undefined {
    return this.servicesByFqdn.get(fqdn);
  }

  /** True when the input shows the namespace's contents, so "nothing matches" can be believed. */
  knowsNamespace(namespace: string): boolean {
    return this.workloadsIn(namespace).length > 0 || this.servicesByNamespace.has(namespace);
  }

  /** DestinationRules whose host (resolved in their own namespace) covers an FQDN, in input order. */
  destinationRulesFor(fqdn: string): Resource[] {
    const exact = this.rulesByHost.get(fqdn) ?? [];
    const wild = this.wildcardRules.filter((rule) =>
      hostMatches(resolveHost(asString(asObject(rule.body.spec)?.host) ?? "", rule.namespace), fqdn),
    );
    return wild.length === 0 ? exact : [...exact, ...wild].sort((a, b) => a.order - b.order);
  }

  /** Workloads a Service (plus extra labels, such as a subset's) selects. */
  selectedWorkloads(service: ServiceInfo, extra: Readonly<Record<string, string>> = {}): Workload[] {
    const selector = { ...service.selector, ...extra };
    return this.workloadsIn(service.resource.namespace).filter((w) =>
      selects(selector, withoutTopology(w.labels, selector)),
    );
  }

  /** Services that select a workload. */
  servicesOf(workload: Workload): ServiceInfo[] {
    return (this.servicesByNamespace.get(workload.namespace) ?? []).filter((s) => selects(s.selector, workload.labels));
  }

  /** Services a host names, seen from a namespace: exact names and wildcards, honouring exportTo. */
  servicesForHost(host: string, fromNamespace: string): ServiceInfo[] {
    const fqdn = resolveHost(host, fromNamespace);
    const exact = this.servicesByFqdn.get(fqdn);
    if (exact) return visible(exact.exportTo, exact.resource.namespace, fromNamespace) ? [exact] : [];
    if (!fqdn.startsWith("*")) return [];
    return this.services.filter(
      (s) => hostMatches(fqdn, s.fqdn) && visible(s.exportTo, s.resource.namespace, fromNamespace),
    );
  }

  /** ServiceEntries whose hosts cover a host, seen from a namespace. */
  serviceEntriesForHost(host: string, fromNamespace: string): Resource[] {
    const fqdn = resolveHost(host, fromNamespace);
    return this.ofKind("ServiceEntry").filter((entry) => {
      const spec = asObject(entry.body.spec);
      const exportTo = asArray(spec?.exportTo).map(String);
      if (!visible(exportTo, entry.namespace, fromNamespace)) return false;
      return asArray(spec?.hosts).some((h) => typeof h === "string" && (hostMatches(h, fqdn) || hostMatches(fqdn, h)));
    });
  }

  /** Whether a workload gets a sidecar, and if not, why. */
  injection(workload: Workload): InjectionState {
    if (!workload.live) return this.injectionPolicy(workload);
    const names = [...asArray(workload.spec.containers), ...asArray(workload.spec.initContainers)].map((c) =>
      asString(asObject(c)?.name),
    );
    if (names.includes("istio-proxy")) return { injected: true };
    const policy = this.injectionPolicy(workload);
    if (policy.injected === false) return policy;
    return {
      injected: false,
      reason:
        "the running pod has no istio-proxy container although injection applies to it (created before the label, or the webhook failed)",
    };
  }

  private injectionPolicy(workload: Workload): InjectionState {
    if (workload.spec.hostNetwork === true) {
      return {
        injected: false,
        reason: "the pod uses hostNetwork",
        path: [...workload.specPath, "hostNetwork"],
        resource: workload.resource,
      };
    }
    if (SYSTEM_NAMESPACES.has(workload.namespace)) {
      return {
        injected: false,
        reason: `${workload.namespace} is a system namespace the injector skips`,
        path: ["metadata", "namespace"],
        resource: workload.resource,
      };
    }
    const label = workload.labels["sidecar.istio.io/inject"];
    if (label === "false") {
      return {
        injected: false,
        reason: "the pod is labelled sidecar.istio.io/inject=false",
        path: [...workload.metadataPath, "labels", "sidecar.istio.io/inject"],
        resource: workload.resource,
      };
    }
    if (label === undefined && workload.annotations["sidecar.istio.io/inject"] === "false") {
      return {
        injected: false,
        reason: "the pod is annotated sidecar.istio.io/inject=false",
        path: [...workload.metadataPath, "annotations", "sidecar.istio.io/inject"],
        resource: workload.resource,
      };
    }
    const podRevision = workload.labels["istio.io/rev"];
    if (podRevision !== undefined)
      return this.revisionState(podRevision, workload.resource, [...workload.metadataPath, "labels", "istio.io/rev"]);
    if (label === "true") return { injected: true };
    const namespace = this.namespaces.get(workload.namespace);
    if (!namespace) return { injected: "unknown" };
    const labels = stringMap(asObject(namespace.body.metadata)?.labels);
    const injection = labels["istio-injection"];
    if (injection === "enabled") return { injected: true };
    if (injection !== undefined) {
      return {
        injected: false,
        reason: `namespace ${workload.namespace} has istio-injection=${injection}`,
        path: ["metadata", "labels", "istio-injection"],
        resource: namespace,
      };
    }
    const revision = labels["istio.io/rev"];
    if (revision !== undefined) return this.revisionState(revision, namespace, ["metadata", "labels", "istio.io/rev"]);
    return {
      injected: false,
      reason: `namespace ${workload.namespace} has neither istio-injection=enabled nor an istio.io/rev label`,
      path: ["metadata"],
      resource: namespace,
    };
  }

  private revisionState(revision: string, resource: Resource, path: FieldPath): InjectionState {
    if (this.revisions.size === 0 || this.revisions.has(revision)) return { injected: true };
    return {
      injected: false,
      reason: `revision "${revision}" is not installed (installed: ${[...this.revisions].join(", ")})`,
      path,
      resource,
    };
  }

  private collectRevisions(): void {
    for (const webhook of this.ofKind("MutatingWebhookConfiguration")) {
      const labels = stringMap(asObject(webhook.body.metadata)?.labels);
      if (!/istio|sidecar-injector/.test(webhook.name)) continue;
      this.revisions.add(
        labels["istio.io/rev"] ??
          webhook.name.match(/^istio-(?:sidecar-injector|revision-tag)-(.+)$/)?.[1] ??
          "default",
      );
    }
    for (const deployment of this.ofKind("Deployment")) {
      const match = deployment.name.match(/^istiod(?:-(.+))?$/);
      if (!match) continue;
      const labels = stringMap(asObject(deployment.body.metadata)?.labels);
      this.revisions.add(labels["istio.io/rev"] ?? match[1] ?? "default");
    }
  }
}

const TOPOLOGY_LABELS = [
  "topology.kubernetes.io/region",
  "topology.kubernetes.io/zone",
  "topology.istio.io/subzone",
  "kubernetes.io/hostname",
];

/** Node topology labels are added by istiod at run time; a subset that uses them can still match. */
function withoutTopology(
  labels: Readonly<Record<string, string>>,
  selector: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  if (!TOPOLOGY_LABELS.some((key) => selector[key] !== undefined)) return labels;
  const out = { ...labels };
  for (const key of TOPOLOGY_LABELS) if (selector[key] !== undefined) out[key] = selector[key];
  return out;
}

function serviceInfo(resource: Resource): ServiceInfo {
  const spec = asObject(resource.body.spec);
  const annotations = stringMap(asObject(resource.body.metadata)?.annotations);
  const exportTo = (annotations["networking.istio.io/exportTo"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ports: ServicePort[] = [];
  asArray(spec?.ports).forEach((item, index) => {
    const port = asObject(item);
    const number = asNumber(port?.port);
    if (!port || number === undefined) return;
    const target = port.targetPort;
    ports.push({
      index,
      port: number,
      name: asString(port.name) ?? "",
      appProtocol: asString(port.appProtocol) ?? "",
      transport: (asString(port.protocol) ?? "TCP").toUpperCase(),
      targetPort: typeof target === "number" || typeof target === "string" ? target : number,
    });
  });
  return {
    resource,
    fqdn: `${resource.name}.${resource.namespace}.${DOMAIN_SUFFIX}`,
    selector: stringMap(spec?.selector),
    ports,
    exportTo,
  };
}

function meshSettings(resource: Resource | undefined): MeshSettings {
  const body = resource?.body ?? {};
  const defaultConfig = asObject(body.defaultConfig);
  return {
    resource,
    body,
    rootNamespace: asString(body.rootNamespace) ?? DEFAULT_ROOT_NAMESPACE,
    enableAutoMtls: body.enableAutoMtls !== false,
    proxyMetadata: stringMap(defaultConfig?.proxyMetadata),
  };
}

/** Istio's short-name rule: a name without a dot is completed with the namespace and the domain suffix. */
export function resolveHost(host: string, namespace: string): string {
  const bare = host.includes("/") ? (host.split("/").pop() ?? host) : host;
  if (bare === "*" || bare.includes(".")) return bare;
  return `${bare}.${namespace}.${DOMAIN_SUFFIX}`;
}

/** `*.example.com` matches `a.example.com` and `a.b.example.com`; `*` matches everything. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host || pattern === "*") return true;
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  if (pattern.startsWith("*")) return host.endsWith(pattern.slice(1));
  return false;
}

/** Two host sets overlap (one host or wildcard covers the other). */
export function hostsOverlap(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a);
}

/** Istio exportTo: empty or `*` is everywhere, `.` the own namespace, `~` nowhere, else the listed namespaces. */
export function visible(exportTo: readonly string[], owner: string, from: string): boolean {
  if (exportTo.length === 0) return true;
  return exportTo.some((entry) => entry === "*" || (entry === "." && owner === from) || entry === from);
}

/** The workloads' container port a Service port reaches. */
export function targetPortOf(port: ServicePort, workload: Workload): number | undefined {
  return resolveTargetPort(workload, port.targetPort);
}
