import type { FieldLine, LineEnding, RawLine } from "./types.ts";

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;

const TCHAR = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

/** Visible ASCII, space and tab: the field value bytes a strict parser takes without remark. */
const FIELD_VALUE_BYTE = new Uint8Array(256);
FIELD_VALUE_BYTE[HTAB] = 1;
FIELD_VALUE_BYTE.fill(1, 0x20, 0x7f);

/** RFC 9110 §5.6.2 token character. */
export function isTchar(byte: number): boolean {
  return TCHAR[byte] === 1;
}

export function isWhitespace(byte: number | undefined): boolean {
  return byte === SP || byte === HTAB;
}

export function isControl(byte: number): boolean {
  return byte < 0x20 || byte === 0x7f;
}

/** How one byte of a field name breaks the token rule. */
export type NameByteClass = "whitespace" | "control" | "quote-or-non-ascii" | "separator";

export function classifyNameByte(byte: number): NameByteClass | undefined {
  if (isTchar(byte)) return undefined;
  if (isWhitespace(byte)) return "whitespace";
  if (isControl(byte)) return "control";
  if (byte === 0x22 || byte >= 0x80) return "quote-or-non-ascii";
  return "separator";
}

/** How one byte of a field value breaks RFC 9110 §5.5 (`obs-text` is allowed but noted). */
export type ValueByteClass = "nul" | "cr" | "control" | "obs-text";

export function classifyValueByte(byte: number): ValueByteClass | undefined {
  if (byte === 0) return "nul";
  if (byte === CR) return "cr";
  if (byte === HTAB) return undefined;
  if (isControl(byte)) return "control";
  if (byte >= 0x80) return "obs-text";
  return undefined;
}

/** One syntax problem inside a field line, at an absolute offset. */
export interface FieldProblem {
  readonly kind:
    | "name-empty"
    | "no-colon"
    | "name-whitespace"
    | "name-control"
    | "name-quote-or-non-ascii"
    | "name-separator"
    | "value-nul"
    | "value-cr"
    | "value-control"
    | "value-obs-text"
    | "obs-fold"
    | "before-first-field";
  readonly offset: number;
  readonly byte?: number;
  /** RFC 9112 says a recipient must reject (or, for obs-fold, may reject) the message. */
  readonly strict: boolean;
}

const NO_PROBLEMS: readonly FieldProblem[] = Object.freeze([]);
const problemsSeen = new WeakMap<FieldLine, readonly FieldProblem[]>();

/** Every syntax problem of a field line, first byte first; at most one per kind (memoised). */
export function fieldProblems(field: FieldLine): readonly FieldProblem[] {
  if (field instanceof WireField && field.plain) return NO_PROBLEMS;
  let problems = problemsSeen.get(field);
  if (!problems) {
    problems =
      firstStrictProblem(field) || field.continuations.length > 0 || hasHighBytes(field) ? scanField(field) : [];
    problemsSeen.set(field, problems);
  }
  return problems;
}

function hasHighBytes(field: FieldLine): boolean {
  for (const byte of field.line.bytes) if (byte >= 0x80) return true;
  return false;
}

function scanField(field: FieldLine): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const add = (problem: FieldProblem): void => {
    if (seen.has(problem.kind)) return;
    seen.add(problem.kind);
    problems.push(problem);
  };
  const { line } = field;
  if (field.beforeFirstField) add({ kind: "before-first-field", offset: line.offset, strict: true });
  if (field.colon < 0) add({ kind: "no-colon", offset: line.offset, strict: true });
  else if (field.colon === 0) add({ kind: "name-empty", offset: line.offset, strict: true });
  const nameEnd = field.beforeFirstField || field.colon < 0 ? 0 : field.colon;
  for (let i = 0; i < nameEnd; i++) {
    const byte = line.bytes[i] as number;
    const cls = classifyNameByte(byte);
    if (cls) add({ kind: `name-${cls}`, offset: line.offset + i, byte, strict: true });
  }
  const valueLines = field.colon < 0 ? [] : [{ line, from: field.colon + 1 }];
  for (const continuation of field.continuations) valueLines.push({ line: continuation, from: 0 });
  for (const { line: valueLine, from } of valueLines) {
    for (let i = from; i < valueLine.bytes.length; i++) {
      const byte = valueLine.bytes[i] as number;
      const cls = classifyValueByte(byte);
      if (cls) add({ kind: `value-${cls}`, offset: valueLine.offset + i, byte, strict: cls !== "obs-text" });
    }
  }
  const fold = field.continuations[0];
  if (fold) add({ kind: "obs-fold", offset: fold.offset, strict: true });
  return problems.sort((a, b) => a.offset - b.offset);
}

/**
 * The first problem a strict parser stops at in a field line, without allocating: the common
 * case (a clean line) costs one pass over the bytes.
 */
export function firstStrictProblem(field: FieldLine): { offset: number; kind: string } | undefined {
  if (field instanceof WireField && field.strictClean) return undefined;
  const { line } = field;
  if (field.beforeFirstField) return { offset: line.offset, kind: "before-first-field" };
  if (field.colon <= 0) return { offset: line.offset, kind: field.colon < 0 ? "no-colon" : "name-empty" };
  const bytes = line.bytes;
  for (let i = 0; i < field.colon; i++) {
    const cls = classifyNameByte(bytes[i] as number);
    if (cls) return { offset: line.offset + i, kind: `name-${cls}` };
  }
  for (let i = field.colon + 1; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x20 && byte !== 0x7f) continue;
    const cls = classifyValueByte(byte);
    if (cls && cls !== "obs-text") return { offset: line.offset + i, kind: `value-${cls}` };
  }
  const fold = field.continuations[0];
  return fold ? { offset: fold.offset, kind: "obs-fold" } : undefined;
}

/** Latin1 view of bytes: one character per byte, so offsets carry over. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString("latin1", start, end);
}

/** A printable rendering of bytes: printable ASCII as is, everything else as \xNN. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    if (byte === 0x5c) out += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else if (byte === CR) out += "\\r";
    else if (byte === LF) out += "\\n";
    else if (byte === HTAB) out += "\\t";
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return out;
}

const NO_LINES: readonly RawLine[] = Object.freeze([]);

/**
 * A line kept as a view into the bytes it arrived in: `bytes` is cut out of them on first use,
 * so parsing allocates nothing per line that nobody looks at.
 */
export class WireLine implements RawLine {
  readonly offset: number;
  readonly length: number;
  readonly eol: LineEnding;
  private readonly src: Buffer;
  private readonly at: number;
  private readonly kept: number;
  private view: Buffer | undefined;

  constructor(src: Buffer, at: number, kept: number, offset: number, length: number, eol: LineEnding) {
    this.offset = offset;
    this.length = length;
    this.eol = eol;
    this.src = src;
    this.at = at;
    this.kept = kept;
    this.view = undefined;
  }

  get bytes(): Buffer {
    this.view ??= this.src.subarray(this.at, this.at + this.kept);
    return this.view;
  }

  get truncated(): boolean {
    return this.length > this.kept;
  }
}

/** Index of the first LF at or after `from`, or -1. */
export function indexOfLf(data: Uint8Array, from: number): number {
  const size = data.length;
  for (let i = from; i < size; i++) if (data[i] === LF) return i;
  return -1;
}

/** What is known of a field line: told by the parser (where it stands) or read from its bytes. */
export const FIELD_BEFORE_FIRST = 1;
export const FIELD_TRAILER = 2;
/** Name all token characters before a colon, value free of controls (RFC 9110 §5.5, §5.6.2). */
export const FIELD_STRICT_CLEAN = 4;
/** Some byte is 0x80 or above. */
export const FIELD_HIGH_BYTES = 8;
export const FIELD_CONTENT_LENGTH = 16;
export const FIELD_TRANSFER_ENCODING = 32;
const EOL_SHIFT = 6;
const EOLS: readonly LineEnding[] = ["crlf", "lf", "eof"];

interface FieldExtra {
  folds: RawLine[] | undefined;
  line: RawLine | undefined;
  name: string | undefined;
  key: string | undefined;
  value: string | undefined;
}

/**
 * A field line as a view into the bytes it arrived in. Name, key, value and the line's bytes are
 * decoded on first use and then kept; a field nobody reads costs one object.
 */
export class WireField implements FieldLine {
  private readonly src: Buffer;
  private readonly at: number;
  private readonly kept: number;
  private readonly offset: number;
  private readonly length: number;
  readonly colon: number;
  /** FIELD_* bits, the line ending from EOL_SHIFT, the known key from KEY_SHIFT. */
  private flags: number;
  /** What was decoded or added after parsing; absent for most fields, which keeps them small. */
  private extra: FieldExtra | undefined;

  /** A field line src[at, at + kept) (`kept` of its `length` bytes) already read: see `read`. */
  constructor(
    src: Buffer,
    at: number,
    kept: number,
    offset: number,
    length: number,
    eol: LineEnding,
    colon: number,
    flags: number,
  ) {
    this.src = src;
    this.at = at;
    this.kept = kept;
    this.offset = offset;
    this.length = length;
    this.colon = colon;
    this.flags = flags | (EOLS.indexOf(eol) << EOL_SHIFT);
    this.extra = undefined;
  }

  /**
   * Reads the field line src[at, at + kept) in one pass: where the colon is, whether a strict
   * parser would object, whether it names the framing.
   */
  static read(
    src: Buffer,
    at: number,
    kept: number,
    offset: number,
    length: number,
    eol: LineEnding,
    flags: number,
  ): WireField {
    const end = at + kept;
    let i = at;
    let clean = true;
    let high = false;
    while (i < end) {
      const byte = src[i] as number;
      if (TCHAR[byte] === 0) {
        if (byte === 0x3a) break;
        clean = false;
        if (byte >= 0x80) high = true;
      }
      i++;
    }
    const colon = i < end ? i - at : -1;
    if (colon <= 0) clean = false;
    for (i++; i < end; i++) {
      const byte = src[i] as number;
      if (byte < 0x20 ? byte !== HTAB : byte >= 0x7f) {
        if (byte >= 0x80) high = true;
        else clean = false;
      }
    }
    if (clean) flags |= FIELD_STRICT_CLEAN;
    if (high) flags |= FIELD_HIGH_BYTES;
    flags |= framingName(src, at, colon < 0 ? end : at + colon, clean);
    return new WireField(src, at, kept, offset, length, eol, colon, flags);
  }

  private get more(): FieldExtra {
    this.extra ??= { folds: undefined, line: undefined, name: undefined, key: undefined, value: undefined };
    return this.extra;
  }

  get line(): RawLine {
    const more = this.more;
    const eol = EOLS[(this.flags >> EOL_SHIFT) & 3] as LineEnding;
    more.line ??= new WireLine(this.src, this.at, this.kept, this.offset, this.length, eol);
    return more.line;
  }

  get name(): string {
    const more = this.more;
    more.name ??= this.src.toString("latin1", this.at, this.at + (this.colon < 0 ? this.kept : this.colon));
    return more.name;
  }

  get key(): string {
    if (this.flags & FIELD_CONTENT_LENGTH) return "content-length";
    if (this.flags & FIELD_TRANSFER_ENCODING) return "transfer-encoding";
    // A well-known key is remembered as its number in the flags: no string, no extra object.
    let known = this.flags >> KEY_SHIFT;
    if (known === 0) {
      known = knownKeyNumber(this.src, this.at, this.at + (this.colon < 0 ? this.kept : this.colon));
      this.flags |= known << KEY_SHIFT;
    }
    if (known !== UNKNOWN_KEY) return KNOWN_KEY_LIST[known - 1] as string;
    const more = this.more;
    more.key ??= trimmedLatin1(this.src, this.at, this.at + (this.colon < 0 ? this.kept : this.colon)).toLowerCase();
    return more.key;
  }

  get value(): string {
    const more = this.more;
    if (more.value === undefined) {
      let value = this.colon < 0 ? "" : trimmedLatin1(this.src, this.at + this.colon + 1, this.at + this.kept);
      // Trailer folds are kept as lines but, as a strict reader would, not joined into the value.
      if (more.folds && !(this.flags & FIELD_TRAILER)) {
        for (const fold of more.folds) {
          const next = trimmedLatin1(fold.bytes, 0, fold.bytes.length);
          value = value && next ? `${value} ${next}` : value || next;
        }
      }
      more.value = value;
    }
    return more.value;
  }

  get continuations(): readonly RawLine[] {
    return this.extra?.folds ?? NO_LINES;
  }

  get beforeFirstField(): boolean {
    return (this.flags & FIELD_BEFORE_FIRST) !== 0;
  }

  get trailer(): boolean {
    return (this.flags & FIELD_TRAILER) !== 0;
  }

  /** True when a strict parser has nothing to object to in this line. */
  get strictClean(): boolean {
    return (this.flags & (FIELD_STRICT_CLEAN | FIELD_BEFORE_FIRST)) === FIELD_STRICT_CLEAN && !this.extra?.folds;
  }

  /** True when no byte of the line is worth a remark at all, not even obs-text. */
  get plain(): boolean {
    return this.strictClean && !(this.flags & FIELD_HIGH_BYTES);
  }

  /** The value as a number when it is 1 to 15 decimal digits and nothing else but whitespace. */
  get decimalValue(): number | undefined {
    if (this.colon < 0 || this.extra?.folds) return undefined;
    let start = this.at + this.colon + 1;
    let end = this.at + this.kept;
    const { src } = this;
    while (start < end && isWhitespace(src[start])) start++;
    while (end > start && isWhitespace(src[end - 1])) end--;
    if (end === start || end - start > 15) return undefined;
    let value = 0;
    for (let i = start; i < end; i++) {
      const digit = (src[i] as number) - 0x30;
      if (digit < 0 || digit > 9) return undefined;
      value = value * 10 + digit;
    }
    return value;
  }

  get namesContentLength(): boolean {
    return (this.flags & FIELD_CONTENT_LENGTH) !== 0;
  }

  get namesTransferEncoding(): boolean {
    return (this.flags & FIELD_TRANSFER_ENCODING) !== 0;
  }

  addContinuation(line: RawLine): void {
    const more = this.more;
    more.folds ??= [];
    more.folds.push(line);
    more.value = undefined;
  }

  /** Whether the trimmed name equals `lowerKey` (ASCII) ignoring case, without decoding it. */
  static nameIs(src: Uint8Array, start: number, end: number, lowerKey: string): boolean {
    while (start < end && isWhitespace(src[start])) start++;
    while (end > start && isWhitespace(src[end - 1])) end--;
    if (end - start !== lowerKey.length) return false;
    for (let i = 0; i < lowerKey.length; i++) {
      const byte = src[start + i] as number;
      const lower = byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
      if (lower !== lowerKey.charCodeAt(i)) return false;
    }
    return true;
  }
}

/** FIELD_CONTENT_LENGTH or FIELD_TRANSFER_ENCODING when the name src[start, end) is one of them. */
export function framingName(src: Uint8Array, start: number, end: number, tokenOnly: boolean): number {
  const length = end - start;
  // A token-only name has no whitespace to trim: only two lengths can name the framing.
  if (tokenOnly ? length !== 14 && length !== 17 : length < 14) return 0;
  if (WireField.nameIs(src, start, end, "content-length")) return FIELD_CONTENT_LENGTH;
  if (WireField.nameIs(src, start, end, "transfer-encoding")) return FIELD_TRANSFER_ENCODING;
  return 0;
}

/**
 * The common field line, checked in the same pass that finds its end: a token name, a colon,
 * a value of visible characters, spaces and tabs, then CRLF, the CR no further than `limit`.
 * Returns the index of the LF and puts the colon's distance from `from` in `colon[0]`; -1 for
 * any other line, which then takes the careful path.
 */
export function cleanFieldLineEnd(src: Uint8Array, from: number, limit: number, colon: Int32Array): number {
  const end = Math.min(limit, src.length - 1);
  let i = from;
  while (i < end && TCHAR[src[i] as number] === 1) i++;
  if (i === from || i >= end || src[i] !== 0x3a) return -1;
  colon[0] = i - from;
  i++;
  while (i < end && FIELD_VALUE_BYTE[src[i] as number] === 1) i++;
  return i < end && src[i] === CR && src[i + 1] === LF ? i + 1 : -1;
}

function trimmedLatin1(src: Uint8Array, start: number, end: number): string {
  while (start < end && isWhitespace(src[start])) start++;
  while (end > start && isWhitespace(src[end - 1])) end--;
  return latin1(src, start, end);
}

/** Field names common enough that their lookup key is shared instead of built per line. */
const KNOWN_KEY_LIST: readonly string[] = [
  "accept",
  "accept-encoding",
  "accept-language",
  "accept-ranges",
  "access-control-allow-origin",
  "age",
  "alt-svc",
  "authorization",
  "cache-control",
  "connection",
  "content-disposition",
  "content-encoding",
  "content-language",
  "content-location",
  "content-range",
  "content-type",
  "cookie",
  "date",
  "etag",
  "expect",
  "expires",
  "host",
  "keep-alive",
  "last-modified",
  "link",
  "location",
  "proxy-authenticate",
  "proxy-connection",
  "retry-after",
  "server",
  "set-cookie",
  "strict-transport-security",
  "te",
  "trailer",
  "upgrade",
  "user-agent",
  "vary",
  "via",
  "www-authenticate",
  "x-content-type-options",
  "x-envoy-upstream-service-time",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-frame-options",
  "x-request-id",
];
const KNOWN_KEYS = new Map<number, number[]>();
KNOWN_KEY_LIST.forEach((key, i) => {
  const list = KNOWN_KEYS.get(key.length) ?? [];
  list.push(i + 1);
  KNOWN_KEYS.set(key.length, list);
});
/** Flag bits from KEY_SHIFT up: 0 not looked up yet, n the n-th known key, UNKNOWN_KEY none. */
const KEY_SHIFT = 8;
const UNKNOWN_KEY = 63;

/** The number of the known key that the name src[start, end) stands for, or UNKNOWN_KEY. */
function knownKeyNumber(src: Buffer, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && isWhitespace(src[s])) s++;
  while (e > s && isWhitespace(src[e - 1])) e--;
  for (const n of KNOWN_KEYS.get(e - s) ?? []) {
    if (WireField.nameIs(src, s, e, KNOWN_KEY_LIST[n - 1] as string)) return n;
  }
  return UNKNOWN_KEY;
}
