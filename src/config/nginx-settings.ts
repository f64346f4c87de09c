import { asArray, asObject, asString, stringMap } from "./access.ts";
import type { MeshIndex } from "./mesh-index.ts";
import type { FieldPath, Resource } from "./resource.ts";

/** An nginx setting wherever it is written: an nginx.conf directive, an ingress-nginx ConfigMap key or Ingress annotation. */
export interface NginxSetting {
  readonly resource: Resource;
  readonly path: FieldPath;
  readonly name: string;
  readonly args: readonly string[];
}

const INGRESS_KEYS: Readonly<Record<string, string>> = {
  "proxy-buffer-size": "proxy_buffer_size",
  "enable-underscores-in-headers": "underscores_in_headers",
  "forwarded-for-header": "real_ip_header",
  "nginx.ingress.kubernetes.io/proxy-buffer-size": "proxy_buffer_size",
  "nginx.ingress.kubernetes.io/canary-by-header": "canary_by_header",
};

function isIngressNginxConfigMap(resource: Resource): boolean {
  return resource.kind === "ConfigMap" && /ingress-nginx|nginx-configuration|nginx-ingress/.test(resource.name);
}

export function nginxSettings(index: MeshIndex): NginxSetting[] {
  const out: NginxSetting[] = [];
  for (const config of index.ofKind("NginxConfig")) {
    asArray(config.body.directives).forEach((item, position) => {
      const directive = asObject(item);
      const name = asString(directive?.name);
      if (name)
        out.push({
          resource: config,
          path: ["directives", position],
          name,
          args: asArray(directive?.args).map(String),
        });
    });
  }
  for (const map of index.ofKind("ConfigMap").filter(isIngressNginxConfigMap)) {
    for (const [key, value] of Object.entries(stringMap(map.body.data))) {
      const name = INGRESS_KEYS[key];
      if (name)
        out.push({
          resource: map,
          path: ["data", key],
          name,
          args: [value === "true" ? "on" : value === "false" ? "off" : value],
        });
    }
  }
  for (const ingress of index.ofKind("Ingress")) {
    for (const [key, value] of Object.entries(stringMap(asObject(ingress.body.metadata)?.annotations))) {
      const name = INGRESS_KEYS[key];
      if (name) out.push({ resource: ingress, path: ["metadata", "annotations", key], name, args: [value] });
    }
  }
  return out;
}

/** nginx sizes: `4k`, `8K`, `1m`, plain bytes. */
export function sizeBytes(text: string | undefined): number | undefined {
  const match = text?.trim().match(/^(\d+)([kKmMgG]?)$/);
  if (!match) return undefined;
  const unit = { "": 1, k: 1024, m: 1 << 20, g: 1 << 30 }[(match[2] ?? "").toLowerCase() as "" | "k" | "m" | "g"];
  return Number(match[1]) * unit;
}
