import { exchangeObservation } from "../../probe/observe.ts";
import type { ProbeResponse, ProbeResult } from "../../probe/result.ts";
import type { FileReaderFactory } from "../reader.ts";
import { readJsonDocument, sniffSchema } from "./json-document.ts";

type Json = Record<string, unknown>;

const ENDS = new Set(["complete", "closed", "reset", "idle-timeout", "total-timeout", "too-large", "error"]);
const PROTOCOLS = new Set(["http/1.1", "h2", "h2c"]);

const obj = (value: unknown): Json | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

function headersOf(value: unknown): [string, string][] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (pair): pair is [string, string] =>
        Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string",
    )
    .slice(0, 500)
    .map(([name, v]) => [name, v]);
}

function responseOf(value: unknown): ProbeResponse | undefined {
  const r = obj(value);
  if (!r) return undefined;
  const status = num(r.status);
  const declared = num(r.declaredLength);
  return {
    ...(status !== undefined ? { status } : {}),
    headers: headersOf(r.headers),
    headerBytes: num(r.headerBytes) ?? 0,
    ...(declared !== undefined ? { declaredLength: declared } : {}),
    bodyBytes: num(r.bodyBytes) ?? 0,
    chunked: r.chunked === true,
    lastChunk: r.lastChunk === true,
    complete: r.complete === true,
  };
}

/** Rebuilds a probe result from saved JSON, keeping only well-typed values. */
export function probeResultOf(value: unknown): ProbeResult | undefined {
  const e = obj(value);
  const url = str(e?.url);
  if (!e || !url || !URL.canParse(url)) return undefined;
  const response = responseOf(e.response);
  const tls = obj(e.tls);
  const chain = Array.isArray(tls?.chain) ? tls.chain.map(obj).filter((c): c is Json => c !== undefined) : [];
  const reset = obj(e.reset);
  const goaway = obj(e.goaway);
  const error = obj(e.error);
  const remote = obj(e.remote);
  const timings = obj(e.timings) ?? {};
  const firstByteMs = num(timings.firstByteMs);
  return {
    url,
    method: str(e.method) ?? "GET",
    protocol: PROTOCOLS.has(str(e.protocol) ?? "") ? (e.protocol as ProbeResult["protocol"]) : "http/1.1",
    ...(Array.isArray(e.alpnOffered)
      ? { alpnOffered: e.alpnOffered.filter((a): a is string => typeof a === "string").slice(0, 10) }
      : {}),
    ...(remote && str(remote.address)
      ? { remote: { address: str(remote.address) as string, port: num(remote.port) ?? 0 } }
      : {}),
    ...(tls
      ? {
          tls: {
            version: str(tls.version) ?? "",
            cipher: str(tls.cipher) ?? "",
            alpn: str(tls.alpn) ?? null,
            authorized: tls.authorized === true,
            hostnameMatches: tls.hostnameMatches !== false,
            chain: chain.map((c) => ({
              subject: str(c.subject) ?? "",
              issuer: str(c.issuer) ?? "",
              validFrom: str(c.validFrom) ?? "",
              validTo: str(c.validTo) ?? "",
              daysLeft: num(c.daysLeft) ?? 0,
              subjectAltNames: [],
            })),
          },
        }
      : {}),
    timings: firstByteMs !== undefined ? { firstByteMs } : {},
    end: ENDS.has(str(e.end) ?? "") ? (e.end as ProbeResult["end"]) : "error",
    ...(error ? { error: { phase: str(error.phase) ?? "exchange", message: str(error.message) ?? "" } } : {}),
    ...(response ? { response } : {}),
    ...(reset ? { reset: { code: str(reset.code) ?? "UNKNOWN", afterBodyBytes: num(reset.afterBodyBytes) ?? 0 } } : {}),
    ...(goaway
      ? {
          goaway: {
            code: str(goaway.code) ?? "UNKNOWN",
            lastStreamId: num(goaway.lastStreamId) ?? 0,
            debug: str(goaway.debug) ?? "",
          },
        }
      : {}),
    bytesSent: num(e.bytesSent) ?? 0,
    bytesReceived: num(e.bytesReceived) ?? 0,
  };
}

/** Reads `proxydoc probe --format json` output back as evidence for `diagnose`. */
export const probeJsonReader: FileReaderFactory = {
  format: "proxydoc-probe",
  sniff: (head) => sniffSchema(head, "proxydoc.probe/v1"),
  async read(chunks, context) {
    const doc = obj(await readJsonDocument(chunks));
    const exchanges = Array.isArray(doc?.exchanges) ? doc.exchanges : [];
    let records = 0;
    for (const value of exchanges.slice(0, 100)) {
      const result = probeResultOf(value);
      if (!result) continue;
      records++;
      context.emit({
        ...exchangeObservation(result, context.source),
        ref: { source: context.source, path: result.url },
      });
    }
    return { records, unknown: exchanges.length - records + (doc ? 0 : 1) };
  },
};
