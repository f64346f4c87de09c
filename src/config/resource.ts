import type { SourceRef } from "../model/source.ts";
import type { JsonObject } from "./access.ts";

export type FieldPath = readonly (string | number)[];

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Finds where a field sits in its source; undefined when the source has no positions (a cluster object). */
export interface Locator {
  locate(path: FieldPath): Position | undefined;
  /** The text of a 1-based source line. */
  lineText(line: number): string | undefined;
}

/**
 * One configuration object: a Kubernetes resource, or a pseudo-resource for inputs without a kind
 * (Kong Helm values, a mesh config, Envoy admin output, an nginx.conf).
 */
export interface Resource {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly namespace: string;
  readonly body: JsonObject;
  /** The path as the user gave it, `-` for stdin, or `cluster://<context>`. */
  readonly source: string;
  readonly locator: Locator;
  /** Order of appearance across all inputs. */
  readonly order: number;
}

/** Kinds that are not namespaced; their namespace is "". */
export const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleBinding",
  "APIResourceList",
]);

export function pathText(path: FieldPath): string {
  let text = "";
  for (const step of path) {
    if (typeof step === "number") text += `[${step}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(step)) text += text ? `.${step}` : step;
    else text += `["${step}"]`;
  }
  return text;
}

export function resourceId(resource: Resource): string {
  return resource.namespace
    ? `${resource.kind} ${resource.namespace}/${resource.name}`
    : `${resource.kind} ${resource.name}`;
}

/** The evidence reference of a field: file, line and column, the path, and the line quoted. */
export function refAt(resource: Resource, path: FieldPath): SourceRef {
  const position = resource.locator.locate(path);
  const where = pathText(path);
  if (!position) {
    return { source: resource.source, path: where || resourceId(resource) };
  }
  const excerpt = resource.locator.lineText(position.line)?.trim();
  return {
    source: resource.source,
    line: position.line,
    column: position.column,
    ...(where ? { path: where } : {}),
    ...(excerpt ? { excerpt: excerpt.length > 200 ? `${excerpt.slice(0, 200)}…` : excerpt } : {}),
  };
}

export const NO_POSITIONS: Locator = { locate: () => undefined, lineText: () => undefined };

/** A locator for a part of another document: paths are prefixed before the lookup. */
export function prefixedLocator(parent: Locator, prefix: FieldPath): Locator {
  return {
    locate: (path) => parent.locate([...prefix, ...path]),
    lineText: (line) => parent.lineText(line),
  };
}

/** A resource proxydoc makes from input that is not a Kubernetes object (Helm values, Envoy admin output, nginx.conf). */
export function pseudoResource(
  kind: string,
  body: JsonObject,
  source: string,
  locator: Locator,
  options: { order: { next: number } },
  name = source.split("/").pop() ?? source,
  namespace = "",
): Resource {
  return { kind, apiVersion: "proxydoc/v1", name, namespace, body, source, locator, order: options.order.next++ };
}
