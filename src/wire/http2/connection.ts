import type { Finding } from "../../model/finding.ts";
import type { SourceRef } from "../../model/source.ts";
import {
  continuationFlood,
  controlFrameFlood,
  frameAboveAdvertisedSize,
  frameErrorFinding,
  goawayFinding,
  hpackErrorFinding,
  pingUnanswered,
  protocolViolation,
  rapidReset,
  windowOverrun,
  windowStall,
} from "./checks/connection.ts";
import { FIELD_CHECKS } from "./checks/fields.ts";
import { type Direction, type HeaderBlockContext, type MessageRole, otherSide } from "./checks/finding.ts";
import { PSEUDO_CHECKS } from "./checks/pseudo.ts";
import { contentLengthMismatch, resetFinding, streamEndedEarly } from "./checks/streams.ts";
import {
  DEFAULT_INITIAL_WINDOW,
  DEFAULT_MAX_FRAME_SIZE,
  ErrorCode,
  errorCodeName,
  MAX_WINDOW,
  SettingId,
} from "./constants.ts";
import { FrameDecoder } from "./frame-decoder.ts";
import type { Frame, FrameError, GoawayFrame } from "./frames.ts";
import { type HeaderField, HpackDecoder } from "./hpack/decoder.ts";
import type { StreamSummary } from "./stream.ts";

export type { Direction } from "./checks/finding.ts";

export interface ConnectionCaps {
  /** Largest frame payload accepted from either side (default: the peer's SETTINGS, at most 16 MiB). */
  readonly maxFrameSize?: number;
  /** Largest compressed header block kept (HEADERS plus CONTINUATIONs). */
  readonly maxHeaderBlockSize?: number;
  /** Largest decoded header list kept per block. */
  readonly maxHeaderListSize?: number;
  /** Streams tracked at once; more are counted but not followed. */
  readonly maxOpenStreams?: number;
  /** Findings kept per code; more are counted. */
  readonly maxFindingsPerCode?: number;
}

export interface ConnectionOptions {
  /** The source id put in every SourceRef (`file.bin`, `probe:https://…`, `capture.pcap`). */
  readonly source?: string;
  /** Whether the client's bytes start with the connection preface (default: detect). */
  readonly clientPreface?: boolean | "auto";
  readonly caps?: ConnectionCaps;
  /** A window held at zero longer than this (with timestamps) is a stall finding. */
  readonly stallMs?: number;
  /** Where each direction's bytes start in the source, when one file holds both (added to `byte`). */
  readonly sourceOffsets?: Partial<Record<Direction, number>>;
}

/** What the caller knows about a chunk of bytes: when it arrived and in which packet. */
export interface FeedMeta {
  /** Milliseconds since the epoch (or any monotonic origin, used only for differences). */
  readonly time?: number;
  readonly packet?: number;
}

export interface HeaderBlockEvent {
  readonly kind: "headers";
  readonly direction: Direction;
  readonly streamId: number;
  readonly role: MessageRole;
  /** Undefined when the block could not be decoded (see the finding). */
  readonly fields?: readonly HeaderField[];
  readonly endStream: boolean;
  readonly ref: SourceRef;
  readonly findings: readonly Finding[];
}

export type ConnectionEvent =
  | { readonly kind: "preface"; readonly direction: Direction; readonly ref: SourceRef }
  | { readonly kind: "frame"; readonly direction: Direction; readonly frame: Frame; readonly ref: SourceRef }
  | { readonly kind: "frame-error"; readonly direction: Direction; readonly error: FrameError; readonly ref: SourceRef }
  | HeaderBlockEvent
  | { readonly kind: "ping-ack"; readonly direction: Direction; readonly rttMs?: number; readonly ref: SourceRef }
  | { readonly kind: "stream-closed"; readonly stream: StreamSummary }
  | { readonly kind: "finding"; readonly finding: Finding };

interface OpenBlock {
  readonly streamId: number;
  readonly role: MessageRole | undefined;
  readonly fragments: Uint8Array[];
  size: number;
  frames: number;
  overflow: boolean;
  floodReported: boolean;
  readonly endStream: boolean;
  readonly ref: SourceRef;
}

interface PendingPing {
  readonly ref: SourceRef;
  readonly time?: number;
  peerFramesAfter: number;
}

interface Stall {
  readonly since?: number;
  readonly ref: SourceRef;
}

interface Side {
  readonly decoder: FrameDecoder;
  /** Decodes the header blocks this side sends. */
  readonly hpack: HpackDecoder;
  hpackBroken: boolean;
  /** The SETTINGS this side advertised. */
  readonly settings: Map<number, number>;
  openBlock: OpenBlock | undefined;
  /** How much DATA this side may still send on the connection. */
  window: number;
  /** Per stream: how much DATA this side may still send. */
  readonly streamWindows: Map<number, number>;
  readonly stalls: Map<number, Stall>;
  readonly pings: Map<string, PendingPing>;
  readonly counts: { settings: number; pings: number; emptyFrames: number; resetsSent: number };
  /** Highest stream id this side opened. */
  highestOpened: number;
  goaway?: GoawayFrame;
  /** Chunk starts for mapping byte offsets to packets and times (bounded). */
  readonly pushes: { start: number; meta: FeedMeta }[];
  received: number;
  bytesSeen: boolean;
  ended: boolean;
  lastFrameRef?: SourceRef;
}

const HEADER_CHECKS = [...PSEUDO_CHECKS, ...FIELD_CHECKS];

const DEFAULT_CAPS = {
  maxFrameSize: 16_777_215,
  maxHeaderBlockSize: 256 * 1024,
  maxHeaderListSize: 256 * 1024,
  maxOpenStreams: 10_000,
  maxFindingsPerCode: 100,
} as const;

const MAX_PUSHES = 4096;
const MAX_PENDING_PINGS = 64;
const RECENTLY_CLOSED = 256;

/**
 * The state of one HTTP/2 connection, fed with the bytes of each direction as they arrive
 * (live from the probe, or reassembled from a capture). It decodes frames and header blocks,
 * follows streams, settings and flow-control windows, and runs the PD3xxx checks. Every event
 * carries a SourceRef with the byte offset in its direction, the frame number in the connection
 * and, when the caller said so, the packet and time. Never throws; memory is bounded by the caps.
 */
export class Http2Connection {
  readonly #source: string;
  readonly #caps: Required<ConnectionCaps>;
  readonly #stallMs: number;
  readonly #sourceOffsets: Record<Direction, number>;
  readonly #sides: Record<Direction, Side>;
  readonly #streams = new Map<number, StreamSummary>();
  readonly #recentlyClosed = new Map<number, StreamSummary>();
  readonly #findingCounts = new Map<string, number>();
  #frames = 0;
  #streamsOpened = 0;
  #untracked = 0;
  #quickResets = 0;
  #finished = false;

  constructor(options: ConnectionOptions = {}) {
    this.#source = options.source ?? "-";
    this.#caps = { ...DEFAULT_CAPS, ...options.caps };
    this.#stallMs = options.stallMs ?? 1000;
    this.#sourceOffsets = { client: options.sourceOffsets?.client ?? 0, server: options.sourceOffsets?.server ?? 0 };
    // "auto" on the server side recognises HTTP/1 or TLS bytes where frames were expected.
    this.#sides = { client: this.#newSide(options.clientPreface ?? "auto"), server: this.#newSide("auto") };
  }

  #newSide(preface: boolean | "auto"): Side {
    return {
      // Until SETTINGS say otherwise, accept frames up to the cap: we diagnose, we do not enforce.
      decoder: new FrameDecoder({ preface, maxFrameSize: this.#caps.maxFrameSize }),
      hpack: new HpackDecoder({ maxHeaderListSize: this.#caps.maxHeaderListSize }),
      hpackBroken: false,
      openBlock: undefined,
      settings: new Map(),
      window: DEFAULT_INITIAL_WINDOW,
      streamWindows: new Map(),
      stalls: new Map(),
      pings: new Map(),
      counts: { settings: 0, pings: 0, emptyFrames: 0, resetsSent: 0 },
      highestOpened: 0,
      pushes: [],
      received: 0,
      bytesSeen: false,
      ended: false,
    };
  }

  /** Streams still followed (closed ones are handed out in `stream-closed` events and dropped). */
  streams(): StreamSummary[] {
    return [...this.#streams.values()];
  }

  /** The SETTINGS each side advertised, by parameter id. */
  settings(direction: Direction): ReadonlyMap<number, number> {
    return this.#sides[direction].settings;
  }

  get frameCount(): number {
    return this.#frames;
  }

  /** Streams beyond `maxOpenStreams`, counted but not followed. */
  get untrackedStreams(): number {
    return this.#untracked;
  }

  push(direction: Direction, bytes: Uint8Array, meta: FeedMeta = {}): ConnectionEvent[] {
    const side = this.#sides[direction];
    const out: ConnectionEvent[] = [];
    if (this.#finished || side.ended || bytes.length === 0) return out;
    side.bytesSeen = true;
    if (side.pushes.length >= MAX_PUSHES) side.pushes.splice(0, MAX_PUSHES / 2);
    side.pushes.push({ start: side.received, meta });
    side.received += bytes.length;
    for (const event of side.decoder.push(bytes)) this.#onDecoderEvent(direction, event, out);
    return out;
  }

  /** One direction closed (FIN or the end of its bytes). */
  end(direction: Direction): ConnectionEvent[] {
    const side = this.#sides[direction];
    const out: ConnectionEvent[] = [];
    if (side.ended) return out;
    for (const event of side.decoder.end()) this.#onDecoderEvent(direction, event, out);
    side.ended = true;
    return out;
  }

  /** The connection is over: ends both directions and reports what was left open. */
  finish(): ConnectionEvent[] {
    if (this.#finished) return [];
    const out = [...this.end("client"), ...this.end("server")];
    this.#finished = true;
    for (const direction of ["client", "server"] as const) this.#finishSide(direction, out);
    const anyRef = this.#sides.client.lastFrameRef ?? this.#sides.server.lastFrameRef ?? { source: this.#source };
    this.#emit(out, rapidReset(this.#quickResets, this.#streamsOpened, anyRef));
    for (const stream of [...this.#streams.values()]) {
      for (const direction of ["client", "server"] as const) this.#emit(out, streamEndedEarly(stream, direction, true));
      this.#close(stream, out);
    }
    return out;
  }

  #finishSide(direction: Direction, out: ConnectionEvent[]): void {
    const side = this.#sides[direction];
    const ref = side.lastFrameRef ?? { source: this.#source };
    this.#emit(out, controlFrameFlood(direction, side.counts, ref));
    const block = side.openBlock;
    if (block && !block.floodReported)
      this.#emit(out, continuationFlood(direction, block.streamId, block.frames, block.size, false, block.ref));
    const peerSeen = this.#sides[otherSide(direction)].bytesSeen;
    if (peerSeen) {
      const waiting = [...side.pings.values()].filter((p) => p.peerFramesAfter > 0);
      const first = waiting[0];
      if (first) this.#emit(out, pingUnanswered(direction, waiting.length, first.peerFramesAfter, first.ref));
    }
    for (const [streamId, stall] of side.stalls) {
      const stream = this.#streams.get(streamId);
      const stillSending =
        streamId === 0
          ? [...this.#streams.values()].some((s) => !s.endStream[direction] && !s.reset)
          : stream !== undefined && !stream.endStream[direction] && !stream.reset;
      if (stillSending) this.#emit(out, windowStall(direction, streamId, undefined, true, stall.ref));
    }
  }

  #ref(direction: Direction, offset: number, length: number, streamId?: number): SourceRef {
    const meta = this.#metaAt(direction, offset);
    const ref: { -readonly [K in keyof SourceRef]: SourceRef[K] } = {
      source: this.#source,
      byte: offset + this.#sourceOffsets[direction],
      length,
      frame: this.#frames,
    };
    if (streamId) ref.stream = streamId;
    if (meta.packet !== undefined) ref.packet = meta.packet;
    if (meta.time !== undefined) ref.time = new Date(meta.time).toISOString();
    return ref;
  }

  #metaAt(direction: Direction, offset: number): FeedMeta {
    const pushes = this.#sides[direction].pushes;
    let lo = 0;
    let hi = pushes.length - 1;
    let found: FeedMeta = {};
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const push = pushes[mid]!;
      if (push.start <= offset) {
        found = push.meta;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  #emit(out: ConnectionEvent[], findings: readonly Finding[]): void {
    for (const finding of findings) {
      const count = (this.#findingCounts.get(finding.code) ?? 0) + 1;
      this.#findingCounts.set(finding.code, count);
      if (count <= this.#caps.maxFindingsPerCode) out.push({ kind: "finding", finding });
    }
  }

  #onDecoderEvent(direction: Direction, event: ReturnType<FrameDecoder["push"]>[number], out: ConnectionEvent[]): void {
    if (event.kind === "preface") {
      out.push({ kind: "preface", direction, ref: this.#ref(direction, event.offset, 24) });
      return;
    }
    if (event.kind === "error") {
      const error = event.error;
      if (error.index && error.index > 0 && error.reason === "frame-too-large") this.#frames++;
      const ref = this.#ref(direction, error.offset, error.length, error.streamId);
      out.push({ kind: "frame-error", direction, error, ref });
      this.#emit(out, frameErrorFinding(error, direction, ref));
      return;
    }
    this.#frames++;
    const frame = event.frame;
    const ref = this.#ref(direction, frame.offset, 9 + frame.length, frame.streamId);
    const side = this.#sides[direction];
    side.lastFrameRef = ref;
    out.push({ kind: "frame", direction, frame, ref });
    for (const ping of this.#sides[otherSide(direction)].pings.values()) ping.peerFramesAfter++;
    if (side.openBlock && !(frame.kind === "CONTINUATION" && frame.streamId === side.openBlock.streamId)) {
      const detail = `${frame.kind} on stream ${frame.streamId} while the header block of stream ${side.openBlock.streamId} still awaits CONTINUATION (RFC 9113 §6.10)`;
      this.#emit(out, protocolViolation(direction, frame.streamId, detail, ref));
      side.openBlock = undefined;
      side.hpackBroken = true;
    }
    const advertised =
      this.#sides[otherSide(direction)].settings.get(SettingId.MAX_FRAME_SIZE) ?? DEFAULT_MAX_FRAME_SIZE;
    this.#emit(out, frameAboveAdvertisedSize(direction, frame.streamId, frame.length, advertised, ref));
    this.#onFrame(direction, frame, ref, out);
  }

  #onFrame(direction: Direction, frame: Frame, ref: SourceRef, out: ConnectionEvent[]): void {
    const side = this.#sides[direction];
    switch (frame.kind) {
      case "DATA":
        this.#onData(direction, frame, ref, out);
        return;
      case "HEADERS": {
        side.openBlock = this.#newBlock(frame.streamId, undefined, frame.block, frame.endStream, ref);
        if (frame.endHeaders) this.#completeBlock(direction, out);
        return;
      }
      case "PUSH_PROMISE":
        side.openBlock = this.#newBlock(frame.promisedStreamId, "push-request", frame.block, false, ref);
        if (frame.endHeaders) this.#completeBlock(direction, out);
        return;
      case "CONTINUATION":
        this.#onContinuation(direction, frame.streamId, frame.block, frame.endHeaders, ref, out);
        return;
      case "RST_STREAM":
        this.#onReset(direction, frame.streamId, frame.errorCode, ref, out);
        return;
      case "SETTINGS":
        if (!frame.ack) {
          side.counts.settings++;
          for (const setting of frame.settings) this.#applySetting(direction, setting.id, setting.value);
        }
        return;
      case "PING":
        this.#onPing(direction, frame.ack, frame.data, ref, out);
        return;
      case "GOAWAY":
        this.#onGoaway(direction, frame, ref, out);
        return;
      case "WINDOW_UPDATE":
        this.#onWindowUpdate(direction, frame.streamId, frame.increment, ref, out);
        return;
      default:
        return;
    }
  }

  #newBlock(
    streamId: number,
    role: MessageRole | undefined,
    block: Uint8Array,
    endStream: boolean,
    ref: SourceRef,
  ): OpenBlock {
    const overflow = block.length > this.#caps.maxHeaderBlockSize;
    return {
      streamId,
      role,
      fragments: overflow ? [] : [block],
      size: block.length,
      frames: 1,
      overflow,
      floodReported: false,
      endStream,
      ref,
    };
  }

  #onContinuation(
    direction: Direction,
    streamId: number,
    fragment: Uint8Array,
    endHeaders: boolean,
    ref: SourceRef,
    out: ConnectionEvent[],
  ): void {
    const side = this.#sides[direction];
    const block = side.openBlock;
    if (!block) {
      this.#emit(
        out,
        protocolViolation(
          direction,
          streamId,
          "CONTINUATION without a preceding HEADERS or PUSH_PROMISE (RFC 9113 §6.10)",
          ref,
        ),
      );
      return;
    }
    block.frames++;
    block.size += fragment.length;
    if (fragment.length === 0) side.counts.emptyFrames++;
    if (block.size > this.#caps.maxHeaderBlockSize) {
      block.overflow = true;
      block.fragments.length = 0;
    } else block.fragments.push(fragment);
    if (!block.floodReported) {
      const flood = continuationFlood(direction, streamId, block.frames, block.size, endHeaders, block.ref);
      if (flood.length > 0) block.floodReported = true;
      this.#emit(out, flood);
    }
    if (endHeaders) this.#completeBlock(direction, out);
  }

  #completeBlock(direction: Direction, out: ConnectionEvent[]): void {
    const side = this.#sides[direction];
    const block = side.openBlock!;
    side.openBlock = undefined;
    const stream = this.#streamFor(direction, block.streamId, block.ref, out, block.role === "push-request");
    let fields: readonly HeaderField[] | undefined;
    if (block.overflow) {
      const detail = `header block of ${block.size} octets exceeds the cap of ${this.#caps.maxHeaderBlockSize}`;
      this.#emit(
        out,
        hpackErrorFinding(
          { reason: "header-list-too-large", offset: 0, message: detail },
          direction,
          block.streamId,
          block.ref,
        ),
      );
      side.hpackBroken = true;
    } else if (!side.hpackBroken) {
      const result = side.hpack.decode(block.fragments.length === 1 ? block.fragments[0]! : concatAll(block.fragments));
      if (result.error) {
        this.#emit(out, hpackErrorFinding(result.error, direction, block.streamId, block.ref));
        if (result.error.reason !== "header-list-too-large") side.hpackBroken = true;
      }
      if (!result.error || result.error.reason === "header-list-too-large") fields = result.fields;
      const advertised = this.#sides[otherSide(direction)].settings.get(SettingId.MAX_HEADER_LIST_SIZE);
      if (!result.error && advertised !== undefined && result.listSize > advertised) {
        const detail = `header list of ${result.listSize} octets exceeds the peer's SETTINGS_MAX_HEADER_LIST_SIZE ${advertised}`;
        this.#emit(
          out,
          hpackErrorFinding(
            { reason: "header-list-too-large", offset: 0, message: detail },
            direction,
            block.streamId,
            block.ref,
          ),
        );
      }
    }
    const role = block.role ?? this.#roleOf(direction, stream, fields);
    const findings: Finding[] = [];
    if (fields) {
      const context: HeaderBlockContext = { role, direction, streamId: block.streamId, fields, ref: block.ref };
      for (const check of HEADER_CHECKS) for (const finding of check(context)) findings.push(finding);
    }
    if (stream && fields) this.#record(stream, role, fields);
    out.push({
      kind: "headers",
      direction,
      streamId: block.streamId,
      role,
      ...(fields ? { fields } : {}),
      endStream: block.endStream,
      ref: block.ref,
      findings,
    });
    this.#emit(out, findings);
    if (stream && block.endStream) this.#endStream(stream, direction, block.ref, out);
  }

  /** The block's role from its pseudo-headers, else from what the stream has already seen. */
  #roleOf(
    direction: Direction,
    stream: StreamSummary | undefined,
    fields: readonly HeaderField[] | undefined,
  ): MessageRole {
    const status = fields?.find((f) => f.name === ":status")?.value;
    if (status !== undefined) return /^1\d\d$/.test(status) ? "informational" : "response";
    if (fields?.some((f) => f.name === ":method")) return "request";
    const started = direction === "client" ? stream?.request !== undefined : stream?.response !== undefined;
    if (started) return "trailers";
    return direction === "client" ? "request" : "response";
  }

  #record(stream: StreamSummary, role: MessageRole, fields: readonly HeaderField[]): void {
    if (role === "request" || role === "push-request") stream.request ??= fields;
    else if (role === "response") stream.response ??= fields;
    else if (role === "informational") stream.informational++;
    else stream.trailers = fields;
  }

  #streamFor(
    direction: Direction,
    streamId: number,
    ref: SourceRef,
    out: ConnectionEvent[],
    promised = false,
  ): StreamSummary | undefined {
    const existing = this.#streams.get(streamId);
    if (existing) {
      if (existing.endStream[direction] && !promised) {
        const detail = `header block on stream ${streamId} after the ${direction} ended it (RFC 9113 §5.1, STREAM_CLOSED)`;
        this.#emit(out, protocolViolation(direction, streamId, detail, ref));
      }
      existing.lastRef = ref;
      return existing;
    }
    const opener: Direction = streamId % 2 === 1 ? "client" : "server";
    const openerSide = this.#sides[opener];
    const closed = this.#recentlyClosed.get(streamId);
    // Frames already in flight when a stream was reset are allowed; anything else on a closed stream is not.
    const lateOnClosed = closed
      ? !closed.reset && closed.endStream[direction]
      : streamId <= openerSide.highestOpened && this.#untracked === 0;
    if (lateOnClosed && !promised) {
      const detail = `header block on stream ${streamId}, which is closed or below the highest stream id already opened (RFC 9113 §5.1.1)`;
      this.#emit(out, protocolViolation(direction, streamId, detail, ref));
    }
    if (closed || streamId <= openerSide.highestOpened) return undefined;
    if (!promised && opener !== direction) {
      const detail = `${direction} opened stream ${streamId}, whose parity belongs to the ${opener} (RFC 9113 §5.1.1)`;
      this.#emit(out, protocolViolation(direction, streamId, detail, ref));
    }
    openerSide.highestOpened = streamId;
    if (this.#streams.size >= this.#caps.maxOpenStreams) {
      this.#untracked++;
      return undefined;
    }
    this.#streamsOpened++;
    const stream: StreamSummary = {
      id: streamId,
      state: "open",
      informational: 0,
      dataBytes: { client: 0, server: 0 },
      endStream: { client: false, server: false },
      firstRef: ref,
      lastRef: ref,
    };
    this.#streams.set(streamId, stream);
    return stream;
  }

  #onData(direction: Direction, frame: Extract<Frame, { kind: "DATA" }>, ref: SourceRef, out: ConnectionEvent[]): void {
    const side = this.#sides[direction];
    const stream = this.#streams.get(frame.streamId);
    const closed = this.#recentlyClosed.get(frame.streamId);
    if (frame.data.length === 0 && !frame.endStream) side.counts.emptyFrames++;
    this.#consumeWindow(direction, frame.streamId, frame.length, ref, out, stream !== undefined && !frame.endStream);
    if (!stream) {
      const ended = closed
        ? closed.endStream[direction] && !closed.reset
        : frame.streamId > this.#sides[frame.streamId % 2 === 1 ? "client" : "server"].highestOpened;
      if (ended) {
        const detail = closed
          ? `DATA on stream ${frame.streamId} after its END_STREAM (RFC 9113 §5.1, STREAM_CLOSED)`
          : `DATA on idle stream ${frame.streamId}, before any HEADERS (RFC 9113 §5.1)`;
        this.#emit(out, protocolViolation(direction, frame.streamId, detail, ref));
      }
      return;
    }
    stream.lastRef = ref;
    const started = direction === "client" ? stream.request !== undefined : stream.response !== undefined;
    if (!started)
      this.#emit(
        out,
        protocolViolation(
          direction,
          frame.streamId,
          `DATA on stream ${frame.streamId} before its HEADERS (RFC 9113 §8.1)`,
          ref,
        ),
      );
    if (stream.endStream[direction]) {
      this.#emit(
        out,
        protocolViolation(
          direction,
          frame.streamId,
          `DATA on stream ${frame.streamId} after its END_STREAM (RFC 9113 §5.1, STREAM_CLOSED)`,
          ref,
        ),
      );
      return;
    }
    stream.dataBytes[direction] += frame.data.length;
    if (frame.endStream) this.#endStream(stream, direction, ref, out);
  }

  #consumeWindow(
    direction: Direction,
    streamId: number,
    length: number,
    ref: SourceRef,
    out: ConnectionEvent[],
    moreToCome: boolean,
  ): void {
    const side = this.#sides[direction];
    const before = side.window;
    side.window -= length;
    if (side.window < 0 && before >= 0) this.#emit(out, windowOverrun(direction, 0, side.window, ref));
    if (side.window <= 0 && moreToCome && !side.stalls.has(0)) side.stalls.set(0, this.#stallAt(ref));
    const streamWindow = side.streamWindows.get(streamId) ?? this.#initialWindow(direction);
    const after = streamWindow - length;
    side.streamWindows.set(streamId, after);
    if (after < 0 && streamWindow >= 0) this.#emit(out, windowOverrun(direction, streamId, after, ref));
    if (after <= 0 && moreToCome && !side.stalls.has(streamId)) side.stalls.set(streamId, this.#stallAt(ref));
  }

  #stallAt(ref: SourceRef): Stall {
    return ref.time !== undefined ? { since: Date.parse(ref.time), ref } : { ref };
  }

  /** The stream window a sender starts with: the receiver's SETTINGS_INITIAL_WINDOW_SIZE. */
  #initialWindow(sender: Direction): number {
    return this.#sides[otherSide(sender)].settings.get(SettingId.INITIAL_WINDOW_SIZE) ?? DEFAULT_INITIAL_WINDOW;
  }

  #onWindowUpdate(
    direction: Direction,
    streamId: number,
    increment: number,
    ref: SourceRef,
    out: ConnectionEvent[],
  ): void {
    const sender = this.#sides[otherSide(direction)];
    if (increment === 0) return;
    let window: number;
    if (streamId === 0) {
      sender.window += increment;
      window = sender.window;
    } else {
      if (!this.#streams.has(streamId)) return;
      window = (sender.streamWindows.get(streamId) ?? this.#initialWindow(otherSide(direction))) + increment;
      sender.streamWindows.set(streamId, window);
    }
    if (window > MAX_WINDOW) {
      const detail = `WINDOW_UPDATE raises the ${streamId ? `stream ${streamId}` : "connection"} window to ${window}, above 2^31-1 (RFC 9113 §6.9.1, FLOW_CONTROL_ERROR)`;
      this.#emit(out, protocolViolation(direction, streamId, detail, ref));
    }
    const stall = sender.stalls.get(streamId);
    if (stall && window > 0) {
      sender.stalls.delete(streamId);
      const now = ref.time !== undefined ? Date.parse(ref.time) : undefined;
      if (stall.since !== undefined && now !== undefined && now - stall.since >= this.#stallMs)
        this.#emit(out, windowStall(otherSide(direction), streamId, now - stall.since, false, stall.ref));
    }
  }

  #applySetting(direction: Direction, id: number, value: number): void {
    const side = this.#sides[direction];
    const peer = this.#sides[otherSide(direction)];
    if (id === SettingId.HEADER_TABLE_SIZE) peer.hpack.setMaxTableSize(value);
    if (id === SettingId.MAX_FRAME_SIZE && value >= 16_384)
      peer.decoder.setMaxFrameSize(Math.min(Math.max(value, 16_384), this.#caps.maxFrameSize));
    if (id === SettingId.INITIAL_WINDOW_SIZE) {
      const delta = value - (side.settings.get(id) ?? DEFAULT_INITIAL_WINDOW);
      for (const [streamId, window] of peer.streamWindows) peer.streamWindows.set(streamId, window + delta);
    }
    side.settings.set(id, value);
  }

  #onPing(direction: Direction, ack: boolean, data: Uint8Array, ref: SourceRef, out: ConnectionEvent[]): void {
    const key = Buffer.from(data).toString("hex");
    if (!ack) {
      const side = this.#sides[direction];
      side.counts.pings++;
      if (side.pings.size < MAX_PENDING_PINGS)
        side.pings.set(key, {
          ref,
          ...(ref.time !== undefined ? { time: Date.parse(ref.time) } : {}),
          peerFramesAfter: 0,
        });
      return;
    }
    const pending = this.#sides[otherSide(direction)].pings;
    const ping = pending.get(key);
    if (!ping) return;
    pending.delete(key);
    const now = ref.time !== undefined ? Date.parse(ref.time) : undefined;
    out.push({
      kind: "ping-ack",
      direction,
      ...(ping.time !== undefined && now !== undefined ? { rttMs: now - ping.time } : {}),
      ref,
    });
  }

  #onGoaway(direction: Direction, frame: GoawayFrame, ref: SourceRef, out: ConnectionEvent[]): void {
    this.#sides[direction].goaway = frame;
    // Streams the receiver opened above last_stream_id were not processed and may be retried (RFC 9113 §6.8).
    const receiver = otherSide(direction);
    let above = 0;
    for (const stream of this.#streams.values()) {
      const openedByReceiver = (stream.id % 2 === 1) === (receiver === "client");
      if (openedByReceiver && stream.id > frame.lastStreamId) {
        stream.refusedByGoaway = true;
        above++;
      }
    }
    this.#emit(out, goawayFinding(frame, direction, ref, above));
  }

  #onReset(direction: Direction, streamId: number, errorCode: number, ref: SourceRef, out: ConnectionEvent[]): void {
    this.#sides[direction].counts.resetsSent++;
    const open = this.#streams.get(streamId);
    // A reset right after both sides ended still says something: the receiver refused what it got.
    const stream = open ?? this.#recentlyClosed.get(streamId);
    if (!stream || stream.reset) return;
    stream.lastRef = ref;
    stream.reset = { by: direction, errorCode, errorName: errorCodeName(errorCode), ref };
    if (direction === "client" && stream.response === undefined && errorCode === ErrorCode.CANCEL) this.#quickResets++;
    this.#emit(out, resetFinding(stream));
    if (open) this.#close(stream, out);
  }

  #endStream(stream: StreamSummary, direction: Direction, ref: SourceRef, out: ConnectionEvent[]): void {
    stream.endStream[direction] = true;
    stream.lastRef = ref;
    this.#sides[direction].stalls.delete(stream.id);
    this.#emit(out, contentLengthMismatch(stream, direction));
    if (stream.endStream.client && stream.endStream.server) this.#close(stream, out);
    else stream.state = direction === "client" ? "half-closed-client" : "half-closed-server";
  }

  #close(stream: StreamSummary, out: ConnectionEvent[]): void {
    stream.state = "closed";
    this.#streams.delete(stream.id);
    for (const side of Object.values(this.#sides)) {
      side.streamWindows.delete(stream.id);
      side.stalls.delete(stream.id);
    }
    this.#recentlyClosed.set(stream.id, stream);
    if (this.#recentlyClosed.size > RECENTLY_CLOSED)
      this.#recentlyClosed.delete(this.#recentlyClosed.keys().next().value!);
    out.push({ kind: "stream-closed", stream });
  }
}

function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
