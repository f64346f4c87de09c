/**
 * HTTP/2 over one reassembled TCP connection: frames each direction (DATA payloads are counted,
 * never kept), decodes header blocks with one HPACK table per direction, and follows every
 * stream to a transaction: request and response headers, body sizes, END_STREAM, RST_STREAM and
 * GOAWAY with who sent them and how many bytes had been delivered before.
 */
import { CLIENT_PREFACE, errorCodeName, Flag, FrameType, frameTypeName, settingName } from "../wire/http2/constants.ts";
import type { HeaderField } from "../wire/http2/hpack/decoder.ts";
import { u16be, u32be } from "./bytes.ts";
import type { Side } from "./tcp.ts";
import type { CutReason, DecoderEvents, HttpTransaction } from "./types.ts";

/** Decodes one complete header block; undefined when the block is not valid HPACK. */
export interface HeaderDecoder {
  decode(block: Uint8Array): readonly HeaderField[] | undefined;
}

/** Most bytes of one non-DATA frame, or of one header block with its CONTINUATIONs, kept. */
const MAX_KEPT_FRAME = 256 * 1024;
/** Streams followed at once on one connection; more than any real peer allows. */
const MAX_OPEN_STREAMS = 10_000;

export interface Http2FrameRecord {
  readonly side: Side;
  readonly packet: number;
  readonly type: string;
  readonly flags: number;
  readonly stream: number;
  readonly length: number;
  readonly detail: string;
  readonly headers?: readonly (readonly [string, string])[];
}

export interface StreamReset {
  readonly stream: number;
  readonly by: Side;
  readonly code: string;
  readonly packet: number;
  readonly time: number;
  /** Response body bytes the client had received on the stream before the reset. */
  readonly deliveredBefore: number;
  /** The stream had already ended: the reset changed nothing. */
  readonly afterEnd: boolean;
  readonly status?: number;
  readonly declaredLength?: number;
}

export interface GoawayEvent {
  readonly by: Side;
  readonly code: string;
  readonly lastStream: number;
  readonly debug: string;
  readonly packet: number;
  readonly time: number;
  /** Streams the client had opened above lastStream: refused by the GOAWAY. */
  readonly streamsAbove: number;
  /** Streams still open at or below lastStream when the GOAWAY came. */
  readonly openStreams: number;
}

interface StreamState {
  transaction: HttpTransaction;
  clientEnded: boolean;
  serverEnded: boolean;
  responseHeaders: boolean;
  reported: boolean;
}

/** Where a frame reader hands what it read. */
interface FrameSink {
  /** A whole frame; `payload` (undefined for DATA and for frames too large to keep) is valid during the call only. */
  frame(reader: FrameReader, payload: Buffer | undefined, packet: number, time: number): void;
  /** Bytes of a DATA frame's payload on `stream`. */
  dataBytes(side: Side, stream: number, bytes: number): void;
}

/** Frames one direction. */
class FrameReader {
  /** A Buffer like the bytes it is gathered from: the byte readers then see one kind of array. */
  private readonly header = Buffer.allocUnsafe(9);
  private headerFill = 0;
  private prefaceLeft: number;
  private payloadLeft = 0;
  private payload: Buffer | undefined;
  private payloadFill = 0;
  private type = 0;
  private flags = 0;
  private stream = 0;
  private length = 0;
  private startPacket = 0;
  lost = false;
  readonly side: Side;
  private readonly sink: FrameSink;
  prefaceMismatch = false;

  /** The preface may be absent (a capture joined mid-way): frames then start at once. */
  private prefaceOptional = false;

  constructor(side: Side, expectPreface: boolean | "maybe", sink: FrameSink) {
    this.side = side;
    this.prefaceLeft = expectPreface ? CLIENT_PREFACE.length : 0;
    this.prefaceOptional = expectPreface === "maybe";
    this.sink = sink;
  }

  get frameType(): number {
    return this.type;
  }
  get frameFlags(): number {
    return this.flags;
  }
  get frameStream(): number {
    return this.stream;
  }
  get frameLength(): number {
    return this.length;
  }
  get firstPacket(): number {
    return this.startPacket;
  }

  /** Frames `bytes[start, end)`, valid only during the call. */
  data(bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    let at = start;
    while (at < end && !this.lost) {
      if (this.prefaceLeft > 0) {
        const offset = CLIENT_PREFACE.length - this.prefaceLeft;
        const take = Math.min(this.prefaceLeft, end - at);
        if (this.prefaceOptional && offset === 0 && bytes[at] !== CLIENT_PREFACE[0]) {
          this.prefaceLeft = 0;
          continue;
        }
        for (let i = 0; i < take; i++) {
          if (bytes[at + i] !== CLIENT_PREFACE[offset + i]) {
            this.prefaceMismatch = true;
            this.lost = true;
            return;
          }
        }
        this.prefaceLeft -= take;
        at += take;
        continue;
      }
      if (this.headerFill < 9) {
        if (this.headerFill === 0) this.startPacket = packet;
        // A header that lies whole in this piece is read in place; one cut by the piece's end is gathered.
        let header = bytes;
        let h = at;
        if (this.headerFill > 0 || end - at < 9) {
          const take = Math.min(9 - this.headerFill, end - at);
          for (let i = 0; i < take; i++) this.header[this.headerFill + i] = bytes[at + i] ?? 0;
          this.headerFill += take;
          at += take;
          if (this.headerFill < 9) return;
          header = this.header;
          h = 0;
        } else {
          this.headerFill = 9;
          at += 9;
        }
        this.length = ((header[h] ?? 0) << 16) | u16be(header, h + 1);
        this.type = header[h + 3] ?? 0;
        this.flags = header[h + 4] ?? 0;
        this.stream = u32be(header, h + 5) & 0x7fffffff;
        this.payloadLeft = this.length;
        this.payloadFill = 0;
        const kept = this.type !== FrameType.DATA && this.length <= MAX_KEPT_FRAME;
        if (kept && end - at >= this.length) {
          // The whole payload is in this piece: it is handed over in place, valid during the call only.
          const payload = bytes.subarray(at, at + this.length);
          at += this.length;
          this.payloadLeft = 0;
          this.headerFill = 0;
          this.sink.frame(this, payload, packet, time);
          continue;
        }
        this.payload = kept ? Buffer.allocUnsafe(this.length) : undefined;
      }
      const take = Math.min(this.payloadLeft, end - at);
      if (this.payload) bytes.copy(this.payload, this.payloadFill, at, at + take);
      else if (this.type === FrameType.DATA) this.sink.dataBytes(this.side, this.stream, take);
      this.payloadFill += take;
      this.payloadLeft -= take;
      at += take;
      if (this.payloadLeft === 0) {
        this.headerFill = 0;
        this.sink.frame(this, this.payload, packet, time);
        this.payload = undefined;
      }
    }
  }

  /** Bytes are missing: frame boundaries are lost for the rest of this direction. */
  gap(bytes: number): void {
    if (
      this.payload === undefined &&
      this.type === FrameType.DATA &&
      this.headerFill === 9 &&
      bytes <= this.payloadLeft
    ) {
      this.payloadLeft -= bytes;
      this.sink.dataBytes(this.side, this.stream, bytes);
      return;
    }
    this.lost = true;
  }
}

export interface Http2Options {
  readonly connection: number;
  readonly events: DecoderEvents;
  readonly decoder: () => HeaderDecoder;
  /** Keep a record of every frame, for `--follow`. */
  readonly record?: (frame: Http2FrameRecord) => void;
  /** The client's preface is expected; "maybe" when the server spoke first or the capture joined mid-way. */
  readonly expectPreface: boolean | "maybe";
}

export class Http2Conversation implements FrameSink {
  private readonly streams = new Map<number, StreamState>();
  private readonly options: Http2Options;
  private readonly clientDecoder: HeaderDecoder;
  private readonly serverDecoder: HeaderDecoder;
  private readonly client: FrameReader;
  private readonly server: FrameReader;
  private block: { side: Side; stream: number; parts: Buffer[]; length: number; flags: number } | undefined;
  readonly resets: StreamReset[] = [];
  readonly goaways: GoawayEvent[] = [];
  frames = 0;
  serverFrames = 0;
  hpackErrors = 0;
  /** Streams that ended recently, so a late RST_STREAM on them is known to be harmless. */
  private readonly ended: number[] = [];
  private highestClientStream = 0;

  constructor(options: Http2Options) {
    this.options = options;
    this.clientDecoder = options.decoder();
    this.serverDecoder = options.decoder();
    this.client = new FrameReader("client", options.expectPreface, this);
    this.server = new FrameReader("server", false, this);
  }

  /** An HTTP/1.1 request that asked for h2c and was answered with 101 continues as stream 1. */
  adoptUpgrade(transaction: HttpTransaction): void {
    const t: HttpTransaction = { ...transaction, protocol: "h2", stream: 1, complete: false };
    delete t.endPacket;
    delete t.endTime;
    this.streams.set(1, {
      transaction: t,
      clientEnded: true,
      serverEnded: false,
      responseHeaders: false,
      reported: false,
    });
    this.highestClientStream = 1;
  }

  get prefaceMismatch(): boolean {
    return this.client.prefaceMismatch;
  }

  get lost(): boolean {
    return this.client.lost || this.server.lost;
  }

  clientData(bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    this.client.data(bytes, start, end, packet, time);
  }
  serverData(bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    this.server.data(bytes, start, end, packet, time);
  }
  clientGap(bytes: number): void {
    this.client.gap(bytes);
  }
  serverGap(bytes: number): void {
    this.server.gap(bytes);
    for (const state of this.streams.values()) if (!state.serverEnded) state.transaction.missingBytes += bytes;
  }

  dataBytes(side: Side, stream: number, bytes: number): void {
    const state = this.streams.get(stream);
    if (!state) return;
    if (side === "client") state.transaction.requestBodyBytes += bytes;
    else state.transaction.responseBodyBytes += bytes;
  }

  private stream(id: number, packet: number, time: number): StreamState {
    let state = this.streams.get(id);
    if (!state) {
      state = {
        transaction: {
          connection: this.options.connection,
          protocol: "h2",
          stream: id,
          requestPacket: packet,
          requestTime: time,
          requestBodyBytes: 0,
          responseBodyBytes: 0,
          complete: false,
          missingBytes: 0,
        },
        clientEnded: false,
        serverEnded: false,
        responseHeaders: false,
        reported: false,
      };
      if (this.streams.size >= MAX_OPEN_STREAMS) this.giveUpOldestStream(packet, time);
      this.streams.set(id, state);
      if (id % 2 === 1 && id > this.highestClientStream) this.highestClientStream = id;
    }
    return state;
  }

  frame(reader: FrameReader, payload: Buffer | undefined, packet: number, time: number): void {
    this.frames++;
    if (reader.side === "server") this.serverFrames++;
    const type = reader.frameType;
    const flags = reader.frameFlags;
    const id = reader.frameStream;
    const side = reader.side;
    let headers: readonly (readonly [string, string])[] | undefined;
    if (this.block && (type !== FrameType.CONTINUATION || this.block.side !== side)) this.block = undefined;
    switch (type) {
      case FrameType.DATA:
        if (flags & Flag.END_STREAM) this.endStream(side, id, packet, time);
        break;
      case FrameType.HEADERS:
      case FrameType.CONTINUATION: {
        if (!payload) break;
        const fragment = type === FrameType.HEADERS ? headerFragment(payload, flags) : payload;
        if (type === FrameType.HEADERS && flags & Flag.END_HEADERS && fragment) {
          // A whole header block in one frame, as most are: decoded where it lies (a payload is
          // kept only up to MAX_KEPT_FRAME, so the block is within the limit).
          headers = this.headerBlock(side, id, fragment, packet, time);
          if (flags & Flag.END_STREAM) this.endStream(side, id, packet, time);
          break;
        }
        if (type === FrameType.HEADERS) this.block = { side, stream: id, parts: [], length: 0, flags };
        if (!this.block || !fragment) break;
        // A fragment that waits for its CONTINUATION outlives this call: keep a copy.
        this.block.parts.push(flags & Flag.END_HEADERS ? fragment : Buffer.from(fragment));
        this.block.length += fragment.length;
        if (this.block.length > MAX_KEPT_FRAME) {
          this.block = undefined;
          break;
        }
        if (flags & Flag.END_HEADERS) {
          const block = this.block;
          this.block = undefined;
          const whole = block.parts.length === 1 ? (block.parts[0] as Buffer) : Buffer.concat(block.parts);
          headers = this.headerBlock(block.side, block.stream, whole, packet, time);
          if (block.flags & Flag.END_STREAM) this.endStream(side, id, packet, time);
        }
        break;
      }
      case FrameType.RST_STREAM:
        if (payload && payload.length >= 4) {
          this.reset(side, id, errorCodeName(payload.readUInt32BE(0)), packet, time);
        }
        break;
      case FrameType.GOAWAY:
        if (payload && payload.length >= 8) {
          const last = payload.readUInt32BE(0) & 0x7fffffff;
          const code = errorCodeName(payload.readUInt32BE(4));
          const debug = payload.toString("latin1", 8, Math.min(payload.length, 8 + 200));
          this.goaway(side, last, code, debug, packet, time);
        }
        break;
      default:
        break;
    }
    this.options.record?.({
      side,
      packet: reader.firstPacket,
      type: frameTypeName(type),
      flags,
      stream: id,
      length: reader.frameLength,
      detail: frameDetail(type, flags, reader.frameLength, payload),
      ...(headers ? { headers } : {}),
    });
  }

  private headerBlock(
    side: Side,
    id: number,
    block: Buffer,
    packet: number,
    time: number,
  ): readonly (readonly [string, string])[] | undefined {
    const decoder = side === "client" ? this.clientDecoder : this.serverDecoder;
    const fields = decoder.decode(block);
    if (!fields) {
      this.hpackErrors++;
      return undefined;
    }
    const known = this.streams.get(id);
    const state = this.stream(id, packet, time);
    const t = state.transaction;
    const get = (name: string): string | undefined => fields.find((f) => f.name === name)?.value;
    const hasPseudo = fields.some((f) => f.name.startsWith(":"));
    const status = Number(get(":status"));
    const role =
      !hasPseudo && known
        ? "trailers"
        : side === "client"
          ? "request"
          : status >= 100 && status < 200
            ? "informational"
            : "response";
    this.options.events.http2Headers?.({
      connection: this.options.connection,
      side,
      stream: id,
      packet,
      role,
      fields,
    });
    if (side === "client") {
      if (t.method === undefined) {
        const method = get(":method");
        const authority = get(":authority") ?? get("host");
        const path = get(":path");
        if (method !== undefined) t.method = method;
        if (authority !== undefined) t.authority = authority;
        if (path !== undefined) t.path = path;
        t.requestPacket = packet;
        t.requestTime = time;
      }
    } else if (Number.isInteger(status) && status >= 200 && !state.responseHeaders) {
      state.responseHeaders = true;
      t.status = status;
      t.responsePacket = packet;
      t.responseTime = time;
      const server = get("server");
      if (server !== undefined) t.server = server;
      const length = Number(get("content-length"));
      if (Number.isSafeInteger(length) && length >= 0) t.declaredLength = length;
    }
    // Name and value pairs are only made for a Follow Stream transcript.
    return this.options.record ? fields.map((f) => [f.name, f.value] as const) : undefined;
  }

  private endStream(side: Side, id: number, packet: number, time: number): void {
    const state = this.streams.get(id);
    if (!state) return;
    if (side === "client") state.clientEnded = true;
    else {
      state.serverEnded = true;
      state.transaction.complete = state.responseHeaders;
      state.transaction.endPacket = packet;
      state.transaction.endTime = time;
      this.report(state);
    }
  }

  /** Bounded memory: the oldest open stream is reported as it stands. */
  private giveUpOldestStream(packet: number, time: number): void {
    const oldest = this.streams.values().next().value;
    if (!oldest) return;
    oldest.transaction.cut = "gap";
    oldest.transaction.endPacket ??= packet;
    oldest.transaction.endTime ??= time;
    this.report(oldest);
  }

  private report(state: StreamState): void {
    if (state.reported) return;
    state.reported = true;
    this.ended.push(state.transaction.stream);
    if (this.ended.length > 64) this.ended.shift();
    this.options.events.transaction(state.transaction);
    this.streams.delete(state.transaction.stream);
  }

  private reset(side: Side, id: number, code: string, packet: number, time: number): void {
    const state = this.streams.get(id);
    const t = state?.transaction;
    if (this.resets.length < 256) {
      this.resets.push({
        stream: id,
        by: side,
        code,
        packet,
        time,
        deliveredBefore: t?.responseBodyBytes ?? 0,
        afterEnd: !state && this.ended.includes(id),
        ...(t?.status !== undefined ? { status: t.status } : {}),
        ...(t?.declaredLength !== undefined ? { declaredLength: t.declaredLength } : {}),
      });
    }
    if (!state || !t) return;
    t.cut = "rst_stream";
    t.resetBy = side;
    t.resetCode = code;
    t.endPacket = packet;
    t.endTime = time;
    this.report(state);
  }

  private goaway(side: Side, last: number, code: string, debug: string, packet: number, time: number): void {
    let above = 0;
    let open = 0;
    for (const state of this.streams.values()) {
      const id = state.transaction.stream;
      if (id % 2 === 0) continue;
      if (id > last) above++;
      else open++;
    }
    if (this.goaways.length < 16) {
      this.goaways.push({
        by: side,
        code,
        lastStream: last,
        debug,
        packet,
        time,
        streamsAbove: above,
        openStreams: open,
      });
    }
    for (const state of [...this.streams.values()]) {
      const t = state.transaction;
      if (t.stream > last && t.stream % 2 === 1) {
        t.cut = "goaway";
        t.resetBy = side;
        t.resetCode = code;
        this.report(state);
      }
    }
  }

  /** The connection is over: streams still open are reported as cut short. */
  end(reason: CutReason, resetBy: Side | undefined, packet: number, time: number): void {
    for (const state of [...this.streams.values()]) {
      const t = state.transaction;
      if (t.method === undefined && t.status === undefined) {
        this.streams.delete(t.stream);
        continue;
      }
      t.cut = reason;
      if (resetBy) t.resetBy = resetBy;
      t.endPacket ??= packet;
      t.endTime ??= time;
      this.report(state);
    }
  }
}

function headerFragment(payload: Buffer, flags: number): Buffer | undefined {
  let start = 0;
  let end = payload.length;
  if (flags & Flag.PADDED) {
    if (payload.length < 1) return undefined;
    end -= payload[0] ?? 0;
    start = 1;
  }
  if (flags & Flag.PRIORITY) start += 5;
  if (start > end) return undefined;
  return payload.subarray(start, end);
}

/** What a Follow Stream transcript shows after a frame's type. */
function frameDetail(type: number, flags: number, length: number, payload: Buffer | undefined): string {
  switch (type) {
    case FrameType.DATA:
      return `${length} bytes`;
    case FrameType.RST_STREAM:
      return payload && payload.length >= 4 ? errorCodeName(payload.readUInt32BE(0)) : "";
    case FrameType.GOAWAY: {
      if (!payload || payload.length < 8) return "";
      const debug = payload.toString("latin1", 8, Math.min(payload.length, 8 + 200));
      return `last_stream=${payload.readUInt32BE(0) & 0x7fffffff} ${errorCodeName(payload.readUInt32BE(4))}${debug ? ` "${debug}"` : ""}`;
    }
    case FrameType.SETTINGS:
      return flags & Flag.ACK ? "ACK" : settingsText(payload);
    case FrameType.WINDOW_UPDATE:
      return payload && payload.length >= 4 ? `+${payload.readUInt32BE(0) & 0x7fffffff}` : "";
    case FrameType.PING:
      return flags & Flag.ACK ? "ACK" : "";
    default:
      return "";
  }
}

function settingsText(payload: Buffer | undefined): string {
  if (!payload) return "";
  const parts: string[] = [];
  for (let at = 0; at + 6 <= payload.length && parts.length < 16; at += 6) {
    const id = payload.readUInt16BE(at);
    parts.push(`${settingName(id)}=${payload.readUInt32BE(at + 2)}`);
  }
  return parts.join(" ");
}
