import type net from "node:net";
import { Http1Parser, parseHttp1 } from "../wire/http1/parser.ts";
import type { Http1Message } from "../wire/http1/types.ts";
import type { Timings } from "./connect.ts";
import type { Recorder } from "./recorder.ts";

export interface ExchangeLimits {
  /** Give up when nothing arrives for this long. */
  readonly idleTimeoutMs: number;
  /** Give up after this long in all. */
  readonly totalTimeoutMs: number;
  /** Stop reading after this many bytes of response (header and body). */
  readonly maxResponseBytes: number;
}

export type EndReason = "complete" | "closed" | "reset" | "idle-timeout" | "total-timeout" | "too-large" | "error";

export interface Http1Outcome {
  readonly response?: Http1Message;
  readonly messages: readonly Http1Message[];
  readonly end: EndReason;
  readonly error?: string;
  readonly bytesReceived: number;
}

const HEAD_END = Buffer.from("\r\n\r\n");
/** A response head that has not ended after this many bytes is a header flood. */
export const MAX_HEAD_BYTES = 1 << 20;
const LAST_CHUNK_TAIL = /(^|\r?\n)0[ \t]*(;[^\r\n]*)?\r?\n(?:[^\r\n]+\r?\n)*\r?\n$/;

/**
 * Sends an HTTP/1.1 request and reads the answer as raw bytes until the message is framed
 * complete, the server closes, or a limit is reached; then parses it with the tolerant parser.
 * 1xx answers are read past, like a client does.
 */
export function http1Exchange(
  socket: net.Socket,
  /** The request to write; null when it was already written (an h2c upgrade the server declined). */
  requestBytes: Buffer | null,
  options: {
    readonly head: boolean;
    readonly limits: ExchangeLimits;
    readonly recorder: Recorder;
    readonly timings: Timings;
    readonly started: number;
  },
): Promise<Http1Outcome> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const tracker = new CompletionTracker(options.head);
    let size = 0;
    let finished = false;
    let idle: NodeJS.Timeout | undefined;
    const total = setTimeout(() => finish("total-timeout"), options.limits.totalTimeoutMs);
    const resetIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish("idle-timeout"), options.limits.idleTimeoutMs);
    };

    function finish(end: EndReason, error?: string) {
      if (finished) return;
      finished = true;
      options.timings.totalMs = Math.round((performance.now() - options.started) * 100) / 100;
      clearTimeout(total);
      clearTimeout(idle);
      socket.removeAllListeners("data");
      socket.destroy();
      const bytes = Buffer.concat(received, size);
      const parser = new Http1Parser({ expect: "response", head: options.head });
      parser.push(bytes);
      const parsed = parser.end();
      const response =
        parsed.messages.find((m) => (m.startLine.status ?? 0) >= 200 || m.startLine.kind !== "status") ??
        parsed.messages[0];
      resolve({
        ...(response ? { response } : {}),
        messages: parsed.messages,
        end,
        ...(error ? { error } : {}),
        bytesReceived: size,
      });
    }

    socket.on("data", (chunk: Buffer) => {
      if (size === 0) options.timings.firstByteMs = Math.round((performance.now() - options.started) * 100) / 100;
      options.recorder.record("in", chunk);
      received.push(chunk);
      size += chunk.length;
      if (size > options.limits.maxResponseBytes) return finish("too-large");
      if (tracker.push(chunk)) return finish("complete");
      if (tracker.headTooLarge) return finish("too-large", `response head over ${MAX_HEAD_BYTES} bytes without an end`);
      resetIdle();
    });
    socket.once("end", () => finish("closed"));
    socket.once("close", () => finish("closed"));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish(error.code === "ECONNRESET" ? "reset" : "error", error.message),
    );
    if (requestBytes) {
      options.recorder.record("out", requestBytes);
      socket.write(requestBytes);
    }
    resetIdle();
  });
}

/**
 * Tells when the final response is fully framed, looking at each byte once: the head is parsed
 * when it completes; then Content-Length bodies are counted, and chunked bodies are checked at
 * their tail for the last chunk. Close-delimited bodies end only when the server closes.
 */
export class CompletionTracker {
  readonly #head: boolean;
  #buffer = Buffer.alloc(0);
  #headLength = -1;
  #framing: "content-length" | "chunked" | "close" | "none" = "close";
  #declared = 0;
  #bodyBytes = 0;
  #tail = "";
  #chunked: Buffer[] = [];

  constructor(head: boolean) {
    this.#head = head;
  }

  /** True when the head has grown past MAX_HEAD_BYTES without ending. */
  get headTooLarge(): boolean {
    return this.#headLength < 0 && this.#buffer.length > MAX_HEAD_BYTES;
  }

  push(chunk: Buffer): boolean {
    if (this.#headLength < 0) return this.#pushHead(chunk);
    return this.#pushBody(chunk);
  }

  #pushHead(chunk: Buffer): boolean {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (let guard = 0; guard < 32; guard++) {
      const end = this.#buffer.indexOf(HEAD_END);
      if (end === -1) return false;
      const parsed = parseHttp1(this.#buffer.subarray(0, end + 4), { expect: "response" }).messages[0];
      const status = parsed?.startLine.status ?? 0;
      const rest = this.#buffer.subarray(end + 4);
      if (status >= 100 && status < 200 && status !== 101) {
        this.#buffer = Buffer.from(rest);
        continue;
      }
      this.#headLength = end + 4;
      if (!parsed || this.#head || status === 204 || status === 304 || status === 101) this.#framing = "none";
      else if (parsed.framing === "content-length") this.#framing = "content-length";
      else if (parsed.framing === "chunked") this.#framing = "chunked";
      this.#declared = parsed?.body.declared ?? 0;
      this.#buffer = Buffer.alloc(0);
      return this.#pushBody(Buffer.from(rest));
    }
    return false;
  }

  #pushBody(chunk: Buffer): boolean {
    this.#bodyBytes += chunk.length;
    if (this.#framing === "none") return true;
    if (this.#framing === "content-length") return this.#bodyBytes >= this.#declared;
    if (this.#framing !== "chunked") return false;
    this.#chunked.push(chunk);
    this.#tail = (this.#tail + chunk.toString("latin1")).slice(-4096);
    if (!LAST_CHUNK_TAIL.test(this.#tail)) return false;
    const body = Buffer.concat(this.#chunked);
    this.#chunked = [body];
    return (
      parseHttp1(Buffer.concat([Buffer.from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), body]), {
        expect: "response",
      }).messages[0]?.body.complete === true
    );
  }
}
