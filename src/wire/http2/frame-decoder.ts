import { CLIENT_PREFACE, DEFAULT_MAX_FRAME_SIZE, ErrorCode, FRAME_HEADER_LENGTH } from "./constants.ts";
import { frameError, parseFrame } from "./frame-parse.ts";
import type { Frame, FrameError, FrameHeader } from "./frames.ts";

export type FrameDecoderEvent =
  | { readonly kind: "preface"; readonly offset: number }
  | { readonly kind: "frame"; readonly frame: Frame }
  | { readonly kind: "error"; readonly error: FrameError };

export interface FrameDecoderOptions {
  /**
   * `true`: the bytes must start with the client preface (a client's direction); `false`: frames
   * from the first byte (a server's direction); `"auto"` (default): consume the preface when present.
   */
  readonly preface?: boolean | "auto";
  /** Largest payload accepted (SETTINGS_MAX_FRAME_SIZE of the receiver); larger frames are skipped. */
  readonly maxFrameSize?: number;
}

type State = "preface" | "frames" | "dead";

/**
 * Incremental HTTP/2 frame decoder for one direction of a connection: `push` bytes as they
 * arrive, `end` when the direction closes. The events are the same however the bytes are split.
 * Memory is bounded by one frame of at most `maxFrameSize` octets; oversized frames are skipped
 * without being buffered. Frames may reference the pushed chunks; do not mutate them afterwards.
 */
export class FrameDecoder {
  #state: State;
  readonly #autoPreface: boolean;
  #maxFrameSize: number;
  /** Offset of the first octet not yet consumed (pending octets are not consumed yet). */
  #offset = 0;
  /** Octets of an incomplete frame (or preface) carried over to the next push. */
  #buf: Uint8Array = new Uint8Array(0);
  #len = 0;
  #skip = 0;
  #index = 0;

  constructor(options: FrameDecoderOptions = {}) {
    const preface = options.preface ?? "auto";
    this.#state = preface === false ? "frames" : "preface";
    this.#autoPreface = preface === "auto";
    this.#maxFrameSize = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
  }

  /** The number of frames decoded so far. */
  get frameCount(): number {
    return this.#index;
  }

  /** Octets held for an incomplete frame; never more than one frame of at most maxFrameSize. */
  get bufferedBytes(): number {
    return this.#buf.length;
  }

  /** The receiver's SETTINGS_MAX_FRAME_SIZE changed (after its SETTINGS was acknowledged). */
  setMaxFrameSize(size: number): void {
    this.#maxFrameSize = size;
  }

  push(chunk: Uint8Array): FrameDecoderEvent[] {
    const events: FrameDecoderEvent[] = [];
    let input = this.#consumeSkip(chunk);
    while (input.length > 0) {
      if (this.#state === "dead") {
        this.#offset += input.length;
        break;
      }
      if (this.#state === "preface") {
        input = this.#feedPreface(input, events);
        continue;
      }
      if (this.#len > 0) {
        input = this.#feedPending(input, events);
        continue;
      }
      const at = this.#drainWhole(input, events);
      const rest = input.subarray(at);
      if (this.#skip > 0) {
        input = this.#consumeSkip(rest);
        continue;
      }
      this.#append(rest);
      break;
    }
    return events;
  }

  /** The direction closed: a partial frame or preface left over is reported. */
  end(): FrameDecoderEvent[] {
    const events: FrameDecoderEvent[] = [];
    if (this.#state === "preface" && this.#len > 0) {
      const verdict = this.#readPreface(this.#buf.subarray(0, this.#len), events, true);
      if (verdict === "frames") return [...events, ...this.end()];
    }
    const left = this.#len + this.#skip;
    if (left > 0 && this.#state !== "dead") {
      const header: FrameHeader = {
        type: this.#len >= 4 ? this.#buf[3]! : -1,
        flags: 0,
        streamId: 0,
        length: Math.max(0, left - FRAME_HEADER_LENGTH),
        offset: this.#offset,
        index: this.#index + 1,
      };
      const what = this.#state === "preface" ? "connection preface" : "frame";
      const message = `the bytes end inside a ${what}: ${left} octets missing or left over`;
      const error = frameError(header, "truncated-frame", ErrorCode.PROTOCOL_ERROR, "connection", message);
      events.push({ kind: "error", error: { ...error, length: this.#len } });
    }
    this.#len = 0;
    this.#buf = new Uint8Array(0);
    this.#skip = 0;
    this.#state = "dead";
    return events;
  }

  #consumeSkip(input: Uint8Array): Uint8Array {
    if (this.#skip === 0) return input;
    const skipped = Math.min(this.#skip, input.length);
    this.#skip -= skipped;
    this.#offset += skipped;
    return input.subarray(skipped);
  }

  #append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const needed = this.#len + bytes.length;
    if (needed > this.#buf.length) {
      const grown = new Uint8Array(
        Math.max(needed, Math.min(this.#buf.length * 2, FRAME_HEADER_LENGTH + this.#maxFrameSize), 64),
      );
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    this.#buf.set(bytes, this.#len);
    this.#len = needed;
  }

  /** Collects the preface (at most 24 octets) and decides whether it is there. */
  #feedPreface(input: Uint8Array, events: FrameDecoderEvent[]): Uint8Array {
    const take = Math.min(CLIENT_PREFACE.length - this.#len, input.length);
    this.#append(input.subarray(0, take));
    const verdict = this.#readPreface(this.#buf.subarray(0, this.#len), events);
    if (verdict === "wait") return input.subarray(take);
    if (verdict === "dead") {
      this.#offset += this.#len + input.length - take;
      this.#len = 0;
      return new Uint8Array(0);
    }
    if (verdict === "preface") {
      this.#offset += CLIENT_PREFACE.length;
      this.#len = 0;
      return input.subarray(take);
    }
    // No preface: the collected octets (at most 24) go back in front of the rest, as frames.
    const rest = input.subarray(take);
    const carried = new Uint8Array(this.#len + rest.length);
    carried.set(this.#buf.subarray(0, this.#len));
    carried.set(rest, this.#len);
    this.#len = 0;
    return carried;
  }

  /** Completes the frame whose first octets are pending, copying only what that frame needs. */
  #feedPending(input: Uint8Array, events: FrameDecoderEvent[]): Uint8Array {
    let rest = input;
    if (this.#len < FRAME_HEADER_LENGTH) {
      const take = Math.min(FRAME_HEADER_LENGTH - this.#len, rest.length);
      this.#append(rest.subarray(0, take));
      rest = rest.subarray(take);
      if (this.#len < FRAME_HEADER_LENGTH) return rest;
    }
    const header = this.#readHeader(this.#buf, 0);
    if (header.length > this.#maxFrameSize) {
      this.#tooLarge(header, events);
      this.#skip = header.length - (this.#len - FRAME_HEADER_LENGTH);
      this.#offset += this.#len;
      this.#len = 0;
      return this.#consumeSkip(rest);
    }
    const total = FRAME_HEADER_LENGTH + header.length;
    const take = Math.min(total - this.#len, rest.length);
    this.#append(rest.subarray(0, take));
    rest = rest.subarray(take);
    if (this.#len < total) return rest;
    this.#index++;
    // A copy: the pending buffer is reused for the next frame.
    this.#emit(header, this.#buf.slice(FRAME_HEADER_LENGTH, total), events);
    this.#offset += total;
    this.#len = 0;
    return rest;
  }

  /** Decodes every complete frame at the start of `data` without copying; returns where it stopped. */
  #drainWhole(data: Uint8Array, events: FrameDecoderEvent[]): number {
    let at = 0;
    while (data.length - at >= FRAME_HEADER_LENGTH) {
      const header = this.#readHeader(data, at);
      if (header.length > this.#maxFrameSize) {
        this.#tooLarge(header, events);
        at += FRAME_HEADER_LENGTH;
        this.#skip = header.length;
        break;
      }
      const end = at + FRAME_HEADER_LENGTH + header.length;
      if (end > data.length) break;
      this.#index++;
      this.#emit(header, data.subarray(at + FRAME_HEADER_LENGTH, end), events);
      at = end;
    }
    this.#offset += at;
    return at;
  }

  #emit(header: FrameHeader, payload: Uint8Array, events: FrameDecoderEvent[]): void {
    const parsed = parseFrame(header, payload);
    if (parsed.frame) events.push({ kind: "frame", frame: parsed.frame });
    for (const error of parsed.errors) events.push({ kind: "error", error });
  }

  #tooLarge(header: FrameHeader, events: FrameDecoderEvent[]): void {
    this.#index++;
    const message = `frame of ${header.length} octets exceeds the maximum frame size ${this.#maxFrameSize} (RFC 9113 §4.2)`;
    events.push({
      kind: "error",
      error: frameError(header, "frame-too-large", ErrorCode.FRAME_SIZE_ERROR, "connection", message),
    });
  }

  #readHeader(data: Uint8Array, at: number): FrameHeader {
    return {
      length: (data[at]! << 16) | (data[at + 1]! << 8) | data[at + 2]!,
      type: data[at + 3]!,
      flags: data[at + 4]!,
      streamId: ((data[at + 5]! & 0x7f) << 24) | (data[at + 6]! << 16) | (data[at + 7]! << 8) | data[at + 8]!,
      offset: this.#offset + at,
      index: this.#index + 1,
    };
  }

  /** Decides from the bytes collected so far whether the preface is there. */
  #readPreface(data: Uint8Array, events: FrameDecoderEvent[], final = false): "wait" | "dead" | "preface" | "frames" {
    for (let i = 0; i < data.length; i++) {
      if (data[i] === CLIENT_PREFACE[i]) continue;
      if (this.#autoPreface && i === 0 && !looksLikeOtherProtocol(data[0]!)) {
        this.#state = "frames";
        return "frames";
      }
      // Decide on a full preface's worth of octets, so the verdict does not depend on how bytes were split.
      if (!final && data.length < CLIENT_PREFACE.length) return "wait";
      const kind = describeOtherProtocol(data.subarray(0, 16));
      const header: FrameHeader = { type: -1, flags: 0, streamId: 0, length: 0, offset: this.#offset, index: 0 };
      const error = kind
        ? frameError(
            header,
            "not-http2",
            ErrorCode.PROTOCOL_ERROR,
            "connection",
            `the bytes are ${kind}, not HTTP/2 (RFC 9113 §3.4)`,
          )
        : frameError(
            header,
            "preface-missing",
            ErrorCode.PROTOCOL_ERROR,
            "connection",
            "the client connection preface is missing or damaged (RFC 9113 §3.4)",
          );
      events.push({ kind: "error", error: { ...error, length: Math.max(1, i) } });
      this.#state = "dead";
      return "dead";
    }
    if (data.length < CLIENT_PREFACE.length) return "wait";
    events.push({ kind: "preface", offset: this.#offset });
    this.#state = "frames";
    return "preface";
  }
}

/** "P" could start the preface or an HTTP/1 `POST`/`PUT`; TLS starts with 0x16; other letters start HTTP/1. */
function looksLikeOtherProtocol(first: number): boolean {
  return first === 0x16 || (first >= 0x41 && first <= 0x5a);
}

function describeOtherProtocol(head: Uint8Array): string | undefined {
  if (head[0] === 0x16 && head[1] === 0x03) return "a TLS handshake (h2 over TLS needs decryption first)";
  const text = String.fromCharCode(...head);
  if (/^HTTP\/\d/.test(text)) return "an HTTP/1.x response";
  if (/^[A-Z]+ \S/.test(text) || /^(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE)/.test(text))
    return "an HTTP/1.x request";
  return undefined;
}
