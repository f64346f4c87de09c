import { asArray, asObject, asString, type JsonObject, stringMap } from "./access.ts";
import type { FieldPath, Resource } from "./resource.ts";

/** A pod or a pod template, with where its parts sit in the resource. */
export interface Workload {
  readonly resource: Resource;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: JsonObject;
  readonly specPath: FieldPath;
  readonly metadataPath: FieldPath;
  /** A live Pod read from a cluster (its containers are what runs, not what will be injected). */
  readonly live: boolean;
}

export const WORKLOAD_KINDS = [
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "Rollout",
  "DeploymentConfig",
] as const;

const TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** The pod template of a workload resource (the Pod itself for a Pod). */
export function workloadOf(resource: Resource): Workload | undefined {
  if (!(WORKLOAD_KINDS as readonly string[]).includes(resource.kind)) return undefined;
  const base: FieldPath = resource.kind === "Pod" ? [] : (TEMPLATE_PATHS[resource.kind] ?? ["spec", "template"]);
  let template: unknown = resource.body;
  for (const step of base) template = asObject(template)?.[step as string];
  const object = asObject(template);
  const spec = asObject(object?.spec);
  if (!object || !spec) return undefined;
  const metadata = asObject(object.metadata);
  return {
    resource,
    namespace: resource.namespace,
    labels: stringMap(metadata?.labels),
    annotations: stringMap(metadata?.annotations),
    spec,
    specPath: [...base, "spec"],
    metadataPath: [...base, "metadata"],
    live: resource.kind === "Pod" && resource.body.status !== undefined,
  };
}

export interface ContainerRef {
  readonly container: JsonObject;
  readonly index: number;
  readonly list: "containers" | "initContainers";
}

export function containersOf(
  workload: Workload,
  lists: readonly ("containers" | "initContainers")[] = ["containers"],
): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of lists) {
    asArray(workload.spec[list]).forEach((item, index) => {
      const container = asObject(item);
      if (container) out.push({ container, index, list });
    });
  }
  return out;
}

/** The container port number behind a Service targetPort (a number, or a container port name). */
export function resolveTargetPort(workload: Workload, targetPort: number | string): number | undefined {
  if (typeof targetPort === "number") return targetPort;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  for (const { container } of containersOf(workload)) {
    for (const port of asArray(container.ports)) {
      const object = asObject(port);
      if (asString(object?.name) === targetPort && typeof object?.containerPort === "number")
        return object.containerPort;
    }
  }
  return undefined;
}
