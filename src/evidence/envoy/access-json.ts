import type { AccessScan } from "./access-text.ts";

/**
 * Reading JSON access-log lines (Istio's JSON encoding and custom `json_format`s). The hot path
 * looks up the few keys the summary needs by searching for `"key":` in the line, in the order the
 * keys appeared in the first record, instead of parsing the whole object. Lines whose keys differ
 * from Istio's are parsed with JSON.parse and read through the aliases below.
 */

/** Canonical field → key names seen in Istio, Envoy examples and custom formats. */
export const JSON_ALIASES = {
  status: ["response_code", "status", "status_code", "code", "responseCode", "resp_code"],
  flags: ["response_flags", "flags", "responseFlags", "resp_flags"],
  details: ["response_code_details", "details", "responseCodeDetails", "resp_code_details"],
  cluster: ["upstream_cluster", "cluster", "upstreamCluster"],
  host: ["upstream_host", "upstreamHost"],
  time: ["start_time", "timestamp", "@timestamp", "time", "startTime"],
  method: ["method", "request_method", "req_method"],
  path: ["path", "request_path", "uri", "req_path"],
  protocol: ["protocol"],
  requestId: ["request_id", "x_request_id", "x-request-id", "requestId", "x_request_id"],
  authority: ["authority", "host", ":authority"],
  duration: ["duration", "duration_ms", "request_duration"],
  upstreamServiceTime: ["upstream_service_time"],
  bytesReceived: ["bytes_received"],
  bytesSent: ["bytes_sent"],
  transportFailure: ["upstream_transport_failure_reason"],
  terminationDetails: ["connection_termination_details"],
} as const;

export type JsonField = keyof typeof JSON_ALIASES;

/** The keys the hot path reads, in the order a learner has seen them. */
const HOT_KEYS = [
  "response_code",
  "response_flags",
  "response_code_details",
  "upstream_cluster",
  "upstream_host",
  "start_time",
];
/** Searched without the opening quote: quotes are everywhere in JSON, key letters less so. */
const HOT_PATTERNS = HOT_KEYS.map((key) => `${key}":`);

/** Where `"key":` starts in `s[from, to)`, or -1. `pattern` is `key":`. */
function findKey(s: string, pattern: string, from: number, to: number): number {
  let at = from;
  for (;;) {
    const i = s.indexOf(pattern, at);
    if (i < 0 || i >= to) return -1;
    if (i > 0 && s.charCodeAt(i - 1) === 0x22) return i - 1;
    at = i + 1;
  }
}

/** Per-source memory of where keys sit, so each line is searched front to back once. */
export class JsonKeyOrder {
  private order: number[] = [0, 1, 2, 3, 4, 5];
  private isLearned = false;

  get learned(): boolean {
    return this.isLearned;
  }

  learn(positions: readonly number[]): void {
    if (this.isLearned) return;
    this.isLearned = true;
    this.order = [0, 1, 2, 3, 4, 5].sort((a, b) => (positions[a] ?? 0) - (positions[b] ?? 0));
  }

  get keys(): readonly number[] {
    return this.order;
  }
}

interface JsonValue {
  text: string | undefined;
  end: number;
}

const value: JsonValue = { text: undefined, end: 0 };

/** Reads the JSON value starting at or after `at`; fills `value`. */
function readValue(s: string, at: number, to: number): void {
  let i = at;
  while (i < to && s.charCodeAt(i) === 0x20) i++;
  const c = s.charCodeAt(i);
  if (c === 0x22) {
    const close = s.indexOf('"', i + 1);
    if (close < 0 || close >= to) {
      value.text = undefined;
      value.end = to;
      return;
    }
    let end = close;
    if (hasBackslash(s, i + 1, close)) {
      end = closingQuote(s, i + 1, to);
      try {
        value.text = JSON.parse(s.slice(i, end + 1)) as string;
      } catch {
        value.text = s.slice(i + 1, end);
      }
    } else {
      value.text = s.slice(i + 1, close);
    }
    value.end = end + 1;
    return;
  }
  let end = i;
  while (end < to) {
    const d = s.charCodeAt(end);
    if (d === 0x2c || d === 0x7d || d === 0x20) break;
    end++;
  }
  const raw = s.slice(i, end);
  value.text = raw === "null" || raw === "" ? undefined : raw;
  value.end = end;
}

function hasBackslash(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 0x5c) return true;
  return false;
}

function closingQuote(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return to;
}

const found: number[] = [0, 0, 0, 0, 0, 0];
const texts: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];

/**
 * Scans one JSON access line in `s[from, to)` (from = the `{`). Returns false when the object
 * is not an access record. `timeText` receives the start time (or undefined).
 */
export function scanJsonAccess(
  s: string,
  from: number,
  to: number,
  order: JsonKeyOrder,
  out: AccessScan,
  time: { text: string | undefined },
): boolean {
  if (s.charCodeAt(from) !== 0x7b) return false;
  let hint = from;
  let hits = 0;
  for (const k of order.keys) {
    const pattern = HOT_PATTERNS[k] as string;
    let at = findKey(s, pattern, hint, to);
    if (at < 0 && hint > from) at = findKey(s, pattern, from, to);
    if (at < 0) {
      found[k] = -1;
      texts[k] = undefined;
      continue;
    }
    readValue(s, at + pattern.length + 1, to);
    found[k] = at;
    texts[k] = value.text;
    hint = value.end;
    hits++;
  }
  if (found[0] === -1) return scanJsonSlow(s, from, to, out, time);
  const statusText = texts[0];
  const status = statusText === undefined ? -1 : statusValue(statusText);
  if (status < 0 || hits < 2) return false;
  order.learn(found);
  out.format = "json";
  out.status = status;
  out.head = `${status} ${texts[1] ?? "-"} ${texts[2] ?? "-"}`;
  out.cluster = texts[3] ?? "-";
  out.host = texts[4] ?? "-";
  out.pair = `${out.host}" ${out.cluster}`;
  out.headStart = -1;
  out.pairStart = -1;
  out.headEnd = -1;
  out.duration = -1;
  time.text = texts[5];
  return true;
}

/** A status code 0–999 written as a JSON number or string, -1 for anything else. */
function statusValue(text: string): number {
  let value = 0;
  let i = 0;
  for (; i < text.length && i < 3; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
  }
  if (i > 0 && i === text.length) return value;
  const parsed = Number(text);
  return Number.isInteger(parsed) && parsed >= 0 && parsed <= 999 ? parsed : -1;
}

/** A parsed JSON record, or undefined when the line is not a JSON object. */
export function parseJsonObject(s: string, from: number, to: number): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(s.slice(from, to));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return undefined;
}

/** The first alias of `field` present in the record, as text. */
export function jsonField(record: Record<string, unknown>, field: JsonField): string | undefined {
  for (const key of JSON_ALIASES[field]) {
    const v = record[key];
    if (v === undefined || v === null) continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  }
  return undefined;
}

/** A record is an access record when it has a status and something only access logs carry. */
export function isAccessRecord(record: Record<string, unknown>): boolean {
  const status = jsonField(record, "status");
  if (status === undefined || !/^\d{1,3}$/.test(status)) return false;
  return (
    jsonField(record, "flags") !== undefined ||
    jsonField(record, "details") !== undefined ||
    jsonField(record, "cluster") !== undefined ||
    jsonField(record, "host") !== undefined ||
    ("bytes_sent" in record && "duration" in record)
  );
}

function scanJsonSlow(
  s: string,
  from: number,
  to: number,
  out: AccessScan,
  time: { text: string | undefined },
): boolean {
  const record = parseJsonObject(s, from, to);
  if (!record || !isAccessRecord(record)) return false;
  const status = Number(jsonField(record, "status"));
  out.format = "json";
  out.status = status;
  out.head = `${status} ${jsonField(record, "flags") ?? "-"} ${jsonField(record, "details") ?? "-"}`;
  out.cluster = jsonField(record, "cluster") ?? "-";
  out.host = jsonField(record, "host") ?? "-";
  out.pair = `${out.host}" ${out.cluster}`;
  out.headStart = -1;
  out.pairStart = -1;
  out.headEnd = -1;
  const duration = Number(jsonField(record, "duration"));
  out.duration = Number.isFinite(duration) ? duration : -1;
  time.text = jsonField(record, "time");
  return true;
}

/** The text of one top-level key's value, found by searching for `"key":`. */
export function readJsonKey(s: string, from: number, to: number, key: string): string | undefined {
  const pattern = `${key}":`;
  const at = findKey(s, pattern, from, to);
  if (at < 0) return undefined;
  readValue(s, at + pattern.length + 1, to);
  return value.text;
}
