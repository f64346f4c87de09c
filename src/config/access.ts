/** Plain JSON values as the loaders produce them, and tolerant readers over them. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Reads a nested value; any missing step gives undefined. */
export function dig(value: unknown, ...path: readonly (string | number)[]): Json | undefined {
  let current: unknown = value;
  for (const step of path) {
    if (typeof step === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      const object = asObject(current);
      if (!object || !Object.hasOwn(object, step)) return undefined;
      current = object[step];
    }
  }
  return current as Json | undefined;
}

/** A string→string map such as labels; non-string values are rendered as the API server would refuse them. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const object = asObject(value);
  if (!object) return out;
  for (const [key, item] of Object.entries(object)) {
    if (typeof item === "string") out[key] = item;
    else if (typeof item === "number" || typeof item === "boolean") out[key] = String(item);
  }
  return out;
}

/** True when every label of the selector is present with the same value. An empty selector selects nothing here. */
export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  let any = false;
  for (const key in selector) {
    any = true;
    if (labels[key] !== selector[key]) return false;
  }
  return any;
}

/** Parses Go/protobuf durations such as `5s`, `1m30s`, `1.5h`, `300ms`; undefined when malformed. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(match[1]) * (unit[match[2] ?? "s"] ?? 1);
  }
  return total;
}

/** Appends to the list kept under a key, creating it on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
