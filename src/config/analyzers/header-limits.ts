import { asArray, asNumber, asObject, asString, type Json } from "../access.ts";
import { defineAnalyzer } from "../analyzer.ts";
import type { FieldPath, Resource } from "../resource.ts";

const LIMITS: Readonly<Record<string, { default: number; min: number; max: number; range: string }>> = {
  max_request_headers_kb: { default: 60, min: 1, max: 8192, range: "1–8192" },
  max_headers_count: { default: 100, min: 1, max: Number.MAX_SAFE_INTEGER, range: "at least 1" },
};
const ALL_HOPS = ["GATEWAY", "SIDECAR_INBOUND", "SIDECAR_OUTBOUND"];

interface LimitSetting {
  readonly filter: Resource;
  readonly setting: string;
  readonly value: number;
  readonly context: string;
  readonly path: FieldPath;
}

function findLimits(
  value: Json | undefined,
  path: FieldPath,
  found: { setting: string; value: number; path: FieldPath }[],
  depth = 0,
): void {
  if (depth > 32 || found.length > 100) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      findLimits(item, [...path, i], found, depth + 1);
    });
    return;
  }
  const object = asObject(value);
  if (!object) return;
  for (const [key, item] of Object.entries(object)) {
    const number = asNumber(asObject(item)?.value ?? item);
    if (LIMITS[key] && number !== undefined) found.push({ setting: key, value: number, path: [...path, key] });
    else findLimits(item, [...path, key], found, depth + 1);
  }
}

function limitSettings(filter: Resource): LimitSetting[] {
  const out: LimitSetting[] = [];
  asArray(asObject(filter.body.spec)?.configPatches).forEach((item, position) => {
    const patch = asObject(item);
    const context = (asString(asObject(patch?.match)?.context) ?? "ANY").toUpperCase();
    const found: { setting: string; value: number; path: FieldPath }[] = [];
    const base: FieldPath = ["spec", "configPatches", position, "patch", "value"];
    findLimits(asObject(patch?.patch)?.value, base, found);
    for (const limit of found) out.push({ filter, context, ...limit });
  });
  return out;
}

/** EnvoyFilters that lower header limits, set them out of range, or raise them for one hop only. */
export const headerLimits = defineAnalyzer({
  name: "envoyfilter.HeaderLimitAnalyzer",
  description:
    "EnvoyFilter max_request_headers_kb / max_headers_count: lowered, out of range, or raised on one hop only",
  inputs: ["EnvoyFilter"],
  emits: ["PD5161", "PD5162", "PD5163"],
  analyze(context) {
    const settings = context.index.ofKind("EnvoyFilter").flatMap(limitSettings);
    for (const limit of settings) {
      const rule = LIMITS[limit.setting];
      if (!rule) continue;
      const vars = { setting: limit.setting, value: limit.value };
      if (limit.value < rule.min || limit.value > rule.max) {
        context.report("PD5162", limit.filter, limit.path, { ...vars, range: rule.range });
      } else if (limit.value < rule.default) {
        context.report("PD5161", limit.filter, limit.path, { ...vars, default: rule.default });
      } else if (limit.value > rule.default && limit.context !== "ANY") {
        const raisedFor = new Set(
          settings.filter((s) => s.setting === limit.setting && s.value > rule.default).map((s) => s.context),
        );
        if (raisedFor.has("ANY") || ALL_HOPS.every((hop) => raisedFor.has(hop))) continue;
        context.report("PD5163", limit.filter, limit.path, { ...vars, context: [...raisedFor].join(", ") });
      }
    }
  },
});
