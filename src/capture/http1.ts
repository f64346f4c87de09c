/**
 * HTTP/1.x message framing over one reassembled TCP direction: finds each head, frames the body
 * (Content-Length, chunked, until close, none) and pairs requests with responses, pipelining
 * included. Heads are handed to the wire checks as raw bytes. After a gap inside a head or
 * inside chunk framing, the reader looks for the next start line instead of guessing.
 */
import type { Side } from "./tcp.ts";
import type { CutReason, DecoderEvents, HttpTransaction } from "./types.ts";

const MAX_HEAD = 64 * 1024;
const MAX_CHUNK_LINE = 1024;
/** Requests waiting for their responses on one connection. */
const MAX_PIPELINED = 10_000;
/** Bytes kept between pieces while looking for the next start line. */
const MAX_RESYNC_TAIL = 8192;

export interface ParsedHead {
  readonly kind: "request" | "response";
  readonly method?: string;
  readonly target?: string;
  readonly status?: number;
  readonly minor: number;
  /** The head's bytes as latin1 text. */
  readonly text: string;
  /** Field lines in order, names as sent. */
  readonly fields: readonly (readonly [string, string])[];
  readonly facts: HeadFacts;
}

/** What the framing and the transaction need from a head's fields. */
export interface HeadFacts {
  /** The first Host value. */
  readonly host?: string;
  /** The first Server value. */
  readonly server?: string;
  /** The last transfer coding is chunked. */
  readonly chunked: boolean;
  /** The first Content-Length value, when it reads as a length. */
  readonly contentLength?: number;
  /** An Upgrade value names h2c. */
  readonly upgradeH2c: boolean;
}

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) +(\S+) +HTTP\/1\.(\d)\s*$/;
const STATUS_LINE = /^HTTP\/1\.(\d) +(\d{3})(?: .*)?$/;

/**
 * Heads read before, by their text: a capture repeats a few heads many times over (a Date value
 * changes once a second), and reading one again gives the same result.
 */
const KNOWN_HEADS = new Map<string, ParsedHead>();
const KNOWN_HEADS_LIMIT = 2048;
const KNOWN_HEAD_MAX_LENGTH = 4096;

/** Reads a message head (request or status line plus field lines). */
export function parseHead(bytes: Buffer): ParsedHead | undefined {
  const text = bytes.toString("latin1");
  const known = KNOWN_HEADS.get(text);
  if (known) return known;
  const parsed = parseHeadText(text);
  if (parsed && text.length <= KNOWN_HEAD_MAX_LENGTH) {
    if (KNOWN_HEADS.size >= KNOWN_HEADS_LIMIT) KNOWN_HEADS.clear();
    KNOWN_HEADS.set(text, parsed);
  }
  return parsed;
}

function parseHeadText(text: string): ParsedHead | undefined {
  let at = 0;
  let end = lineEndOf(text, at);
  while (end < text.length && (end === at || (end === at + 1 && text.charCodeAt(at) === CR))) {
    at = end + 1;
    end = lineEndOf(text, at);
  }
  const start = withoutCr(text, at, end);
  const fields: [string, string][] = [];
  while (end < text.length) {
    at = end + 1;
    end = lineEndOf(text, at);
    const line = withoutCr(text, at, end);
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0) {
      const last = fields[fields.length - 1];
      if (last && (line.charCodeAt(0) === SP || line.charCodeAt(0) === HTAB)) last[1] += ` ${line.trim()}`;
      continue;
    }
    fields.push([line.slice(0, colon).trimEnd(), line.slice(colon + 1).trim()]);
  }
  const request = REQUEST_LINE.exec(start);
  if (request) {
    return {
      kind: "request",
      method: request[1] as string,
      target: request[2] as string,
      minor: Number(request[3]),
      text,
      fields,
      facts: headFacts(fields),
    };
  }
  const status = STATUS_LINE.exec(start);
  if (status) {
    return {
      kind: "response",
      status: Number(status[2]),
      minor: Number(status[1]),
      text,
      fields,
      facts: headFacts(fields),
    };
  }
  return undefined;
}

const CR = 0x0d;
const SP = 0x20;
const HTAB = 0x09;

/** Index of the "\n" that ends the line starting at `at`, or the text's length. */
function lineEndOf(text: string, at: number): number {
  const nl = text.indexOf("\n", at);
  return nl < 0 ? text.length : nl;
}

/** The line from `at` to `end` without one trailing CR. */
function withoutCr(text: string, at: number, end: number): string {
  return text.slice(at, end > at && text.charCodeAt(end - 1) === CR ? end - 1 : end);
}

/** Values of the fields named `name` (any case), in order. */
function fieldValues(fields: readonly (readonly [string, string])[], name: string): string[] {
  const values: string[] = [];
  for (const [n, v] of fields) if (n.length === name.length && n.toLowerCase() === name) values.push(v);
  return values;
}

function headFacts(fields: readonly (readonly [string, string])[]): HeadFacts {
  const host = fieldValues(fields, "host")[0];
  const server = fieldValues(fields, "server")[0];
  const length = contentLength(fieldValues(fields, "content-length"));
  return {
    ...(host !== undefined ? { host } : {}),
    ...(server !== undefined ? { server } : {}),
    chunked: isChunked(fieldValues(fields, "transfer-encoding")),
    ...(length !== undefined ? { contentLength: length } : {}),
    upgradeH2c: /\bh2c\b/.test(fieldValues(fields, "upgrade").join(",").toLowerCase()),
  };
}

function isChunked(transferEncodings: readonly string[]): boolean {
  if (transferEncodings.length === 0) return false;
  const codings = transferEncodings
    .join(",")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "");
  return codings.length > 0 && codings[codings.length - 1] === "chunked";
}

function contentLength(values: readonly string[]): number | undefined {
  if (values.length === 0) return undefined;
  const n = Number((values[0] ?? "").split(",")[0]?.trim());
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export type Framing =
  | { readonly kind: "none" }
  | { readonly kind: "length"; readonly length: number }
  | { readonly kind: "chunked" }
  | { readonly kind: "close" }
  /** The bytes after this head belong to another protocol (101, CONNECT 2xx). */
  | { readonly kind: "switch" };

export function requestFraming(head: ParsedHead): Framing {
  if (head.facts.chunked) return { kind: "chunked" };
  const length = head.facts.contentLength;
  return length ? { kind: "length", length } : { kind: "none" };
}

export function responseFraming(head: ParsedHead, requestMethod: string | undefined): Framing {
  const status = head.status ?? 0;
  if (status === 101) return { kind: "switch" };
  if (requestMethod === "CONNECT" && status >= 200 && status < 300) return { kind: "switch" };
  if ((status >= 100 && status < 200) || status === 204 || status === 304 || requestMethod === "HEAD")
    return { kind: "none" };
  if (head.facts.chunked) return { kind: "chunked" };
  const length = head.facts.contentLength;
  if (length !== undefined) return length === 0 ? { kind: "none" } : { kind: "length", length };
  return { kind: "close" };
}

/** What the reader of one direction reports; `kind` says which direction. */
export interface MessageHandler {
  /** A head was read; returns how its body is framed. */
  head(kind: MessageKind, bytes: Buffer, parsed: ParsedHead, packet: number, time: number): Framing;
  body(kind: MessageKind, bytes: number, missing: number): void;
  /** The message ended as its framing says. */
  complete(kind: MessageKind, packet: number, time: number): void;
  /** The direction now carries another protocol; `rest` are the bytes after the head. */
  switched(kind: MessageKind, rest: Buffer, packet: number, time: number): void;
  /** Bytes that are not HTTP/1 were met where a head should start. */
  notHttp(kind: MessageKind, packet: number): void;
}

type MessageKind = "request" | "response";

type State = "head" | "length" | "chunk-size" | "chunk-data" | "chunk-crlf" | "trailers" | "close" | "resync" | "off";

const NOTHING = Buffer.alloc(0);

/** Frames the messages of one direction. */
export class MessageReader {
  private state: State = "head";
  private partialHead: Buffer[] | undefined;
  private partialLength = 0;
  private partialTail: Buffer = NOTHING;
  private headPacket = 0;
  private remaining = 0;
  private chunkLine = "";
  private resyncTail: Buffer | undefined;
  private readonly handler: MessageHandler;
  private readonly kind: "request" | "response";

  constructor(kind: "request" | "response", handler: MessageHandler) {
    this.kind = kind;
    this.handler = handler;
  }

  get inBody(): boolean {
    return this.state !== "head" && this.state !== "resync" && this.state !== "off";
  }

  get idle(): boolean {
    return this.state === "head" && this.partialHead === undefined;
  }

  get closeDelimited(): boolean {
    return this.state === "close";
  }

  /** Frames `bytes[start, end)`, valid only during the call. */
  data(bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    let at = start;
    for (let guard = 0; at < end && guard < 1_000_000; guard++) {
      switch (this.state) {
        case "off":
          return;
        case "head":
          at = this.readHead(bytes, at, end, packet, time);
          break;
        case "length": {
          const take = Math.min(this.remaining, end - at);
          this.remaining -= take;
          at += take;
          this.handler.body(this.kind, take, 0);
          if (this.remaining === 0) this.finish(packet, time);
          break;
        }
        case "close":
          this.handler.body(this.kind, end - at, 0);
          return;
        case "chunk-size":
        case "chunk-crlf":
        case "trailers":
          // A view that ends where these bytes end, for the search for the line's end.
          at += this.readChunkLine(bytes.subarray(at, end), 0, packet, time);
          break;
        case "chunk-data": {
          const take = Math.min(this.remaining, end - at);
          this.remaining -= take;
          at += take;
          this.handler.body(this.kind, take, 0);
          if (this.remaining === 0) this.state = "chunk-crlf";
          break;
        }
        case "resync": {
          // Search with the end of the previous piece, so a start line cut in two is still found.
          const rest = bytes.subarray(at, end);
          const combined = this.resyncTail ? Buffer.concat([this.resyncTail, rest]) : rest;
          const found = findStartLine(combined, 0, this.kind);
          if (found < 0) {
            this.resyncTail = Buffer.from(combined.subarray(Math.max(0, combined.length - MAX_RESYNC_TAIL)));
            return;
          }
          this.resyncTail = undefined;
          this.state = "head";
          if (found < combined.length - rest.length) {
            this.data(combined, found, combined.length, packet, time);
            return;
          }
          at += found - (combined.length - rest.length);
          break;
        }
      }
    }
  }

  gap(bytes: number, packet: number, time: number): void {
    switch (this.state) {
      case "length":
        if (bytes <= this.remaining) {
          this.remaining -= bytes;
          this.handler.body(this.kind, 0, bytes);
          if (this.remaining === 0) this.finish(packet, time);
          return;
        }
        this.handler.body(this.kind, 0, this.remaining);
        this.state = "resync";
        return;
      case "chunk-data":
        if (bytes < this.remaining) {
          this.remaining -= bytes;
          this.handler.body(this.kind, 0, bytes);
          return;
        }
        this.handler.body(this.kind, 0, bytes);
        this.state = "resync";
        return;
      case "close":
        this.handler.body(this.kind, 0, bytes);
        return;
      case "off":
        return;
      default:
        this.handler.body(this.kind, 0, bytes);
        this.partialHead = undefined;
        this.partialLength = 0;
        this.resyncTail = undefined;
        this.state = "resync";
    }
  }

  private finish(packet: number, time: number): void {
    this.state = "head";
    this.handler.complete(this.kind, packet, time);
  }

  private readHead(bytes: Buffer, start: number, stop: number, packet: number, time: number): number {
    if (!this.partialHead) {
      let s = start;
      while (s < stop && (bytes[s] === 0x0d || bytes[s] === 0x0a)) s++;
      if (s === stop) return s;
      start = s;
      this.headPacket = packet;
    }
    const earlier = this.partialLength;
    // Look for the blank line in the new bytes and the three before them; join the pieces only once it is found.
    const piece = bytes.subarray(start, stop);
    const window = earlier > 0 ? Buffer.concat([this.partialTail, piece]) : piece;
    const found = findBlankLine(window, 0);
    if (found < 0) {
      if (earlier + piece.length > MAX_HEAD) {
        this.handler.notHttp(this.kind, packet);
        this.partialHead = undefined;
        this.partialLength = 0;
        this.state = "resync";
      } else {
        if (this.partialHead) this.partialHead.push(Buffer.from(piece));
        else this.partialHead = [Buffer.from(piece)];
        this.partialLength += piece.length;
        this.partialTail = Buffer.from(window.subarray(Math.max(0, window.length - 3)));
      }
      return stop;
    }
    const end = earlier + found - (window.length - piece.length);
    const buf = earlier > 0 ? Buffer.concat([...(this.partialHead ?? []), piece]) : piece;
    this.partialLength = 0;
    this.partialHead = undefined;
    // The head is only handed on during this call: a view of the joined pieces (or of this piece) will do.
    const head = buf.subarray(0, end);
    const after = start + end - earlier;
    const parsed = parseHead(head);
    if (!parsed || parsed.kind !== this.kind) {
      this.handler.notHttp(this.kind, this.headPacket);
      this.state = "resync";
      return after;
    }
    const framing = this.handler.head(this.kind, head, parsed, this.headPacket, time);
    switch (framing.kind) {
      case "none":
        this.handler.complete(this.kind, packet, time);
        return after;
      case "length":
        this.state = "length";
        this.remaining = framing.length;
        return after;
      case "chunked":
        this.state = "chunk-size";
        this.chunkLine = "";
        return after;
      case "close":
        this.state = "close";
        return after;
      case "switch":
        this.state = "off";
        this.handler.switched(this.kind, bytes.subarray(after, stop), packet, time);
        return stop;
    }
  }

  private readChunkLine(bytes: Buffer, start: number, packet: number, time: number): number {
    const nl = bytes.indexOf(0x0a, start);
    const stop = nl < 0 ? bytes.length : nl;
    this.chunkLine += bytes.toString("latin1", start, stop);
    if (nl < 0) {
      if (this.chunkLine.length > MAX_CHUNK_LINE) this.state = "resync";
      return bytes.length;
    }
    const line = this.chunkLine.replace(/\r$/, "");
    this.chunkLine = "";
    if (this.state === "chunk-crlf") {
      this.state = line === "" ? "chunk-size" : "resync";
      return nl + 1;
    }
    if (this.state === "trailers") {
      if (line === "") this.finish(packet, time);
      return nl + 1;
    }
    const size = Number.parseInt(line.split(";")[0]?.trim() ?? "", 16);
    if (!Number.isFinite(size) || size < 0 || !/^[0-9a-fA-F]+/.test(line.trim())) {
      this.state = "resync";
      this.handler.notHttp(this.kind, packet);
      return nl + 1;
    }
    if (size === 0) this.state = "trailers";
    else {
      this.state = "chunk-data";
      this.remaining = size;
    }
    return nl + 1;
  }
}

/** Index just past the blank line that ends a head, or -1. */
function findBlankLine(bytes: Buffer, from: number): number {
  for (let i = bytes.indexOf(0x0a, from); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    if (i >= 1 && bytes[i - 1] === 0x0a) return i + 1;
    if (i >= 2 && bytes[i - 1] === 0x0d && bytes[i - 2] === 0x0a) return i + 1;
  }
  return -1;
}

const METHODS = ["GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "];

/** Offset of a line in `bytes` that starts a request or a status line, or -1. */
function findStartLine(bytes: Buffer, start: number, kind: "request" | "response"): number {
  let from = start;
  for (let guard = 0; guard < 100000; guard++) {
    const at = bytes.indexOf("HTTP/1.", from, "latin1");
    if (at < 0) return -1;
    if (kind === "response") {
      if (at === 0 || bytes[at - 1] === 0x0a) return at;
    } else {
      const lineStart = bytes.lastIndexOf(0x0a, at) + 1;
      if (lineStart >= start) {
        const line = bytes.toString("latin1", lineStart, at);
        if (METHODS.some((m) => line.startsWith(m))) return lineStart;
      }
    }
    from = at + 7;
  }
  return -1;
}

/** The transaction being filled on one side, with the framing state the analysis needs. */
interface Pending {
  readonly transaction: HttpTransaction;
  responseStarted: boolean;
}

/** The protocol after a 101 or a CONNECT tunnel, with the first bytes the server sent after the switch. */
export type Http1Switch = (kind: "h2c" | "tunnel", serverRest: Buffer, packet: number, time: number) => void;

/**
 * One HTTP/1 connection: a request reader, a response reader, and the queue that pairs them.
 */
export class Http1Conversation implements MessageHandler {
  readonly requests: MessageReader;
  readonly responses: MessageReader;
  private readonly queue: Pending[] = [];
  private readonly connection: number;
  private readonly events: DecoderEvents;
  private readonly onSwitch: Http1Switch;
  private count = 0;
  private current: Pending | undefined;
  private switchedTo: "h2c" | "tunnel" | undefined;
  /** Client bytes held after a request that asked to switch, until the answer comes. */
  private heldClient: { bytes: Buffer; packet: number; time: number }[] = [];
  clientAfterSwitch: ((bytes: Buffer, packet: number, time: number) => void) | undefined;
  notHttpPackets: number[] = [];

  constructor(connection: number, events: DecoderEvents, onSwitch: Http1Switch) {
    this.connection = connection;
    this.events = events;
    this.onSwitch = onSwitch;
    this.requests = new MessageReader("request", this);
    this.responses = new MessageReader("response", this);
  }

  /** The client's bytes `bytes[start, end)`, valid only during the call. */
  clientData(bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    if (this.clientAfterSwitch) this.clientAfterSwitch(bytes.subarray(start, end), packet, time);
    else this.requests.data(bytes, start, end, packet, time);
  }

  head(kind: MessageKind, bytes: Buffer, parsed: ParsedHead, packet: number, time: number): Framing {
    return kind === "request"
      ? this.requestHead(bytes, parsed, packet, time)
      : this.responseHead(bytes, parsed, packet, time);
  }

  body(kind: MessageKind, bytes: number, missing: number): void {
    if (kind === "request") {
      const last = this.queue[this.queue.length - 1];
      if (last) last.transaction.requestBodyBytes += bytes;
      return;
    }
    const t = this.current?.transaction;
    if (!t) return;
    t.responseBodyBytes += bytes + missing;
    t.missingBytes += missing;
  }

  complete(kind: MessageKind, packet: number, time: number): void {
    if (kind === "request") this.requestComplete();
    else this.responseComplete(packet, time);
  }

  switched(kind: MessageKind, rest: Buffer, packet: number, time: number): void {
    if (kind === "response") this.responseSwitched(rest, packet, time);
  }

  notHttp(_kind: MessageKind, packet: number): void {
    if (this.notHttpPackets.length < 8) this.notHttpPackets.push(packet);
  }

  private requestHead(bytes: Buffer, parsed: ParsedHead, packet: number, time: number): Framing {
    const t: HttpTransaction = {
      connection: this.connection,
      protocol: "http/1.1",
      stream: ++this.count,
      method: parsed.method as string,
      path: parsed.target as string,
      requestPacket: packet,
      requestTime: time,
      requestBodyBytes: 0,
      responseBodyBytes: 0,
      complete: false,
      missingBytes: 0,
    };
    const host = parsed.facts.host;
    if (host !== undefined) t.authority = host;
    else if (parsed.method === "CONNECT") t.authority = parsed.target as string;
    const pending = { transaction: t, responseStarted: false };
    if (this.queue.length >= MAX_PIPELINED) this.giveUpOldest(packet, time);
    this.queue.push(pending);
    this.events.http1Head?.({
      connection: this.connection,
      side: "client",
      kind: "request",
      bytes,
      text: parsed.text,
      packet,
      transaction: t,
    });
    const framing = requestFraming(parsed);
    if (parsed.method === "CONNECT" || parsed.facts.upgradeH2c) this.holdAfterRequest = true;
    return framing;
  }

  private requestComplete(): void {
    if (!this.holdAfterRequest) return;
    this.holdAfterRequest = false;
    this.clientAfterSwitch = (bytes, packet, time) => {
      if (this.switchedTo) return;
      if (this.heldClient.length < 64) this.heldClient.push({ bytes: Buffer.from(bytes), packet, time });
    };
  }

  private holdAfterRequest = false;

  private responseHead(bytes: Buffer, parsed: ParsedHead, packet: number, time: number): Framing {
    let pending = this.queue[0];
    if (!pending) {
      // A response without a request in the capture: the connection was joined mid-way.
      pending = {
        transaction: {
          connection: this.connection,
          protocol: "http/1.1",
          stream: ++this.count,
          requestBodyBytes: 0,
          responseBodyBytes: 0,
          complete: false,
          missingBytes: 0,
        },
        responseStarted: false,
      };
      this.queue.push(pending);
    }
    const t = pending.transaction;
    const status = parsed.status ?? 0;
    this.events.http1Head?.({
      connection: this.connection,
      side: "server",
      kind: "response",
      bytes,
      text: parsed.text,
      packet,
      transaction: t,
    });
    if (status >= 100 && status < 200 && status !== 101) return { kind: "none" };
    pending.responseStarted = true;
    this.current = pending;
    t.status = status;
    t.responsePacket = packet;
    t.responseTime = time;
    const server = parsed.facts.server;
    if (server !== undefined) t.server = server;
    const framing = responseFraming(parsed, t.method);
    if (framing.kind === "length") t.declaredLength = framing.length;
    if (framing.kind === "switch") {
      this.switchedTo = status === 101 && parsed.facts.upgradeH2c ? "h2c" : "tunnel";
    }
    return framing;
  }

  private responseComplete(packet: number, time: number): void {
    const pending = this.queue[0];
    if (!pending?.responseStarted) return;
    this.queue.shift();
    this.current = undefined;
    const t = pending.transaction;
    t.complete = true;
    t.endPacket = packet;
    t.endTime = time;
    this.events.transaction(t);
  }

  private responseSwitched(rest: Buffer, packet: number, time: number): void {
    const pending = this.queue.shift();
    this.current = undefined;
    if (pending) {
      pending.transaction.complete = true;
      pending.transaction.endPacket = packet;
      pending.transaction.endTime = time;
      if (this.switchedTo !== "h2c") this.events.transaction(pending.transaction);
      else this.upgraded = pending.transaction;
    }
    const kind = this.switchedTo ?? "tunnel";
    this.onSwitch(kind, rest, packet, time);
    const held = this.heldClient;
    this.heldClient = [];
    this.clientAfterSwitch = undefined;
    for (const h of held) this.clientData(h.bytes, 0, h.bytes.length, h.packet, h.time);
  }

  /** Bounded memory: the oldest unanswered request is reported as it stands. */
  private giveUpOldest(packet: number, time: number): void {
    const oldest = this.queue.shift();
    if (!oldest) return;
    oldest.transaction.cut = "gap";
    oldest.transaction.endPacket ??= packet;
    oldest.transaction.endTime ??= time;
    this.events.transaction(oldest.transaction);
  }

  /** The request that an h2c upgrade turned into stream 1. */
  upgraded: HttpTransaction | undefined;

  /** The connection is over: what is still open is reported as cut short (or complete when close-delimited). */
  end(reason: CutReason, resetBy: Side | undefined, packet: number, time: number): void {
    for (const pending of this.queue) {
      const t = pending.transaction;
      if (pending === this.current && this.responses.closeDelimited && reason === "fin") {
        t.complete = true;
      } else {
        t.cut = reason;
        if (resetBy) t.resetBy = resetBy;
      }
      t.endPacket ??= packet;
      t.endTime ??= time;
      this.events.transaction(t);
    }
    this.queue.length = 0;
  }
}
