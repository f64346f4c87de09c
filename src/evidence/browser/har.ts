import type { BrowserHarEntry } from "../../model/observations/browser.ts";
import type { ResponderHint } from "../../model/observations/curl.ts";
import type { SourceRef } from "../../model/source.ts";
import { responderOf } from "../curl/responder.ts";
import type { FileReaderFactory, FileReadResult, ReaderContext } from "../reader.ts";
import { canonicalName, urlParts } from "./net-error.ts";

/** Largest HAR read; beyond it the file is counted as unread rather than held in memory. */
export const MAX_HAR_BYTES = 64 * 1024 * 1024;
/** Most entries turned into observations; the rest are only counted. */
const MAX_EMITTED_ENTRIES = 2000;

type Json = Record<string, unknown>;

/** HAR files (browser DevTools "Save all as HAR"): failed entries, errors, cut bodies. */
export const harReader: FileReaderFactory = {
  format: "har",
  sniff(head, name) {
    const start = head
      .subarray(0, 4096)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart();
    if (!start.startsWith("{")) return false;
    if (/\.har$/i.test(name)) return true;
    return /"log"\s*:\s*\{/.test(start) && /"(?:creator|entries|pages)"\s*:/.test(head.toString("utf8"));
  },
  async read(chunks, context) {
    const text = await readCapped(chunks);
    if (text === undefined) return { records: 0, unknown: 1 };
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return { records: 0, unknown: 1 };
    }
    return readHar(document, context);
  },
};

async function readCapped(chunks: AsyncIterable<Buffer>): Promise<string | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of chunks) {
    if (over) continue;
    size += chunk.length;
    if (size > MAX_HAR_BYTES) {
      over = true;
      parts.length = 0;
      continue;
    }
    parts.push(chunk);
  }
  return over ? undefined : Buffer.concat(parts).toString("utf8");
}

/** Turns a parsed HAR document into observations; tolerant of missing or odd fields. */
export function readHar(document: unknown, context: ReaderContext): FileReadResult {
  const log = object(object(document)?.log);
  const entries = Array.isArray(log?.entries) ? (log.entries as unknown[]) : undefined;
  if (!entries) return { records: 0, unknown: 1 };
  const byStatus: Record<string, number> = {};
  let failed = 0;
  let largestComplete: number | undefined;
  let emitted = 0;
  let unknown = 0;
  entries.forEach((raw, index) => {
    const entry = object(raw);
    if (!entry) {
      unknown++;
      return;
    }
    const { facts, requestId } = entryFacts(entry);
    byStatus[String(facts.status)] = (byStatus[String(facts.status)] ?? 0) + 1;
    if (!isNotable(facts)) {
      const size = facts.contentLength ?? facts.bodyBytes;
      if (facts.status >= 200 && facts.status < 300 && size !== undefined) {
        largestComplete = Math.max(largestComplete ?? 0, size);
      }
      return;
    }
    failed++;
    if (emitted >= MAX_EMITTED_ENTRIES) return;
    emitted++;
    const ref: SourceRef = {
      source: context.source,
      path: `log.entries[${index}]`,
      excerpt:
        `${facts.method ?? "GET"} ${facts.url ?? "?"} ${facts.status}${facts.error ? ` ${facts.error}` : ""}`.slice(
          0,
          400,
        ),
      ...(facts.startedDateTime ? { time: facts.startedDateTime } : {}),
    };
    const correlation = { ...urlParts(facts.url), ...(requestId ? { requestId } : {}) };
    const withCorrelation = Object.keys(correlation).length > 0 ? { correlation } : {};
    context.emit({ type: "browser.har-entry", ref, ...facts, ...withCorrelation });
    if (facts.error) {
      const name = facts.error.replace(/^net::/, "");
      context.emit({
        type: "browser.net-error",
        ref,
        name,
        canonical: canonicalName(name),
        ...(facts.method ? { method: facts.method } : {}),
        ...(facts.url ? { url: facts.url } : {}),
        ...(facts.status > 0 ? { status: facts.status } : {}),
        ...(facts.responder ? { responder: facts.responder } : {}),
        from: "har",
        ...withCorrelation,
      });
    }
  });
  context.emit({
    type: "browser.har-summary",
    ref: { source: context.source, path: "log.entries" },
    entries: entries.length,
    failed,
    byStatus,
    ...(largestComplete !== undefined ? { largestComplete } : {}),
  });
  return { records: entries.length - unknown, unknown };
}

const NGINX_ERROR_PAGE = /<center>(?:nginx|openresty)\b/;

type EntryFacts = Omit<BrowserHarEntry, "type" | "ref" | "correlation">;

function entryFacts(entry: Json): { facts: EntryFacts; requestId?: string } {
  const request = object(entry.request);
  const response = object(entry.response);
  const content = object(response?.content);
  const timings = object(entry.timings);
  const headers = headerPairs(response?.headers);
  const contentLength = integer(headers.find(([name]) => name === "content-length")?.[1]);
  const contentEncoding = headers.find(([name]) => name === "content-encoding")?.[1];
  const error = string(response?._error) ?? string(entry._error) ?? string(response?._failureText);
  const bodyBytes = receivedBytes(content, response, contentEncoding);
  const responder: ResponderHint | undefined = responderOf(headers, number(response?.status));
  const requestId = headers.find(([name]) => name === "x-request-id")?.[1];
  const wait = number(timings?.wait);
  const total = number(entry.time);
  const facts = {
    ...optional("method", string(request?.method)),
    ...optional("url", string(request?.url)),
    status: integer(response?.status) ?? 0,
    ...optional("httpVersion", string(response?.httpVersion)),
    ...optional("error", error),
    ...optional("contentLength", contentLength),
    ...optional("bodyBytes", bodyBytes),
    ...optional("contentEncoding", contentEncoding),
    ...optional("waitMs", wait !== undefined && wait >= 0 ? wait : undefined),
    ...optional("totalMs", total !== undefined && total >= 0 ? total : undefined),
    ...optional("responder", responder),
    ...optional("startedDateTime", string(entry.startedDateTime)),
    ...(NGINX_ERROR_PAGE.test(string(content?.text)?.slice(0, 4096) ?? "") ? { nginxErrorPage: true } : {}),
  } as EntryFacts;
  return requestId ? { facts, requestId } : { facts };
}

/** Body bytes as received on the wire: encoded bytes when the response was compressed. */
function receivedBytes(content: Json | undefined, response: Json | undefined, encoding: string | undefined) {
  const bodySize = integer(response?.bodySize);
  if (encoding && encoding !== "identity") return bodySize !== undefined && bodySize >= 0 ? bodySize : undefined;
  const size = integer(content?.size);
  if (size !== undefined && size >= 0) return size;
  return bodySize !== undefined && bodySize >= 0 ? bodySize : undefined;
}

function isNotable(facts: EntryFacts): boolean {
  if (facts.status === 0 || facts.status >= 400 || facts.error) return true;
  return isShortBody(facts);
}

/** True when fewer body bytes arrived than Content-Length announced. */
export function isShortBody(facts: Pick<BrowserHarEntry, "contentLength" | "bodyBytes" | "status">): boolean {
  if (facts.contentLength === undefined || facts.bodyBytes === undefined) return false;
  if (facts.status === 304 || facts.status === 204 || facts.status < 200) return false;
  return facts.bodyBytes > 0 && facts.bodyBytes < facts.contentLength;
}

function headerPairs(value: unknown): [string, string][] {
  if (!Array.isArray(value)) return [];
  const pairs: [string, string][] = [];
  for (const item of value.slice(0, 200)) {
    const header = object(item);
    const name = string(header?.name);
    const headerValue = string(header?.value);
    if (name !== undefined && headerValue !== undefined) pairs.push([name.toLowerCase(), headerValue]);
  }
  return pairs;
}

function object(value: unknown): Json | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

function string(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function number(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

function integer(value: unknown): number | undefined {
  const n = number(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value !== undefined ? { [key]: value } : {}) as { [P in K]?: V };
}
