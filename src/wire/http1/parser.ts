import {
  CR as CR_BYTE,
  cleanFieldLineEnd,
  FIELD_BEFORE_FIRST,
  FIELD_STRICT_CLEAN,
  FIELD_TRAILER,
  firstStrictProblem,
  framingName,
  indexOfLf,
  isTchar,
  isWhitespace,
  LF as LF_BYTE,
  latin1,
  WireField,
  WireLine,
} from "./bytes.ts";
import { parseStartLine } from "./start-line.ts";
import type {
  BodyInfo,
  ChunkInfo,
  FieldLine,
  Framing,
  Http1Message,
  Http1ParseOptions,
  Http1ParseResult,
  LineEnding,
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

interface Builder {
  index: number;
  kind: Http1Message["kind"];
  offset: number;
  startLine: StartLine;
  fields: WireField[];
  /** Kept fields named Content-Length / Transfer-Encoding, in order: framing reads only these. */
  contentLengths: WireField[] | undefined;
  transferEncodings: WireField[] | undefined;
  fieldCount: number;
  storedHeaderBytes: number;
  headerBytes: number;
  headComplete: boolean;
  framing: Framing;
  declared?: number;
  received: number;
  remaining: number;
  chunks: ChunkInfo[] | undefined;
  chunkCount: number;
  lastChunk: boolean;
  trailers: WireField[] | undefined;
  sample: Buffer[] | undefined;
  sampleBytes: number;
  events: ParseEvent[] | undefined;
  sawBareLf: boolean;
}

// Code run per line reads these through local bindings: some module loaders (tsx) turn every
// read of an imported binding into an accessor call.
const findLf = indexOfLf;
const cleanFieldEnd = cleanFieldLineEnd;
const nameOfFraming = framingName;
const CLEAN = FIELD_STRICT_CLEAN;
const colonAt = new Int32Array(1);
const CR = CR_BYTE;
const LF = LF_BYTE;
const FieldView = WireField;

const MAX_CHUNKS_KEPT = 32;
const MAX_TRAILERS_KEPT = 64;
const SAMPLE_BYTES = 64;
const HTTP_SLASH = Buffer.from("HTTP/");
const EMPTY = Buffer.alloc(0);
const NONE: readonly never[] = Object.freeze([]);

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
  private pendingLeadingEmpty: { offset: number; bytes: number } | undefined;

  // The line readLine found last: bytes lineSrc[lineAt, lineAt + lineKept), nothing allocated.
  private lineSrc: Buffer = EMPTY;
  private lineAt = 0;
  private lineKept = 0;
  private lineOffset = 0;
  private lineLength = 0;
  private lineEol: LineEnding = "eof";

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
    this.data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
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
    this.pending = this.pos < this.data.length ? Buffer.from(this.data.subarray(this.pos)) : EMPTY;
    this.data = EMPTY;
    this.lineSrc = EMPTY;
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

  /**
   * Finds the next complete line and describes it in the line* fields; false when more bytes
   * are needed.
   */
  private readLine(): boolean {
    const { data } = this;
    const size = data.length;
    const lf = findLf(data, this.pos);
    if (this.overflow) {
      const o = this.overflow;
      if (lf === -1) {
        if (this.available() > 0) {
          o.length += this.available();
          o.lastByte = data[size - 1] as number;
          this.pos = size;
        }
        if (!this.ended) return false;
        this.overflow = undefined;
        this.setLine(o.prefix, 0, o.prefix.length, o.offset, o.length, "eof");
        return true;
      }
      const lastByte = lf > this.pos ? (data[lf - 1] as number) : o.lastByte;
      o.length += lf - this.pos;
      this.pos = lf + 1;
      this.overflow = undefined;
      const crlf = lastByte === CR;
      this.setLine(o.prefix, 0, o.prefix.length, o.offset, o.length - (crlf ? 1 : 0), crlf ? "crlf" : "lf");
      return true;
    }
    if (lf === -1) {
      const left = this.available();
      if (left > this.maxLine + 1) {
        this.overflow = {
          offset: this.abs(),
          prefix: Buffer.from(data.subarray(this.pos, this.pos + this.maxLine)),
          length: left,
          lastByte: data[size - 1] as number,
        };
        this.pos = size;
        return this.ended ? this.readLine() : false;
      }
      if (!this.ended || left === 0) return false;
      // A CR as the very last byte is the first half of a CRLF cut by the end of the input.
      this.lineFrom(this.pos, data[size - 1] === CR ? size - 1 : size, "eof");
      this.pos = size;
      return true;
    }
    const crlf = lf > this.pos && data[lf - 1] === CR;
    this.lineFrom(this.pos, crlf ? lf - 1 : lf, crlf ? "crlf" : "lf");
    this.pos = lf + 1;
    return true;
  }

  private lineFrom(start: number, end: number, eol: LineEnding): void {
    const length = end - start;
    this.setLine(this.data, start, Math.min(length, this.maxLine), this.abs(start), length, eol);
  }

  private setLine(src: Buffer, at: number, kept: number, offset: number, length: number, eol: LineEnding): void {
    this.lineSrc = src;
    this.lineAt = at;
    this.lineKept = kept;
    this.lineOffset = offset;
    this.lineLength = length;
    this.lineEol = eol;
  }

  /** The line last read, as an object of its own. */
  private takeLine(): RawLine {
    return new WireLine(this.lineSrc, this.lineAt, this.lineKept, this.lineOffset, this.lineLength, this.lineEol);
  }

  /** Bytes of the line last read, terminator included. */
  private lineBytes(): number {
    return this.lineLength + (this.lineEol === "crlf" ? 2 : this.lineEol === "lf" ? 1 : 0);
  }

  // ---- start line and head ---------------------------------------------------------------

  private stepStart(): boolean {
    const midLine = this.overflow !== undefined;
    if (this.mode !== "request" && !this.partial && !midLine && this.available() > 0 && this.data[this.pos] !== 0x48) {
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
    if (!this.readLine()) return false;
    if (this.lineLength === 0) {
      if (this.lineEol !== "eof") this.pendingLeadingEmpty ??= { offset: this.lineOffset, bytes: this.lineBytes() };
      return true;
    }
    const line = this.takeLine();
    const parsed = parseStartLine(line, this.mode);
    if (parsed.kind === "status" || parsed.kind === "request") {
      if (this.mode === "auto") this.mode = parsed.kind === "status" ? "response" : "request";
      this.begin(parsed, parsed.kind === "status" ? "response" : "request", line.offset);
      this.noteLineEnding();
      this.current!.headerBytes += this.lineBytes();
      this.state = "head";
      return true;
    }
    const fieldLike = looksLikeField(this.lineSrc, this.lineAt, this.lineAt + this.lineKept);
    if (this.partial || fieldLike) {
      // A capture excerpt that starts inside a header section: the first line may be cut short.
      this.partial = true;
      this.begin(fieldLike ? { kind: "fragment" } : { kind: "fragment", line }, "fragment", line.offset);
      this.current!.headerBytes += this.lineBytes();
      this.state = "head";
      if (fieldLike) this.addField(0);
      return true;
    }
    this.mode = "response";
    this.begin({ kind: "http09" }, "response", line.offset);
    this.addBody(this.lineSrc, this.lineAt, this.lineKept, this.lineBytes());
    this.enterBody("close");
    return true;
  }

  private begin(startLine: StartLine, kind: Http1Message["kind"], offset: number): void {
    const leading = this.pendingLeadingEmpty;
    this.pendingLeadingEmpty = undefined;
    this.current = {
      index: this.messageCount,
      kind,
      offset: leading ? leading.offset : offset,
      startLine,
      fields: [],
      contentLengths: undefined,
      transferEncodings: undefined,
      fieldCount: 0,
      storedHeaderBytes: 0,
      headerBytes: 0,
      headComplete: false,
      framing: "none",
      received: 0,
      remaining: 0,
      chunks: undefined,
      chunkCount: 0,
      lastChunk: false,
      trailers: undefined,
      sample: undefined,
      sampleBytes: 0,
      events: undefined,
      sawBareLf: false,
    };
    if (leading) this.event("leading-empty-line", leading.offset, leading.bytes, kind === "response");
  }

  private stepHead(): boolean {
    const msg = this.current!;
    for (;;) {
      if (!this.overflow && this.takeCleanField(msg)) continue;
      if (!this.readLine()) break;
      msg.headerBytes += this.lineBytes();
      if (this.lineEol === "lf") this.noteLineEnding();
      const length = this.lineLength;
      if (length === 0 && this.lineEol !== "eof") {
        msg.headComplete = true;
        this.enterBody(this.framingOf(msg));
        return true;
      }
      // A last line cut by the end of the input is not a field line; eof-in-head reports the cut.
      if (length === 0 || this.lineEol === "eof") continue;
      const first = this.lineSrc[this.lineAt];
      if (first === 0x20 || first === 0x09) {
        const previous = msg.fields[msg.fields.length - 1];
        if (msg.fieldCount === 0 && msg.kind !== "fragment") this.addField(FIELD_BEFORE_FIRST);
        else if (previous && previous.continuations.length < 64) this.continueField(previous);
      } else {
        this.addField(0);
      }
    }
    return false;
  }

  /** The fast path: a well-formed CRLF field line, read in one pass; false for anything else. */
  private takeCleanField(msg: Builder): boolean {
    const start = this.pos;
    const lf = cleanFieldEnd(this.data, start, start + this.maxLine, colonAt);
    if (lf < 0) return false;
    const length = lf - 1 - start;
    this.pos = lf + 1;
    msg.headerBytes += length + 2;
    msg.fieldCount++;
    if (msg.fields.length >= this.maxFields || msg.storedHeaderBytes + length > this.maxHeaderBytes) return true;
    msg.storedHeaderBytes += length;
    const colon = colonAt[0] as number;
    const data = this.data;
    const named = nameOfFraming(data, start, start + colon, true);
    this.keepField(new FieldView(data, start, length, this.abs(start), length, "crlf", colon, CLEAN | named));
    return true;
  }

  private addField(flags: number): void {
    const msg = this.current!;
    msg.fieldCount++;
    const kept = this.lineKept;
    if (msg.fields.length >= this.maxFields || msg.storedHeaderBytes + kept > this.maxHeaderBytes) return;
    msg.storedHeaderBytes += kept;
    this.keepField(this.makeField(flags));
  }

  private keepField(field: WireField): void {
    const msg = this.current!;
    msg.fields.push(field);
    if (field.namesContentLength) msg.contentLengths = append(msg.contentLengths, field);
    else if (field.namesTransferEncoding) msg.transferEncodings = append(msg.transferEncodings, field);
  }

  /** The field line last read. */
  private makeField(flags: number): WireField {
    return FieldView.read(
      this.lineSrc,
      this.lineAt,
      this.lineKept,
      this.lineOffset,
      this.lineLength,
      this.lineEol,
      flags,
    );
  }

  private continueField(field: WireField): void {
    const msg = this.current!;
    if (msg.storedHeaderBytes + this.lineKept > this.maxHeaderBytes) return;
    msg.storedHeaderBytes += this.lineKept;
    field.addContinuation(this.takeLine());
  }

  /** Notes the first bare LF of the message: the line last read, or one at `at`. */
  private noteLineEnding(at?: number): void {
    const msg = this.current;
    if (!msg || msg.sawBareLf) return;
    if (at === undefined) {
      if (this.lineEol !== "lf") return;
      at = this.lineOffset + this.lineLength;
    }
    msg.sawBareLf = true;
    this.event("bare-lf", at, 1, false);
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
    const codings = msg.transferEncodings ? transferCodings(msg.transferEncodings) : NONE;
    if (codings.length > 0) {
      if (codings[codings.length - 1] === "chunked") return "chunked";
      return "close";
    }
    const lengths = msg.contentLengths;
    const length = lengths ? (lengths.length === 1 && lengths[0]!.decimalValue) || contentLengthOf(lengths) : undefined;
    if (length !== undefined) {
      msg.declared = length;
      return "content-length";
    }
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

  /** Counts `count` body bytes, of which src[at, at + length) are at hand for the sample. */
  private addBody(src: Buffer, at: number, length: number, count: number): void {
    const msg = this.current!;
    msg.received += count;
    if (msg.sampleBytes < SAMPLE_BYTES && length > 0) {
      const take = Math.min(length, SAMPLE_BYTES - msg.sampleBytes);
      // (a copy: the sample must not keep a large body chunk alive)
      const piece = Buffer.allocUnsafe(take);
      src.copy(piece, 0, at, at + take);
      msg.sample = append(msg.sample, piece);
      msg.sampleBytes += take;
    }
  }

  private consumeBody(max: number): number {
    const n = Math.min(max, this.available());
    if (n > 0) this.addBody(this.data, this.pos, n, n);
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
    if (!this.readLine()) return false;
    const msg = this.current!;
    this.noteLineEnding();
    const line = { offset: this.lineOffset, length: this.lineLength };
    const text = latin1(this.lineSrc, this.lineAt, this.lineAt + this.lineKept);
    const match = /^([0-9A-Fa-f]+)([ \t]*)(;.*)?$/s.exec(text);
    if (!match || this.lineLength > this.lineKept || (match[1] as string).length > 13) {
      this.event("chunk-size-invalid", line.offset, Math.max(1, line.length), true, text.slice(0, 40));
      this.state = "unframed";
      return true;
    }
    const sizeText = match[1] as string;
    if (match[2] && !match[3]) this.event("chunk-size-space", line.offset + sizeText.length, match[2].length, true);
    if (match[3]) this.event("chunk-extension", line.offset + text.indexOf(";"), match[3].length, false);
    const size = Number.parseInt(sizeText, 16);
    msg.chunkCount++;
    msg.chunks ??= [];
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
      this.noteLineEnding(this.abs());
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
    if (!this.readLine()) return false;
    const msg = this.current!;
    this.noteLineEnding();
    if (this.lineLength === 0) {
      if (this.lineEol !== "eof") this.complete();
      return true;
    }
    msg.trailers ??= [];
    const trailers = msg.trailers;
    const previous = trailers[trailers.length - 1];
    if (isWhitespace(this.lineSrc[this.lineAt]) && previous) previous.addContinuation(this.takeLine());
    else if (trailers.length < MAX_TRAILERS_KEPT) trailers.push(this.makeField(FIELD_TRAILER));
    return true;
  }

  // ---- message boundaries ----------------------------------------------------------------

  private stepBetween(): boolean {
    const left = this.available();
    if (left === 0) return false;
    if (this.mode === "response") {
      const n = Math.min(left, HTTP_SLASH.length);
      let prefixMatches = true;
      for (let i = 0; i < n && prefixMatches; i++) prefixMatches = this.data[this.pos + i] === HTTP_SLASH[i];
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
      let strictStop = target.strictStop;
      if (events.length < this.maxEvents) {
        const { offset, length } = this.excess;
        events.push({ kind: "excess-data", offset, length, strict: true });
        if (!strictStop || offset < strictStop.offset) strictStop = { offset, reason: "excess-data" };
      }
      this.messages[this.messages.length - 1] = {
        ...target,
        excess: this.excess,
        events,
        ...(strictStop ? { strictStop } : {}),
      };
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
    const pieces = msg.sample;
    const sample = !pieces ? EMPTY : pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
    const trailers = msg.trailers ?? NONE;
    const body: BodyInfo =
      msg.declared !== undefined
        ? {
            declared: msg.declared,
            received: msg.received,
            complete,
            chunks: msg.chunks ?? NONE,
            chunkCount: msg.chunkCount,
            lastChunk: msg.lastChunk,
            trailers,
            sample,
          }
        : {
            received: msg.received,
            complete,
            chunks: msg.chunks ?? NONE,
            chunkCount: msg.chunkCount,
            lastChunk: msg.lastChunk,
            trailers,
            sample,
          };
    const events = msg.events ?? NONE;
    const strictStop = strictStopOf(msg, trailers, events);
    const fields = {
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
      events,
    };
    const message: Http1Message = strictStop ? { ...fields, strictStop } : fields;
    this.last = undefined;
    if (this.messages.length < this.maxMessages) {
      this.messages.push(message);
      this.last = message;
    }
  }

  private event(kind: ParseEventKind, offset: number, length: number, strict: boolean, detail?: string): void {
    const msg = this.current;
    if (!msg) return;
    msg.events ??= [];
    const events = msg.events;
    if (events.length >= this.maxEvents) return;
    events.push(detail !== undefined ? { kind, offset, length, strict, detail } : { kind, offset, length, strict });
  }
}

/** The list with `item` added, made on first use so that most messages allocate none. */
function append<T>(list: T[] | undefined, item: T): T[] {
  if (!list) return [item];
  list.push(item);
  return list;
}

function looksLikeField(src: Buffer, start: number, end: number): boolean {
  const colon = src.indexOf(0x3a, start);
  if (colon <= start || colon >= end) return false;
  for (let i = start; i < colon; i++) {
    const byte = src[i] as number;
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
  for (const field of fields) if (field.key === key) return true;
  return false;
}

export function fieldsNamed(fields: readonly FieldLine[], key: string): FieldLine[] {
  const named: FieldLine[] = [];
  for (const field of fields) if (field.key === key) named.push(field);
  return named;
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

type StrictStop = { offset: number; reason: string };

/** The first place a strict RFC 9112 parser stops in a message being finished, if any. */
function strictStopOf(
  msg: Builder,
  trailers: readonly FieldLine[],
  events: readonly ParseEvent[],
): StrictStop | undefined {
  let first: StrictStop | undefined;
  const { startLine } = msg;
  if (startLine.kind === "http09") first = { offset: msg.offset, reason: "no-status-line" };
  if (startLine.problem && startLine.line) first = earlier(first, startLine.line.offset, startLine.problem);
  first = firstFieldProblem(msg.fields, first);
  if (trailers.length > 0) first = firstFieldProblem(trailers, first);
  const lengths = msg.contentLengths;
  const plainLength = !msg.transferEncodings && lengths?.length === 1 && lengths[0]!.decimalValue !== undefined;
  const framing = plainLength ? undefined : framingConflict(msg.transferEncodings ?? NONE, lengths ?? NONE);
  if (framing) first = earlier(first, framing.offset, framing.reason);
  for (const event of events) if (event.strict) first = earlier(first, event.offset, event.kind);
  return first;
}

function earlier(first: StrictStop | undefined, offset: number, reason: string): StrictStop {
  return !first || offset < first.offset ? { offset, reason } : first;
}

function firstFieldProblem(fields: readonly FieldLine[], first: StrictStop | undefined): StrictStop | undefined {
  for (const field of fields) {
    if (field instanceof FieldView && field.strictClean) continue;
    const problem = firstStrictProblem(field);
    if (problem) first = earlier(first, problem.offset, problem.kind);
  }
  return first;
}

/** Content-Length beside Transfer-Encoding, repeated, or not a number (RFC 9112 §6.3). */
function framingConflict(
  te: readonly FieldLine[],
  cl: readonly FieldLine[],
): { offset: number; reason: string } | undefined {
  if (te.length > 0 && cl.length > 0) {
    const later = te[0]!.line.offset > cl[0]!.line.offset ? te[0]! : cl[0]!;
    return { offset: later.line.offset, reason: "content-length-with-transfer-encoding" };
  }
  if (cl.length === 0) return undefined;
  const values = contentLengthValues(cl);
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
