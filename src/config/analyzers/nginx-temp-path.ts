import { asArray, asObject, asString } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import { nginxSettings } from "../nginx-settings.ts";
import { containersOf } from "../workloads.ts";

const TEMP_DIRECTIVES = new Set([
  "proxy_temp_path",
  "client_body_temp_path",
  "fastcgi_temp_path",
  "uwsgi_temp_path",
  "scgi_temp_path",
]);

interface ReadOnlyMount {
  readonly mountPath: string;
  readonly what: string;
}

/** Mounts in the input that nginx cannot write: readOnly, ConfigMap, Secret, downward API. */
function readOnlyMounts(index: Parameters<typeof nginxSettings>[0]): ReadOnlyMount[] {
  const out: ReadOnlyMount[] = [];
  for (const workload of index.workloads) {
    const kinds = new Map<string, string>();
    for (const item of asArray(workload.spec.volumes)) {
      const volume = asObject(item);
      const name = asString(volume?.name) ?? "";
      for (const kind of ["configMap", "secret", "downwardAPI", "projected"])
        if (volume?.[kind] !== undefined) kinds.set(name, kind);
    }
    for (const { container } of containersOf(workload)) {
      for (const item of asArray(container.volumeMounts)) {
        const mount = asObject(item);
        const mountPath = asString(mount?.mountPath);
        if (!mountPath) continue;
        const kind = kinds.get(asString(mount?.name) ?? "");
        if (mount?.readOnly === true || kind) {
          out.push({
            mountPath: mountPath.replace(/\/+$/, ""),
            what: `a ${kind ?? "readOnly"} mount at ${mountPath} of ${workload.resource.kind} ${workload.namespace}/${workload.resource.name}`,
          });
        }
      }
    }
  }
  return out;
}

/** Temp paths that sit in read-only mounts. */
export const nginxTempPath = defineAnalyzer({
  name: "nginx.TempPathAnalyzer",
  description: "nginx temp paths inside read-only, ConfigMap or Secret mounts",
  inputs: ["NginxConfig"],
  emits: ["PD5213"],
  analyze(context) {
    const mounts = readOnlyMounts(context.index);
    for (const setting of nginxSettings(context.index)) {
      if (!TEMP_DIRECTIVES.has(setting.name)) continue;
      const path = (setting.args[0] ?? "").replace(/\/+$/, "");
      const mount = mounts.find((m) => path === m.mountPath || path.startsWith(`${m.mountPath}/`));
      if (mount)
        context.report("PD5213", setting.resource, setting.path, { directive: setting.name, path, where: mount.what });
    }
  },
});
