import type { Finding } from "../model/finding.ts";
import type { Observation } from "../model/observation.ts";
import type { Correlation } from "../model/observations/base.ts";
import type { SourceRef } from "../model/source.ts";

/** A value that ties evidence from two or more inputs to the same incident. */
export interface Join {
  readonly key: keyof Correlation;
  readonly value: string;
  readonly sources: readonly string[];
}

/** Keys strong enough to say two facts are about the same request or upstream. */
const JOIN_KEYS: readonly (keyof Correlation)[] = ["requestId", "upstream", "authority", "pod", "path"];

function refKey(ref: SourceRef): string {
  return `${ref.source}\u0000${ref.line ?? ""}\u0000${ref.packet ?? ""}\u0000${ref.path ?? ""}`;
}

/** Finds, for each piece of evidence, the correlation values of the observation behind it. */
export class CorrelationIndex {
  readonly #byRef = new Map<string, Correlation>();

  constructor(observations: readonly Observation[]) {
    for (const observation of observations) {
      if (observation.correlation) this.#byRef.set(refKey(observation.ref), observation.correlation);
    }
  }

  /** The values that findings from different inputs share, strongest keys first. */
  joins(findings: readonly Finding[]): Join[] {
    const seen = new Map<string, Set<string>>();
    for (const finding of findings) {
      for (const ref of finding.evidence) {
        const values = { ...this.#byRef.get(refKey(ref)), ...valuesFromVars(finding) };
        for (const key of JOIN_KEYS) {
          const value = normalise(key, values[key]);
          if (!value) continue;
          const id = `${key}\u0000${value}`;
          const sources = seen.get(id) ?? new Set<string>();
          sources.add(ref.source);
          seen.set(id, sources);
        }
      }
    }
    const joins: Join[] = [];
    for (const [id, sources] of seen) {
      if (sources.size < 2) continue;
      const [key, value] = id.split("\u0000") as [keyof Correlation, string];
      joins.push({ key, value, sources: [...sources].sort() });
    }
    return joins.sort((a, b) => JOIN_KEYS.indexOf(a.key) - JOIN_KEYS.indexOf(b.key));
  }
}

function valuesFromVars(finding: Finding): Partial<Record<keyof Correlation, string>> {
  const out: Partial<Record<keyof Correlation, string>> = {};
  for (const key of JOIN_KEYS) {
    const value = finding.vars[key];
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

function normalise(key: keyof Correlation, value: string | undefined): string | undefined {
  if (!value || value === "-") return undefined;
  if (key === "authority") return value.toLowerCase().replace(/:(80|443)$/, "");
  if (key === "path") return value.length > 1 ? value.split("?")[0] : undefined;
  return value;
}
