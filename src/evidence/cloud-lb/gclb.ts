import type { SourceRef } from "../../model/source.ts";
import { jsonRecord, MAX_JSON_LINE } from "../json-line.ts";
import type { Line } from "../lines.ts";
import { type FileReaderFactory, type LineReaderFactory, lineRef, type ReaderContext } from "../reader.ts";
import { type OutcomeEntry, OutcomeTable } from "./outcomes.ts";

/**
 * `statusDetails` values of Google Cloud's Application Load Balancer logs that a pasted count
 * (`uniq -c`) is recognised by: the ones the detectors read, and the common successful ones.
 */
const KNOWN_DETAILS = new Set([
  "response_sent_by_backend",
  "backend_connection_closed_before_data_sent_to_client",
  "backend_connection_closed_after_partial_response_sent",
  "failed_to_pick_backend",
  "failed_to_connect_to_backend",
  "backend_timeout",
  "backend_response_corrupted",
  "backend_response_headers_too_long",
  "headers_too_long",
  "client_disconnected_before_any_response",
  "client_disconnected_after_partial_response",
  "client_timed_out",
  "failed_to_negotiate_alpn",
  "ssl_certificate_san_verification_failed",
  "ssl_certificate_chain_verification_failed",
  "denied_by_security_policy",
  "throttled_by_security_policy",
  "redirected_by_security_policy",
  "direct_response",
  "internal_error",
  "cache_lookup_failed_after_partial_response",
  "websocket_closed",
  "websocket_handshake_failed",
  "request_loop_detected",
  "invalid_request_headers",
]);

const DETAIL = /^[a-z][a-z0-9_]{2,80}$/;
const LB_RESOURCE = /^(?:http_load_balancer|internal_http_lb_rule|l7_lb_rule|external_http_lb_rule)$/;
const LB_PAYLOAD = /LoadBalancerLogEntry$/;
/** `   1234 backend_connection_closed_before_data_sent_to_client`, quoted or not. */
const COUNT_LINE = /^\s*(\d{1,12})\s+"?([a-z][a-z0-9_]{2,80})"?\s*$/;
/** `statusDetails: failed_to_pick_backend` (gcloud's YAML) or `"statusDetails": "…",` (pretty JSON). */
const DETAIL_LINE = /^\s*"?statusDetails"?\s*:\s*["']?([a-z][a-z0-9_]{2,80})["']?,?\s*$/;
const YAML_STATUS = /^\s+status:\s+(\d{3})\s*$/;
/** First characters (after indentation) of the lines above: a count's digit, `statusDetails`, `status`, `"`. */
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_S = 0x73;
const LATENCY = /^(\d{1,9}(?:\.\d{1,9})?)s$/;
/**
 * Longest JSON entry kept from a document, in bytes: the most `jsonRecord` reads (in UTF-16 units,
 * at most three UTF-8 bytes each); longer ones are skipped, not buffered.
 */
const MAX_ENTRY = 3 * MAX_JSON_LINE;

type Fields = Omit<OutcomeEntry, "ref" | "count">;

function object(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A Cloud Logging entry of an Application Load Balancer (`resource.type` http_load_balancer or
 * internal_http_lb_rule, or a `jsonPayload` with `statusDetails`), or the `jsonPayload` alone.
 */
function gclbEntryOf(record: Record<string, unknown>): Fields | undefined {
  const resource = object(record.resource);
  const labels = object(resource?.labels);
  const payload = object(record.jsonPayload) ?? record;
  const detail = text(payload.statusDetails);
  const lbResource = LB_RESOURCE.test(text(resource?.type) ?? "");
  if (!(detail !== undefined && DETAIL.test(detail)) && !lbResource && !LB_PAYLOAD.test(text(payload["@type"]) ?? "")) {
    return undefined;
  }
  const http = object(record.httpRequest);
  const status = Number(http?.status);
  const latency = LATENCY.exec(text(http?.latency) ?? "");
  const lb = text(labels?.forwarding_rule_name) ?? text(labels?.url_map_name);
  const target = text(labels?.backend_service_name) ?? text(labels?.backend_name);
  const time = text(record.timestamp);
  return {
    ...(lb !== undefined ? { lb } : {}),
    ...(Number.isInteger(status) && status >= 100 && status <= 999 ? { status } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(detail !== undefined && DETAIL.test(detail) ? { detail } : {}),
    ...(time !== undefined ? { time } : {}),
    ...(latency ? { seconds: Number(latency[1]) } : {}),
  };
}

/**
 * GCP Application Load Balancer log entries as lines: one JSON entry per line, `uniq -c` counts
 * of `statusDetails` values, and the `statusDetails:` lines of `gcloud logging read` (YAML) or of
 * a pretty-printed entry inside other text, with the status of the YAML entry they belong to.
 */
export const gclbLineReader: LineReaderFactory = {
  format: "gcp-lb-log",
  /**
   * A count names one of the known details; a YAML or pretty-JSON detail line `statusDetails`; a
   * JSON entry one of the three keys tested before it is parsed. A YAML entry's `status:` is remembered until
   * the next `---`, and a detail line without a status may follow it: inBlock while one is held.
   */
  needles: [...KNOWN_DETAILS, "statusDetails", "_lb_rule", "http_load_balancer", YAML_STATUS],
  create(context) {
    const table = new OutcomeTable("gcp");
    let status: number | undefined;
    return {
      inBlock: () => status !== undefined,
      accept(line: Line): boolean {
        const t = line.text;
        if (t.startsWith("---")) status = undefined;
        // Each expression is tried only on lines whose first character it could start with, and
        // the JSON path only on lines with a `{` and one of its keys.
        const body = t.trimStart();
        const first = body.charCodeAt(0);
        if (first >= DIGIT_0 && first <= DIGIT_9) {
          const counted = COUNT_LINE.exec(t);
          if (counted && KNOWN_DETAILS.has(counted[2] as string)) {
            table.add({ detail: counted[2] as string, count: Number(counted[1]), ref: lineRef(context.source, line) });
            return true;
          }
        } else if (first === LOWER_S || first === QUOTE) {
          const yamlStatus = first === LOWER_S && body !== t ? YAML_STATUS.exec(t) : null;
          if (yamlStatus) status = Number(yamlStatus[1]);
          const detailLine = DETAIL_LINE.exec(t);
          if (detailLine) {
            table.add({
              detail: detailLine[1] as string,
              ...(status !== undefined ? { status } : {}),
              count: 1,
              ref: lineRef(context.source, line),
            });
            return true;
          }
        }
        const start = t.indexOf("{");
        if (start < 0) return false;
        if (!t.includes("statusDetails") && !t.includes("_lb_rule") && !t.includes("http_load_balancer")) return false;
        const record = jsonRecord(t.slice(start));
        const fields = record ? gclbEntryOf(record) : undefined;
        if (!fields) return false;
        table.add({
          ...fields,
          count: 1,
          ref: lineRef(context.source, line, fields.time ? { time: fields.time } : {}),
        });
        return true;
      },
      end(): void {
        table.flush(context);
      },
    };
  },
};

const SNIFF_KEYS = ['"statusDetails"', '"http_load_balancer"', '_lb_rule"', "LoadBalancerLogEntry"];

/**
 * A JSON document of GCP load balancer log entries: one pretty-printed entry, an array of them
 * (`gcloud logging read --format=json`), or one entry per line. Entries are cut out of the bytes
 * one at a time, so memory stays bounded whatever the size of the document.
 */
export const gclbJsonReader: FileReaderFactory = {
  format: "gcp-lb-json",
  sniff(head) {
    const text = head.toString("latin1");
    const first = /\S/.exec(text)?.[0];
    return (first === "{" || first === "[") && SNIFF_KEYS.some((key) => text.includes(key));
  },
  async read(chunks, context) {
    const table = new OutcomeTable("gcp");
    const splitter = new EntrySplitter((bytes, line, byte) => {
      const record = jsonRecord(bytes.toString("utf8"));
      const fields = record ? gclbEntryOf(record) : undefined;
      if (!fields) return false;
      table.add({ ...fields, count: 1, ref: entryRef(context, record as Record<string, unknown>, line, byte, fields) });
      return true;
    });
    for await (const chunk of chunks) splitter.push(chunk);
    table.flush(context);
    return { records: splitter.taken, unknown: splitter.skipped };
  },
};

function entryRef(
  context: ReaderContext,
  record: Record<string, unknown>,
  line: number,
  byte: number,
  fields: Fields,
): SourceRef {
  const excerpt = JSON.stringify(record);
  return {
    source: context.source,
    line,
    byte,
    excerpt: excerpt.length > 400 ? `${excerpt.slice(0, 400)}…` : excerpt,
    ...(fields.time ? { time: fields.time } : {}),
  };
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;

/**
 * Cuts the objects at the top of a JSON stream (or at the top of one array) out of its bytes,
 * tracking strings and nesting; an object longer than `MAX_ENTRY` is counted and skipped.
 */
class EntrySplitter {
  taken = 0;
  skipped = 0;
  readonly #onEntry: (bytes: Buffer, line: number, byte: number) => boolean;
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** Nesting level at which entries start: 1 inside a top-level array. */
  #entryDepth = -1;
  #parts: Buffer[] = [];
  #kept = 0;
  #tooLong = false;
  #line = 1;
  #byte = 0;
  #startLine = 0;
  #startByte = 0;

  constructor(onEntry: (bytes: Buffer, line: number, byte: number) => boolean) {
    this.#onEntry = onEntry;
  }

  push(chunk: Buffer): void {
    let from = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (c === LF) this.#line++;
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === BACKSLASH) this.#escaped = true;
        else if (c === QUOTE) this.#inString = false;
        continue;
      }
      if (c === QUOTE) {
        this.#inString = this.#depth > 0;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (this.#entryDepth < 0) this.#entryDepth = c === OPEN_BRACKET ? 1 : 0;
        if (c === OPEN_BRACE && this.#depth === this.#entryDepth) {
          from = i;
          this.#startLine = this.#line;
          this.#startByte = this.#byte + i;
        }
        this.#depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.#depth > 0) this.#depth--;
        if (c === CLOSE_BRACE && this.#depth === this.#entryDepth && (from >= 0 || this.#kept > 0 || this.#tooLong)) {
          this.#keep(chunk.subarray(Math.max(from, 0), i + 1));
          this.#finish();
          from = -1;
        }
        if (this.#depth === 0) this.#entryDepth = -1;
      }
    }
    if (this.#depth > this.#entryDepth && this.#entryDepth >= 0 && (from >= 0 || this.#kept > 0)) {
      this.#keep(chunk.subarray(Math.max(from, 0)));
    }
    this.#byte += chunk.length;
  }

  #keep(piece: Buffer): void {
    if (this.#tooLong) return;
    if (this.#kept + piece.length > MAX_ENTRY) {
      this.#tooLong = true;
      this.#parts = [];
      this.#kept = 0;
      return;
    }
    this.#parts.push(Buffer.from(piece));
    this.#kept += piece.length;
  }

  #finish(): void {
    if (this.#tooLong) this.skipped++;
    else if (this.#onEntry(Buffer.concat(this.#parts, this.#kept), this.#startLine, this.#startByte)) this.taken++;
    else this.skipped++;
    this.#parts = [];
    this.#kept = 0;
    this.#tooLong = false;
  }
}
