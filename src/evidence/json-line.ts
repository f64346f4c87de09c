/** Longest log line read as a JSON record; longer ones are not structured log records. */
export const MAX_JSON_LINE = 65536;

/** A log line that is one JSON object (zap, logrus, Istio's JSON output), or undefined. */
export function jsonRecord(text: string): Record<string, unknown> | undefined {
  if (text.length > MAX_JSON_LINE) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
