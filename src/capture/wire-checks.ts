/**
 * Runs the wire layer's HTTP/1 checks over every message head the capture decodes, and turns
 * each defect into a finding that points at the packet the head started in.
 */
import type { Finding } from "../model/finding.ts";
import { analyzeHttp1 } from "../wire/http1/analyze.ts";
import type { WireDefect } from "../wire/http1/checks/define.ts";
import { FIELD_CHECKS } from "../wire/http2/checks/fields.ts";
import type { HeaderBlockContext } from "../wire/http2/checks/finding.ts";
import { PSEUDO_CHECKS } from "../wire/http2/checks/pseudo.ts";
import type { Http1Head, Http2HeaderBlock } from "./types.ts";

const HTTP2_BLOCK_CHECKS = [...FIELD_CHECKS, ...PSEUDO_CHECKS];

/** Heads whose defects are remembered; most captures repeat a few head shapes many times. */
const CACHE_LIMIT = 4096;
const IMF_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;
const CLEAN_TARGET = /^[\x21-\x7e]+$/;

/**
 * The head with the parts that differ between otherwise identical messages (a well-formed
 * Date value, a clean request target) replaced by same-length filler, so defect offsets stay
 * true. A value that is not clean is kept as it is, and so gets checked on its own.
 */
export function headShape(text: string): string {
  const firstEnd = text.indexOf("\n");
  const first = firstEnd < 0 ? text : text.slice(0, firstEnd);
  const parts = first.split(" ");
  let shaped = first;
  if (parts.length === 3 && !first.startsWith("HTTP/") && CLEAN_TARGET.test(parts[1] ?? "")) {
    shaped = `${parts[0]} ${"x".repeat((parts[1] ?? "").length)} ${parts[2]}`;
  }
  return shaped + withDatesMasked(firstEnd < 0 ? "" : text.slice(firstEnd));
}

/** `lines` (each after a "\n") with the value of every Date field that is a well-formed IMF date replaced by filler. */
function withDatesMasked(lines: string): string {
  let masked = "";
  let copied = 0;
  for (let nl = lines.indexOf("\n"); nl >= 0; nl = lines.indexOf("\n", nl + 1)) {
    if (lines.slice(nl + 1, nl + 6).toLowerCase() !== "date:") continue;
    let start = nl + 6;
    while (lines[start] === " " || lines[start] === "\t") start++;
    let end = start;
    while (end < lines.length && lines[end] !== "\r" && lines[end] !== "\n") end++;
    if (!IMF_DATE.test(lines.slice(start, end))) continue;
    masked += lines.slice(copied, start) + "d".repeat(end - start);
    copied = end;
  }
  return copied === 0 ? lines : masked + lines.slice(copied);
}

type BlockShape = Pick<Http2HeaderBlock, "role" | "fields">;

/**
 * HTTP/2 header blocks the block checks found nothing in. Whether they find anything depends on
 * a block's role and fields only (stream, side and packet just go into what a finding says), so
 * a block equal to a clean one is clean too. Blocks are looked up by a cheap hash of their
 * lengths and a few characters, then compared field by field: no key string is built. A bucket
 * is searched from its start, so the hash must tell apart the blocks that follow each other in
 * a long capture: those that differ in a Date value, a second apart.
 */
export class CleanBlocks {
  private readonly buckets = new Map<number, BlockShape[]>();
  private size = 0;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  has(block: BlockShape): boolean {
    const bucket = this.buckets.get(blockHash(block));
    return bucket?.some((known) => sameBlock(known, block)) ?? false;
  }

  add(block: BlockShape): void {
    if (this.size >= this.limit) {
      this.buckets.clear();
      this.size = 0;
    }
    const hash = blockHash(block);
    const bucket = this.buckets.get(hash);
    const copy = { role: block.role, fields: block.fields };
    if (bucket) bucket.push(copy);
    else this.buckets.set(hash, [copy]);
    this.size++;
  }
}

const ROLE_HASH = { request: 1, response: 2, informational: 3, trailers: 4 } as const;

/** Characters at the end of a value that go into its hash: where a clock or a counter changes. */
const HASHED_TAIL = 8;

export function blockHash(block: BlockShape): number {
  let hash = ROLE_HASH[block.role] * 31 + block.fields.length;
  for (const { name, value } of block.fields) {
    hash = Math.imul(hash ^ name.length, 0x01000193);
    hash = Math.imul(hash ^ value.length, 0x01000193);
    hash = Math.imul(hash ^ name.charCodeAt(name.length >> 1), 0x01000193);
    if (value.length > 0) {
      hash = Math.imul(hash ^ value.charCodeAt(0), 0x01000193);
      hash = Math.imul(hash ^ value.charCodeAt(value.length >> 1), 0x01000193);
      for (let i = Math.max(1, value.length - HASHED_TAIL); i < value.length; i++)
        hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
    }
  }
  return hash;
}

function sameBlock(a: BlockShape, b: BlockShape): boolean {
  if (a.role !== b.role || a.fields.length !== b.fields.length) return false;
  for (let i = 0; i < a.fields.length; i++) {
    const x = a.fields[i] as BlockShape["fields"][number];
    const y = b.fields[i] as BlockShape["fields"][number];
    if (x.name !== y.name || x.value !== y.value) return false;
  }
  return true;
}

/** Defect codes that judge a body, which a head alone cannot show. */
const NEEDS_BODY = /body|chunk|length|truncat|incomplete/i;

export interface WireCheckCollector {
  head(head: Http1Head): void;
  /** Runs the HTTP/2 header-block checks (PD3xxx) on one decoded block. */
  block(block: Http2HeaderBlock): void;
  readonly findings: Finding[];
  /** Messages checked. */
  readonly checked: number;
}

/** Findings the wire checks keep in all; later ones are counted as checked, not listed. */
export const DEFAULT_MAX_WIRE_FINDINGS = 2000;

export function collectWireFindings(source: string, maxFindings = DEFAULT_MAX_WIRE_FINDINGS): WireCheckCollector {
  const findings: Finding[] = [];
  const cache = new Map<string, readonly WireDefect[]>();
  const cleanBlocks = new CleanBlocks(CACHE_LIMIT);
  let checked = 0;
  /** Heads seen byte for byte before, by kind and whether the request was HEAD: no shape to work out. */
  const seen = [0, 1, 2, 3].map(() => new Map<string, readonly WireDefect[]>());
  const defectsOf = (head: Http1Head): readonly WireDefect[] => {
    const asHead = head.transaction.method === "HEAD";
    const exact = seen[(head.kind === "request" ? 0 : 2) + (asHead ? 1 : 0)] as Map<string, readonly WireDefect[]>;
    const again = exact.get(head.text);
    if (again) return again;
    if (exact.size >= CACHE_LIMIT) exact.clear();
    const key = `${head.kind} ${asHead ? "H" : "-"} ${headShape(head.text)}`;
    const known = cache.get(key);
    if (known) {
      exact.set(head.text, known);
      return known;
    }
    let defects: readonly WireDefect[] = [];
    try {
      const analysis = analyzeHttp1(head.bytes, {
        expect: head.kind,
        head: asHead,
        partial: true,
      });
      defects = analysis.messages[0]?.defects ?? [];
    } catch {
      defects = [];
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, defects);
    exact.set(head.text, defects);
    return defects;
  };
  return {
    findings,
    get checked() {
      return checked;
    },
    block(block) {
      checked++;
      if (cleanBlocks.has(block)) return;
      let clean = true;
      const context: HeaderBlockContext = {
        role: block.role,
        direction: block.side,
        streamId: block.stream,
        fields: block.fields,
        ref: { source, packet: block.packet, stream: block.stream },
      };
      for (const check of HTTP2_BLOCK_CHECKS) {
        let found: Finding[] = [];
        try {
          found = check(context);
        } catch {
          clean = false;
        }
        for (const finding of found) {
          clean = false;
          if (findings.length >= maxFindings) return;
          findings.push({ ...finding, vars: { ...finding.vars, connection: block.connection, side: block.side } });
        }
      }
      if (!clean) return;
      cleanBlocks.add(block);
    },
    head(head) {
      checked++;
      const defects = defectsOf(head);
      for (const defect of defects) {
        if (findings.length >= maxFindings) return;
        if (defect.offset >= head.bytes.length || NEEDS_BODY.test(String(defect.vars.kind ?? ""))) continue;
        const t = head.transaction;
        findings.push({
          code: defect.code,
          subject: defect.subject,
          vars: {
            ...defect.vars,
            connection: head.connection,
            side: head.side,
            ...(t.path !== undefined ? { path: t.path } : {}),
            ...(t.server !== undefined && head.kind === "response" ? { responseServer: t.server } : {}),
          },
          evidence: [
            {
              source,
              packet: head.packet,
              byte: defect.offset,
              length: defect.length,
              excerpt: head.bytes.toString(
                "latin1",
                lineStart(head.bytes, defect.offset),
                lineEnd(head.bytes, defect.offset),
              ),
            },
          ],
        });
      }
    },
  };
}

function lineStart(bytes: Buffer, offset: number): number {
  return bytes.lastIndexOf(0x0a, Math.max(0, offset - 1)) + 1;
}

function lineEnd(bytes: Buffer, offset: number): number {
  const nl = bytes.indexOf(0x0a, offset);
  return Math.min(nl < 0 ? bytes.length : nl, lineStart(bytes, offset) + 200);
}
