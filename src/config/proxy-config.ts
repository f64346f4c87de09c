import { parse } from "yaml";
import { asObject, asString, durationSeconds, type JsonObject } from "./access.ts";
import type { MeshIndex } from "./mesh-index.ts";
import type { FieldPath, Resource } from "./resource.ts";
import type { Workload } from "./workloads.ts";

export const PROXY_CONFIG_ANNOTATION = "proxy.istio.io/config";
export const DEFAULT_DRAIN_SECONDS = 5;

/** The `proxy.istio.io/config` annotation of a workload, parsed; undefined when absent or unreadable. */
export function proxyConfigAnnotation(workload: Workload): JsonObject | undefined {
  const text = workload.annotations[PROXY_CONFIG_ANNOTATION];
  if (text === undefined || text.length > 65536) return undefined;
  try {
    return asObject(parse(text, { version: "1.1", maxAliasCount: 10 }));
  } catch {
    return undefined;
  }
}

export interface ProxySetting<T> {
  readonly value: T;
  readonly resource: Resource | undefined;
  readonly path: FieldPath;
  readonly explicit: boolean;
}

/** A ProxyConfig field for a workload: its annotation wins over the mesh default config. */
export function proxySetting(index: MeshIndex, workload: Workload, field: string): ProxySetting<unknown> | undefined {
  const annotation = proxyConfigAnnotation(workload);
  if (annotation && annotation[field] !== undefined) {
    return {
      value: annotation[field],
      resource: workload.resource,
      path: [...workload.metadataPath, "annotations", PROXY_CONFIG_ANNOTATION],
      explicit: true,
    };
  }
  const fromMesh = asObject(index.mesh.body.defaultConfig)?.[field];
  if (fromMesh !== undefined && index.mesh.resource) {
    return { value: fromMesh, resource: index.mesh.resource, path: ["defaultConfig", field], explicit: true };
  }
  return undefined;
}

export function drainSeconds(index: MeshIndex, workload: Workload): ProxySetting<number> {
  const setting = proxySetting(index, workload, "terminationDrainDuration");
  const seconds = durationSeconds(setting?.value);
  if (setting && seconds !== undefined) return { ...setting, value: seconds };
  return { value: DEFAULT_DRAIN_SECONDS, resource: undefined, path: [], explicit: false };
}

/** A proxy metadata (environment) flag: annotation proxyMetadata, then the mesh's. */
export function proxyMetadataFlag(index: MeshIndex, workload: Workload | undefined, name: string): boolean {
  const fromAnnotation = workload
    ? asString(asObject(proxyConfigAnnotation(workload)?.proxyMetadata)?.[name])
    : undefined;
  const value = fromAnnotation ?? index.mesh.proxyMetadata[name];
  return value?.toLowerCase() === "true";
}
