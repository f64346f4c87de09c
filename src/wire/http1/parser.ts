import { CR, firstStrictProblem, isTchar, isWhitespace, LF, latin1 } from "./bytes.ts";
import { parseStartLine } from "./start-line.ts";
import type {
  BodyInfo,
  ChunkInfo,
  FieldLine,
  Framing,
  Http1Message,
  Http1ParseOptions,
  Http1ParseResult,
  ParseEvent,
  ParseEventKind,
  RawLine,
  StartLine,
} from "./types.ts";

type State =
  | "start"
  | "head"
  | "length"
  | "chunk-size"
  | "chunk-data"
  | "chunk-end"
  | "trailers"
  | "close"
  | "unframed"
  | "between"
  | "excess";

interface MutableField {
  line: RawLine;
  colon: number;
  name: string;
  key: string;
  value: string;
  continuations: RawLine[];
  beforeFirstField: boolean;
  trailer: boolean;
}

interface Builder {
  index: number;
  kind: Http1Message["kind"];
  offset: number;
  startLine: StartLine;
  fields: MutableField[];
  fieldCount: number;
  storedHeaderBytes: number;
  headerBytes: number;
  headComplete: boolean;
  framing: Framing;
  declared?: number;
  received: number;
  remaining: number;
  chunks: ChunkInfo[];
  chunkCount: number;
  lastChunk: boolean;
  trailers: MutableField[];
  sample: Buffer[];
  sampleBytes: number;
  events: ParseEvent[];
  sawBareLf: boolean;
}

const MAX_CHUNKS_KEPT = 32;
const MAX_TRAILERS_KEPT = 64;
const SAMPLE_BYTES = 64;
const HTTP_SLASH = Buffer.from("HTTP/");
const EMPTY = Buffer.alloc(0);

/**
 * A tolerant, incremental HTTP/1 parser over raw bytes. It never throws, keeps every field line
 * as sent, frames bodies by RFC 9112 §6, and notes where a strict parser would stop. Feeding
 * the same bytes whole or in any pieces gives the same result; memory is bounded by the caps.
 */
export class Http1Parser {
  private readonly maxLine: number;
  private readonly maxHeaderBytes: number;
  private readonly maxFields: number;
  private readonly maxMessages: number;
  private readonly maxEvents: number;
  private mode: "auto" | "request" | "response";
  private readonly head: boolean;
  private partial: boolean;

  private state: State = "start";
  private pending: Buffer = Buffer.alloc(0);
  private data: Buffer = Buffer.alloc(0);
  private pos = 0;
  private base = 0;
  private ended = false;
  private overflow: { offset: number; prefix: Buffer; length: number; lastByte: number } | undefined;
  private current: Builder | undefined;
  private readonly messages: Http1Message[] = [];
  private messageCount = 0;
  private last: Http1Message | undefined;
  private excess: { offset: number; length: number; sample: Buffer } | undefined;

  constructor(options: Http1ParseOptions = {}) {
    this.maxLine = Math.max(16, options.maxLineBytes ?? 65_536);
    this.maxHeaderBytes = options.maxHeaderBytes ?? 1 << 20;
    this.maxFields = options.maxFields ?? 2000;
    this.maxMessages = options.maxMessages ?? 256;
    this.maxEvents = options.maxEvents ?? 256;
    this.mode = options.expect ?? "auto";
    this.head = options.head ?? false;
    this.partial = options.partial ?? false;
  }

  push(chunk: Uint8Array): void {
    if (this.ended || chunk.length === 0) return;
    // One copy per chunk: lines kept are views into it, so the caller may reuse its buffer.
    const bytes = Buffer.from(chunk);
    this.data = this.pending.length > 0 ? Buffer.concat([this.pending, bytes]) : bytes;
    this.run();
  }

  end(): Http1ParseResult {
    if (!this.ended) {
      this.ended = true;
      this.data = this.pending;
      this.run();
      this.finishAtEof();
      this.flushExcess();
    }
    return { messages: this.messages, messageCount: this.messageCount, bytes: this.base };
  }

  private run(): void {
    this.pos = 0;
    try {
      while (this.step()) {
        // each step consumes bytes or changes state
      }
    } catch {
      // A bug must not take the caller down: what was not parsed becomes excess.
      this.state = "excess";
      this.takeExcess();
    }
    this.base += this.pos;
    this.pending = Buffer.from(this.data.subarray(this.pos));
    this.data = Buffer.alloc(0);
    this.pos = 0;
  }

  private available(): number {
    return this.data.length - this.pos;
  }

  private abs(pos = this.pos): number {
    return this.base + pos;
  }

  /** One unit of work; false when more bytes are needed. */
  private step(): boolean {
    switch (this.state) {
      case "start":
        return this.stepStart();
      case "head":
        return this.stepHead();
      case "length":
        return this.stepLength();
      case "chunk-size":
        return this.stepChunkSize();
      case "chunk-data":
        return this.stepChunkData();
      case "chunk-end":
        return this.stepChunkEnd();
      case "trailers":
        return this.stepTrailers();
      case "close":
      case "unframed":
        return this.stepToEof();
      case "between":
        return this.stepBetween();
      case "excess":
        return this.takeExcess();
    }
  }

  // ---- lines ----------------------------------------------------------------------------

  /** The next complete line, or undefined when more bytes are needed. */
  private readLine(): RawLine | undefined {
    const { data } = this;
    const lf = data.indexOf(LF, this.pos);
    if (this.overflow) {
      const o = this.overflow;
      if (lf === -1) {
        if (this.available() > 0) {
          o.length += this.available();
          o.lastByte = data[data.length - 1] as number;
          this.pos = data.length;
        }
        if (!this.ended) return undefined;
        this.overflow = undefined;
        return { offset: o.offset, bytes: o.prefix, length: o.length, eol: "eof", truncated: true };
      }
      const lastByte = lf > this.pos ? (data[lf - 1] as number) : o.lastByte;
      o.length += lf - this.pos;
      this.pos = lf + 1;
      this.overflow = undefined;
      const crlf = lastByte === CR;
      return {
        offset: o.offset,
        bytes: o.prefix,
        length: o.length - (crlf ? 1 : 0),
        eol: crlf ? "crlf" : "lf",
        truncated: true,
      };
    }
    if (lf === -1) {
      const left = this.available();
      if (left > this.maxLine + 1) {
        this.overflow = {
          offset: this.abs(),
          prefix: Buffer.from(data.subarray(this.pos, this.pos + this.maxLine)),
          length: left,
          lastByte: data[data.length - 1] as number,
        };
        this.pos = data.length;
        return this.ended ? this.readLine() : undefined;
      }
      if (!this.ended || left === 0) return undefined;
      // A CR as the very last byte is the first half of a CRLF cut by the end of the input.
      const end = data[data.length - 1] === CR ? data.length - 1 : data.length;
      const line = this.makeLine(this.pos, end, "eof");
      this.pos = data.length;
      return line;
    }
    const crlf = lf > this.pos && data[lf - 1] === CR;
    const line = this.makeLine(this.pos, crlf ? lf - 1 : lf, crlf ? "crlf" : "lf");
    this.pos = lf + 1;
    return line;
  }

  private makeLine(start: number, end: number, eol: RawLine["eol"]): RawLine {
    const length = end - start;
    const kept = Math.min(length, this.maxLine);
    return {
      offset: this.abs(start),
      bytes: this.data.subarray(start, start + kept),
      length,
      eol,
      truncated: length > kept,
    };
  }

  private lineBytes(line: RawLine): number {
    return line.length + (line.eol === "crlf" ? 2 : line.eol === "lf" ? 1 : 0);
  }

  // ---- start line and head ---------------------------------------------------------------

  private stepStart(): boolean {
    if (this.mode !== "request" && !this.partial && this.available() > 0 && this.data[this.pos] !== 0x48) {
      // Not starting with "H": if this cannot be a request either, it is an HTTP/0.9 reply or garbage.
      const first = this.data[this.pos] as number;
      const mayStartLine = first === CR || first === LF || (this.mode !== "response" && isTchar(first));
      if (!mayStartLine) {
        this.mode = "response";
        this.begin({ kind: "http09" }, "response", this.abs());
        this.enterBody("close");
        return true;
      }
    }
    const line = this.readLine();
    if (!line) return false;
    if (line.length === 0 && !line.truncated) {
      if (line.eol !== "eof") this.pendingLeadingEmpty ??= line;
      return true;
    }
    const parsed = parseStartLine(line, this.mode);
    if (parsed.kind === "status" || parsed.kind === "request") {
      if (this.mode === "auto") this.mode = parsed.kind === "status" ? "response" : "request";
      this.begin(parsed, parsed.kind === "status" ? "response" : "request", line.offset);
      this.noteLineEnding(line);
      this.current!.headerBytes += this.lineBytes(line);
      this.state = "head";
      return true;
    }
    if (this.partial || looksLikeField(line)) {
      // A capture excerpt that starts inside a header section: the first line may be cut short.
      this.partial = true;
      const cut = !looksLikeField(line);
      this.begin(cut ? { kind: "fragment", line } : { kind: "fragment" }, "fragment", line.offset);
      this.current!.headerBytes += this.lineBytes(line);
      this.state = "head";
      if (!cut) this.addField(line, false);
      return true;
    }
    this.mode = "response";
    this.begin({ kind: "http09" }, "response", line.offset);
    this.addBody(line.bytes, this.lineBytes(line));
    this.enterBody("close");
    return true;
  }

  private pendingLeadingEmpty: RawLine | undefined;

  private begin(startLine: StartLine, kind: Http1Message["kind"], offset: number): void {
    const leading = this.pendingLeadingEmpty;
    this.pendingLeadingEmpty = undefined;
    this.current = {
      index: this.messageCount,
      kind,
      offset: leading ? leading.offset : offset,
      startLine,
      fields: [],
      fieldCount: 0,
      storedHeaderBytes: 0,
      headerBytes: 0,
      headComplete: false,
      framing: "none",
      received: 0,
      remaining: 0,
      chunks: [],
      chunkCount: 0,
      lastChunk: false,
      trailers: [],
      sample: [],
      sampleBytes: 0,
      events: [],
      sawBareLf: false,
    };
    if (leading) this.event("leading-empty-line", leading.offset, this.lineBytes(leading), kind === "response");
  }

  private stepHead(): boolean {
    const line = this.readLine();
    if (!line) return false;
    const msg = this.current!;
    msg.headerBytes += this.lineBytes(line);
    this.noteLineEnding(line);
    if (line.length === 0 && line.eol !== "eof") {
      msg.headComplete = true;
      this.enterBody(this.framingOf(msg));
      return true;
    }
    // A last line cut by the end of the input is not a field line; eof-in-head reports the cut.
    if (line.length === 0 || line.eol === "eof") return true;
    if (isWhitespace(line.bytes[0])) {
      const previous = msg.fields[msg.fields.length - 1];
      if (msg.fieldCount === 0 && msg.kind !== "fragment") this.addField(line, true);
      else if (previous && previous.continuations.length < 64) this.continueField(previous, line);
      return true;
    }
    this.addField(line, false);
    return true;
  }

  private addField(line: RawLine, beforeFirstField: boolean): void {
    const msg = this.current!;
    msg.fieldCount++;
    if (msg.fields.length >= this.maxFields || msg.storedHeaderBytes + line.bytes.length > this.maxHeaderBytes) return;
    msg.storedHeaderBytes += line.bytes.length;
    msg.fields.push(makeField(line, beforeFirstField, false));
  }

  private continueField(field: MutableField, line: RawLine): void {
    const msg = this.current!;
    if (msg.storedHeaderBytes + line.bytes.length > this.maxHeaderBytes) return;
    msg.storedHeaderBytes += line.bytes.length;
    field.continuations.push(line);
    const more = trimWhitespace(latin1(line.bytes));
    field.value = field.value && more ? `${field.value} ${more}` : field.value || more;
  }

  private noteLineEnding(line: RawLine): void {
    const msg = this.current;
    if (!msg || line.eol !== "lf" || msg.sawBareLf) return;
    msg.sawBareLf = true;
    this.event("bare-lf", line.offset + line.length, 1, false);
  }

  // ---- framing --------------------------------------------------------------------------

  private framingOf(msg: Builder): Framing {
    const { startLine } = msg;
    if (msg.kind === "response") {
      const status = startLine.status;
      if (startLine.kind === "http09") return "close";
      if (status !== undefined && status >= 100 && status < 200) return status === 101 ? "tunnel" : "none";
      if (status === 204 || status === 304 || this.head) return "none";
    }
    const codings = transferCodings(msg.fields);
    if (codings.length > 0) {
      if (codings[codings.length - 1] === "chunked") return "chunked";
      return msg.kind === "request" ? "close" : "close";
    }
    const length = contentLengthOf(msg.fields);
    if (length !== undefined) {
      msg.declared = length;
      return "content-length";
    }
    if (hasField(msg.fields, "content-length")) return msg.kind === "request" ? "none" : "close";
    return msg.kind === "request" ? "none" : "close";
  }

  private enterBody(framing: Framing): void {
    const msg = this.current!;
    msg.framing = framing;
    switch (framing) {
      case "none":
        this.complete();
        return;
      case "content-length":
        msg.remaining = msg.declared ?? 0;
        if (msg.remaining === 0) this.complete();
        else this.state = "length";
        return;
      case "chunked":
        this.state = "chunk-size";
        return;
      default:
        this.state = "close";
    }
  }

  private addBody(bytes: Uint8Array, count: number): void {
    const msg = this.current!;
    msg.received += count;
    if (msg.sampleBytes < SAMPLE_BYTES && bytes.length > 0) {
      const piece = Buffer.from(bytes.subarray(0, SAMPLE_BYTES - msg.sampleBytes));
      // (a copy: the sample must not keep a large body chunk alive)
      msg.sample.push(piece);
      msg.sampleBytes += piece.length;
    }
  }

  private consumeBody(max: number): number {
    const n = Math.min(max, this.available());
    if (n > 0) this.addBody(this.data.subarray(this.pos, this.pos + n), n);
    this.pos += n;
    return n;
  }

  private stepLength(): boolean {
    const msg = this.current!;
    const n = this.consumeBody(msg.remaining);
    msg.remaining -= n;
    if (msg.remaining === 0) {
      this.complete();
      return true;
    }
    return false;
  }

  private stepToEof(): boolean {
    this.consumeBody(this.available());
    return false;
  }

  private stepChunkSize(): boolean {
    const line = this.readLine();
    if (!line) return false;
    const msg = this.current!;
    this.noteLineEnding(line);
    const text = latin1(line.bytes);
    const match = /^([0-9A-Fa-f]+)([ \t]*)(;.*)?$/s.exec(text);
    if (!match || line.truncated || (match[1] as string).length > 13) {
      this.event("chunk-size-invalid", line.offset, Math.max(1, line.length), true, text.slice(0, 40));
      this.state = "unframed";
      return true;
    }
    const sizeText = match[1] as string;
    if (match[2] && !match[3]) this.event("chunk-size-space", line.offset + sizeText.length, match[2].length, true);
    if (match[3]) this.event("chunk-extension", line.offset + text.indexOf(";"), match[3].length, false);
    const size = Number.parseInt(sizeText, 16);
    msg.chunkCount++;
    if (msg.chunks.length < MAX_CHUNKS_KEPT) msg.chunks.push({ offset: line.offset, size, sizeText });
    if (size === 0) {
      msg.lastChunk = true;
      this.state = "trailers";
    } else {
      msg.remaining = size;
      this.state = "chunk-data";
    }
    return true;
  }

  private stepChunkData(): boolean {
    const msg = this.current!;
    msg.remaining -= this.consumeBody(msg.remaining);
    if (msg.remaining > 0) return false;
    this.state = "chunk-end";
    return true;
  }

  private stepChunkEnd(): boolean {
    const first = this.data[this.pos];
    if (first === undefined) return false;
    if (first === LF) {
      this.noteLineEnding({ offset: this.abs(), bytes: Buffer.alloc(0), length: 0, eol: "lf", truncated: false });
      this.pos++;
      this.state = "chunk-size";
      return true;
    }
    if (first === CR) {
      const second = this.data[this.pos + 1];
      if (second === undefined && !this.ended) return false;
      if (second === LF) {
        this.pos += 2;
        this.state = "chunk-size";
        return true;
      }
    }
    // The chunk size did not match the data: framing is lost from here, as for a strict parser.
    this.event("chunk-crlf-missing", this.abs(), 1, true);
    this.state = "unframed";
    return true;
  }

  private stepTrailers(): boolean {
    const line = this.readLine();
    if (!line) return false;
    const msg = this.current!;
    this.noteLineEnding(line);
    if (line.length === 0 && line.eol !== "eof") {
      this.complete();
      return true;
    }
    if (line.length === 0) return true;
    const previous = msg.trailers[msg.trailers.length - 1];
    if (isWhitespace(line.bytes[0]) && previous) previous.continuations.push(line);
    else if (msg.trailers.length < MAX_TRAILERS_KEPT) msg.trailers.push(makeField(line, false, true));
    return true;
  }

  // ---- message boundaries ----------------------------------------------------------------

  private stepBetween(): boolean {
    const left = this.available();
    if (left === 0) return false;
    if (this.mode === "response") {
      const n = Math.min(left, HTTP_SLASH.length);
      const prefixMatches = this.data.compare(HTTP_SLASH, 0, n, this.pos, this.pos + n) === 0;
      if (prefixMatches && n < HTTP_SLASH.length && !this.ended) return false;
      if (prefixMatches && n === HTTP_SLASH.length) {
        this.state = "start";
        return true;
      }
    } else {
      const first = this.data[this.pos] as number;
      if (isTchar(first) || first === CR || first === LF) {
        this.state = "start";
        return true;
      }
    }
    this.state = "excess";
    return true;
  }

  private takeExcess(): boolean {
    const left = this.available();
    if (left === 0) return false;
    if (!this.excess) this.excess = { offset: this.abs(), length: 0, sample: Buffer.alloc(0) };
    if (this.excess.sample.length < SAMPLE_BYTES) {
      const take = this.data.subarray(this.pos, this.pos + SAMPLE_BYTES - this.excess.sample.length);
      this.excess.sample = Buffer.concat([this.excess.sample, take]);
    }
    this.excess.length += left;
    this.pos += left;
    return false;
  }

  private flushExcess(): void {
    if (!this.excess) return;
    const target = this.last;
    if (target && this.messages[this.messages.length - 1] === target) {
      const events = [...target.events];
      if (events.length < this.maxEvents) {
        events.push({ kind: "excess-data", offset: this.excess.offset, length: this.excess.length, strict: true });
      }
      const updated: Http1Message = { ...target, excess: this.excess, events };
      this.messages[this.messages.length - 1] = withStrictStop(updated);
    }
  }

  private complete(): void {
    const msg = this.current!;
    this.state = "between";
    this.finish(msg, true);
  }

  private finishAtEof(): void {
    const msg = this.current;
    if (!msg) return;
    switch (this.state) {
      case "head":
        this.event("eof-in-head", this.abs(), 0, true);
        this.finish(msg, false);
        return;
      case "length":
        this.event("body-short", this.abs(), 0, true, String(msg.remaining));
        this.finish(msg, false);
        return;
      case "chunk-size":
      case "chunk-data":
      case "chunk-end":
      case "trailers":
        this.event("chunked-incomplete", this.abs(), 0, true);
        this.finish(msg, false);
        return;
      case "close":
        this.finish(msg, true);
        return;
      case "unframed":
        this.finish(msg, false);
        return;
      default:
    }
  }

  private finish(msg: Builder, complete: boolean): void {
    this.current = undefined;
    this.messageCount++;
    const sample =
      msg.sample.length === 0 ? EMPTY : msg.sample.length === 1 ? msg.sample[0]! : Buffer.concat(msg.sample);
    const body: BodyInfo = {
      ...(msg.declared !== undefined ? { declared: msg.declared } : {}),
      received: msg.received,
      complete,
      chunks: msg.chunks,
      chunkCount: msg.chunkCount,
      lastChunk: msg.lastChunk,
      trailers: msg.trailers,
      sample,
    };
    const message: Http1Message = withStrictStop({
      index: msg.index,
      kind: msg.kind,
      offset: msg.offset,
      end: this.abs(),
      startLine: msg.startLine,
      fields: msg.fields,
      fieldCount: msg.fieldCount,
      headerBytes: msg.headerBytes,
      headComplete: msg.headComplete,
      framing: msg.framing,
      body,
      events: msg.events,
    });
    this.last = undefined;
    if (this.messages.length < this.maxMessages) {
      this.messages.push(message);
      this.last = message;
    }
  }

  private event(kind: ParseEventKind, offset: number, length: number, strict: boolean, detail?: string): void {
    const msg = this.current;
    if (!msg || msg.events.length >= this.maxEvents) return;
    msg.events.push({ kind, offset, length, strict, ...(detail !== undefined ? { detail } : {}) });
  }
}

function makeField(line: RawLine, beforeFirstField: boolean, trailer: boolean): MutableField {
  const colon = line.bytes.indexOf(0x3a);
  const name = latin1(line.bytes, 0, colon < 0 ? line.bytes.length : colon);
  const value = colon < 0 ? "" : trimWhitespace(latin1(line.bytes, colon + 1));
  return {
    line,
    colon,
    name,
    key: trimWhitespace(name).toLowerCase(),
    value,
    continuations: [],
    beforeFirstField,
    trailer,
  };
}

function looksLikeField(line: RawLine): boolean {
  const colon = line.bytes.indexOf(0x3a);
  if (colon <= 0) return false;
  for (let i = 0; i < colon; i++) {
    const byte = line.bytes[i] as number;
    if (!isTchar(byte) && !isWhitespace(byte)) return false;
  }
  return true;
}

export function trimWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

export function hasField(fields: readonly FieldLine[], key: string): boolean {
  return fields.some((field) => field.key === key);
}

export function fieldsNamed(fields: readonly FieldLine[], key: string): FieldLine[] {
  return fields.filter((field) => field.key === key);
}

/** The transfer codings of every Transfer-Encoding line, in order, lower-cased. */
export function transferCodings(fields: readonly FieldLine[]): string[] {
  const codings: string[] = [];
  for (const field of fieldsNamed(fields, "transfer-encoding")) {
    for (const part of field.value.split(",")) {
      const coding = trimWhitespace(part.split(";")[0] ?? "").toLowerCase();
      if (coding) codings.push(coding);
    }
  }
  return codings;
}

/** Every Content-Length value, each comma-separated member on its own. */
export function contentLengthValues(fields: readonly FieldLine[]): string[] {
  return fieldsNamed(fields, "content-length").flatMap((field) => field.value.split(",").map(trimWhitespace));
}

/** The length to frame by: the first valid value (conflicts are a defect of their own). */
export function contentLengthOf(fields: readonly FieldLine[]): number | undefined {
  for (const value of contentLengthValues(fields)) {
    if (/^\d{1,15}$/.test(value)) return Number(value);
  }
  return undefined;
}

function withStrictStop(message: Http1Message): Http1Message {
  let first: { offset: number; reason: string } | undefined;
  const consider = (offset: number, reason: string): void => {
    if (!first || offset < first.offset) first = { offset, reason };
  };
  if (message.startLine.kind === "http09") consider(message.offset, "no-status-line");
  if (message.startLine.problem && message.startLine.line) {
    consider(message.startLine.line.offset, message.startLine.problem);
  }
  for (const field of message.fields) {
    const problem = firstStrictProblem(field);
    if (problem) consider(problem.offset, problem.kind);
  }
  for (const field of message.body.trailers) {
    const problem = firstStrictProblem(field);
    if (problem) consider(problem.offset, problem.kind);
  }
  const framing = framingConflict(message);
  if (framing) consider(framing.offset, framing.reason);
  for (const event of message.events) if (event.strict) consider(event.offset, event.kind);
  if (first) return { ...message, strictStop: first };
  if (message.strictStop === undefined) return message;
  const { strictStop: _, ...rest } = message;
  return rest;
}

function framingConflict(message: Http1Message): { offset: number; reason: string } | undefined {
  const te = fieldsNamed(message.fields, "transfer-encoding");
  const cl = fieldsNamed(message.fields, "content-length");
  if (te.length > 0 && cl.length > 0) {
    const later = te[0]!.line.offset > cl[0]!.line.offset ? te[0]! : cl[0]!;
    return { offset: later.line.offset, reason: "content-length-with-transfer-encoding" };
  }
  const values = contentLengthValues(message.fields);
  if (values.length > 1) return { offset: cl[cl.length > 1 ? 1 : 0]!.line.offset, reason: "repeated-content-length" };
  if (values.some((v) => !/^\d+$/.test(v))) return { offset: cl[0]!.line.offset, reason: "invalid-content-length" };
  return undefined;
}

/** Parses a whole byte string. */
export function parseHttp1(bytes: Uint8Array, options: Http1ParseOptions = {}): Http1ParseResult {
  const parser = new Http1Parser(options);
  parser.push(bytes);
  return parser.end();
}
