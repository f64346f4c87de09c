import type { Observation } from "../model/observation.ts";

const KEYS = ["pod", "namespace", "container", "authority", "upstream", "path", "requestId"] as const;

/**
 * The names the evidence mentions most (pod, namespace, host, upstream…), used to fill the
 * placeholders of next steps and fix snippets.
 */
export function incidentContext(observations: readonly Observation[]): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const observation of observations) {
    const correlation = observation.correlation;
    if (!correlation) continue;
    for (const key of KEYS) {
      const value = correlation[key];
      if (!value) continue;
      let byValue = counts.get(key);
      if (!byValue) {
        byValue = new Map();
        counts.set(key, byValue);
      }
      byValue.set(value, (byValue.get(value) ?? 0) + 1);
    }
  }
  const context: Record<string, string> = {};
  for (const [key, byValue] of counts) {
    let best = "";
    let bestCount = 0;
    for (const [value, count] of byValue) {
      if (count > bestCount) {
        best = value;
        bestCount = count;
      }
    }
    context[key] = best;
  }
  if (context.authority && !context.host) context.host = context.authority;
  if (context.authority && context.path && !context.url) context.url = `https://${context.authority}${context.path}`;
  return context;
}
