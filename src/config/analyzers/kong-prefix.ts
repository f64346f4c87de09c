import { asArray, asObject, asString, type JsonObject } from "../access.ts";
import { defineAnalyzer, type LintContext } from "../analyzer.ts";
import type { FieldPath, Resource } from "../resource.ts";
import { containersOf, type Workload } from "../workloads.ts";

const HELM_PREFIX = "/kong_prefix";
const IMAGE_PREFIX = "/usr/local/kong";
const RUNTIME_DIRS = /^(?:[a-z_]+_temp|logs|pids|sockets)$/;

function normalise(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed.replace(/\/{2,}/g, "/");
}

/** Where a path sits relative to the nginx prefix, when that is a problem; undefined when harmless. */
export function placeInPrefix(path: string, prefix: string, allowPrefixItself: boolean): string | undefined {
  const target = normalise(path);
  const root = normalise(prefix);
  if (target === root) return allowPrefixItself ? undefined : `over the nginx prefix ${root} itself`;
  if (!target.startsWith(`${root}/`)) {
    const temp = target.split("/").find((part) => /^[a-z_]+_temp$/.test(part));
    return temp ? `at ${temp}, an nginx temp directory` : undefined;
  }
  const first = target.slice(root.length + 1).split("/")[0] ?? "";
  return RUNTIME_DIRS.test(first) ? `inside ${root}/${first}, where nginx keeps its runtime files` : undefined;
}

/** Where a file path sits: its directory must not be the prefix root or a runtime directory. */
export function filePlaceInPrefix(path: string, prefix: string): string | undefined {
  const directory = normalise(path).split("/").slice(0, -1).join("/") || "/";
  if (directory === normalise(prefix))
    return `directly in the nginx prefix ${normalise(prefix)}, so its mount covers the runtime directories`;
  return placeInPrefix(directory, prefix, true);
}

function checkHelmValues(context: LintContext, values: Resource): void {
  const env = asObject(values.body.env);
  const prefix = asString(env?.prefix) ?? HELM_PREFIX;
  const lists: FieldPath[] = [
    ["extraConfigMaps"],
    ["extraSecrets"],
    ["deployment", "userDefinedVolumeMounts"],
    ["userDefinedVolumeMounts"],
  ];
  for (const list of lists) {
    let items: unknown = values.body;
    for (const step of list) items = asObject(items)?.[step as string];
    asArray(items).forEach((item, position) => {
      const mountPath = asString(asObject(item)?.mountPath);
      if (!mountPath) return;
      const where = placeInPrefix(mountPath, prefix, false);
      if (where) context.report("PD5201", values, [...list, position, "mountPath"], { mountPath, where });
    });
  }
  const template = asString(env?.error_template_html);
  const where = template ? filePlaceInPrefix(template, prefix) : undefined;
  if (template && where) context.report("PD5202", values, ["env", "error_template_html"], { path: template, where });
}

function envValue(container: JsonObject, name: string): { value: string; index: number } | undefined {
  let found: { value: string; index: number } | undefined;
  asArray(container.env).forEach((item, index) => {
    const entry = asObject(item);
    const value = asString(entry?.value);
    if (asString(entry?.name) === name && value !== undefined) found = { value, index };
  });
  return found;
}

function checkWorkload(context: LintContext, workload: Workload): void {
  const resource = workload.resource;
  const emptyDirs = new Set(
    asArray(workload.spec.volumes).flatMap((v) =>
      asObject(v)?.emptyDir !== undefined ? [asString(asObject(v)?.name) ?? ""] : [],
    ),
  );
  for (const { container, index, list } of containersOf(workload, ["containers", "initContainers"])) {
    const declared = envValue(container, "KONG_PREFIX");
    const isKong = declared !== undefined || /kong/i.test(asString(container.image) ?? "");
    if (!isKong || /ingress-controller/i.test(asString(container.image) ?? "")) continue;
    const prefix = declared?.value ?? IMAGE_PREFIX;
    const base: FieldPath = [...workload.specPath, list, index];
    asArray(container.volumeMounts).forEach((item, position) => {
      const mount = asObject(item);
      const mountPath = asString(mount?.mountPath);
      if (!mountPath) return;
      const where = placeInPrefix(mountPath, prefix, emptyDirs.has(asString(mount?.name) ?? ""));
      if (where)
        context.report("PD5201", resource, [...base, "volumeMounts", position, "mountPath"], { mountPath, where });
    });
    const readOnly = asObject(container.securityContext)?.readOnlyRootFilesystem === true;
    const prefixMounted = asArray(container.volumeMounts).some((item) => {
      const mount = asObject(item);
      const at = asString(mount?.mountPath);
      return at !== undefined && normalise(at) === normalise(prefix) && emptyDirs.has(asString(mount?.name) ?? "");
    });
    if (readOnly && !prefixMounted && list === "containers") {
      context.report("PD5203", resource, [...base, "securityContext", "readOnlyRootFilesystem"], {
        container: asString(container.name) ?? String(index),
        prefix,
      });
    }
    const template = envValue(container, "KONG_ERROR_TEMPLATE_HTML");
    const where = template ? filePlaceInPrefix(template.value, prefix) : undefined;
    if (template && where)
      context.report("PD5202", resource, [...base, "env", template.index, "value"], { path: template.value, where });
  }
}

/** Kong: volumes and error templates placed in nginx's runtime directories (seed 000). */
export const kongPrefix = defineAnalyzer({
  name: "kong.PrefixMountAnalyzer",
  description:
    "Kong Helm values and Deployments mounting volumes or error templates into the nginx prefix's runtime directories",
  inputs: ["KongHelmValues", "Deployment", "StatefulSet", "DaemonSet", "Pod"],
  emits: ["PD5201", "PD5202", "PD5203"],
  analyze(context) {
    for (const values of context.index.ofKind("KongHelmValues")) checkHelmValues(context, values);
    for (const workload of context.index.workloads) checkWorkload(context, workload);
  },
});
