import type { Correlation } from "../../model/observations/base.ts";
import type { NghttpErrorKind } from "../../model/observations/nghttp.ts";
import type { SourceRef } from "../../model/source.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";

/** `[  0.008] …`: nghttp's elapsed-time prefix on every verbose line. */
const TIMED = /^\[ *\d{1,9}\.\d{3}\] (.*)$/;
const FRAME =
  /^(?:\[INVALID; error=([^\]]{0,200})\] )?(send|recv) ([A-Z_]{2,20}|extension\(0x[0-9a-f]{2}\)) frame <length=\d+, flags=0x[0-9a-f]{2}, stream_id=(\d+)>$/;
const HEADER_RECEIVED = /^recv \(stream_id=(\d+)(?:, sensitive)?\) (:?[^:]*): (.*)$/;
const DATA_RECEIVED = /^recv \(stream_id=\d+, length=\d+, srecv=-?\d+, crecv=-?\d+\) DATA$/;
const TIMED_EVENT = /^(?:Connected|HTTP Upgrade (?:request|response|success)|\[ERROR\] )/;
/** The lines under a frame, indented ten spaces. */
const ATTRIBUTE = /^ {10}(\S.*)$/;
const RESET_CODE = /^\(error_code=([A-Za-z_0-9]+)\(0x([0-9a-f]+)\)\)$/;
const GOAWAY_CODE =
  /^\(last_stream_id=(\d+), error_code=([A-Za-z_0-9]+)\(0x([0-9a-f]+)\), opaque_data\(\d+\)=\[(.{0,400})\]\)$/;
const FIELD = /^(:?[^:]*): (.*)$/;
/** nghttp2's own message for a refused field, as nghttp's error callback (or curl) prints it. */
const INVALID_FIELD =
  /^Invalid HTTP header field was received: frame type: \d+, stream: (\d+), name: \[([^\]]*)\], value: \[(.*)\]$/;
/** The same, from a library built with --enable-debug (nghttp2_session.c DEBUGF). */
const DEBUG_INVALID_FIELD = /^recv: HTTP error: type=\d+, id=(\d+), header (.*?): (.*)$/;
/** Debug lines that only nghttp2 prints: they open a transcript on their own. */
const DEBUG_OPENER = /^(?:inflatehd: header emission: |recv: HTTP error: type=\d+, id=\d+, header )/;
function debugOpener(text: string): boolean {
  return (text.startsWith("inflatehd: ") || text.startsWith("recv: ")) && DEBUG_OPENER.test(text);
}
const DEBUG_LINE = /^(?:recv|send|inflatehd|deflatehd|stream|session|inbound|outbound): /;
const COMMAND = /^\s*\$ nghttp\s/;
const NOT_PROCESSED = /^Some requests were not processed\. total=\d+, processed=\d+$/;
const WARNING = /^\[WARNING\] (?:Certificate verification failed|Could not load system trusted CA certificates)/;
const NEGOTIATED = /^The negotiated protocol: (\S*)$/;
/** nghttp's own `[ERROR]` lines, which may come without the time prefix. */
const ERRORS: readonly (readonly [RegExp, NghttpErrorKind])[] = [
  [/^Could not connect to (?:the address )?(\S+)/, "connect"],
  [/^getaddrinfo\(\) failed: |^No address returned/, "resolve"],
  [/^Timeout$/, "timeout"],
  [/^HTTP\/2 protocol was not selected\./, "alpn"],
  [/^Remote peer returned unexpected data while we expected SETTINGS frame\./, "not-h2"],
  [/^HTTP Upgrade failed$/, "upgrade-refused"],
];
/** Other `[ERROR]` lines nghttp prints without the time prefix. */
const OTHER_ERROR = /^(?:nghttp2_\w+\(\) returned error|Could not |Failed to |SSL_new\(\) failed|I\/O error)/;
const MAX_STREAMS = 512;
const MAX_UPGRADE_LINES = 200;
const MAX_VALUE = 200;

interface StreamState {
  status?: number;
  server?: string;
  authority?: string;
  path?: string;
}

interface PendingInvalid {
  ref: SourceRef;
  named: boolean;
  name?: string;
  value?: string;
}

interface OpenFrame {
  readonly direction: "send" | "recv";
  readonly type: string;
  readonly stream: number;
  readonly ref: SourceRef;
}

/**
 * nghttp (nghttp2-client) `-v`/`-nv` output: frames sent and received with their attributes,
 * response header fields, `[ERROR]` lines, and the nghttp2 library's debug lines. Received
 * RST_STREAM and GOAWAY frames, refused response fields and failed connects become observations;
 * the frames nghttp sends itself are context only.
 */
export const nghttpReader: LineReaderFactory = {
  format: "nghttp",
  needles: [
    "$ nghttp",
    // Timed lines: a frame, a received field or DATA, and the events after the `[  0.008] ` prefix.
    FRAME,
    HEADER_RECEIVED,
    DATA_RECEIVED,
    "] Connected",
    "] HTTP Upgrade ",
    "[ERROR] ",
    // The library's debug lines (DEBUG_OPENER's among them), and the untimed notices.
    DEBUG_LINE,
    NOT_PROCESSED,
    WARNING,
    NEGOTIATED,
  ],
  create: (context) => new NghttpReader(context),
};

class NghttpReader implements LineReader {
  readonly #context: ReaderContext;
  #inTranscript = false;
  #frame: OpenFrame | undefined;
  #upgradeLines = 0;
  readonly #streams = new Map<number, StreamState>();
  readonly #invalid = new Map<number, PendingInvalid>();
  #lastStream: number | undefined;

  constructor(context: ReaderContext) {
    this.#context = context;
  }

  accept(line: Line): boolean {
    // Every line of every input comes here: each expression only after a literal test.
    const text = line.text.endsWith("\r") ? line.text.slice(0, -1) : line.text;
    if (text.includes("$ nghttp") && COMMAND.test(text)) {
      this.#newRun();
      this.#inTranscript = true;
      return true;
    }
    const timed = text.startsWith("[") ? TIMED.exec(text) : null;
    if (timed) return this.#timed(timed[1] as string, line);
    if (this.#frame) {
      const attribute = ATTRIBUTE.exec(text);
      if (attribute) {
        this.#attribute(this.#frame, attribute[1] as string, line);
        return true;
      }
      this.#frame = undefined;
    }
    if (text.startsWith("[ERROR] ")) return this.#error(text.slice(8), line, false);
    if (this.#upgradeLines > 0) {
      // The HTTP/1.1 request and response of an h2c upgrade, printed as they are.
      this.#upgradeLines++;
      if (this.#upgradeLines <= MAX_UPGRADE_LINES) return true;
      this.#upgradeLines = 0;
    }
    if (this.#inTranscript ? DEBUG_LINE.test(text) : debugOpener(text)) {
      this.#inTranscript = true;
      this.#debug(text, line);
      return true;
    }
    if (text.startsWith("Some requests") && NOT_PROCESSED.test(text)) return true;
    if (this.#inTranscript) return this.#untimed(text, line);
    return false;
  }

  /** A frame's attribute lines, or the HTTP/1.1 lines of an h2c upgrade, come next. */
  inBlock(): boolean {
    return this.#frame !== undefined || this.#upgradeLines > 0;
  }

  end(): void {
    this.#flushInvalid();
  }

  #newRun(): void {
    this.#flushInvalid();
    this.#streams.clear();
    this.#frame = undefined;
    this.#upgradeLines = 0;
    this.#lastStream = undefined;
  }

  #timed(rest: string, line: Line): boolean {
    this.#upgradeLines = 0;
    const frame = FRAME.exec(rest);
    if (frame) {
      this.#inTranscript = true;
      const stream = Number(frame[4]);
      const direction = frame[2] === "send" ? "send" : "recv";
      this.#frame = { direction, type: frame[3] as string, stream, ref: lineRef(this.#context.source, line) };
      if (frame[1] !== undefined && /Invalid HTTP header field/.test(frame[1])) {
        this.#noteInvalid(stream, line, undefined);
      }
      return true;
    }
    const header = HEADER_RECEIVED.exec(rest);
    if (header) {
      this.#inTranscript = true;
      this.#frame = undefined;
      this.#responseField(Number(header[1]), header[2] as string, header[3] as string);
      return true;
    }
    if (DATA_RECEIVED.test(rest)) {
      this.#frame = undefined;
      this.#inTranscript = true;
      return true;
    }
    if (!TIMED_EVENT.test(rest)) return false;
    this.#inTranscript = true;
    this.#frame = undefined;
    if (rest === "Connected") this.#newRun();
    if (rest.startsWith("HTTP Upgrade re")) this.#upgradeLines = 1;
    if (rest.startsWith("[ERROR] ")) this.#error(rest.slice(8), line, true);
    return true;
  }

  #attribute(frame: OpenFrame, text: string, line: Line): void {
    if (frame.type === "HEADERS") {
      const field = FIELD.exec(text);
      if (!field || text.startsWith("(") || text.startsWith(";")) return;
      if (frame.direction === "recv") this.#responseField(frame.stream, field[1] as string, field[2] as string);
      else this.#requestField(frame.stream, field[1] as string, field[2] as string);
      return;
    }
    if (frame.direction !== "recv") return;
    if (frame.type === "RST_STREAM") {
      const m = RESET_CODE.exec(text);
      if (!m) return;
      const state = this.#streams.get(frame.stream);
      this.#context.emit({
        type: "nghttp.stream-reset",
        ref: { ...lineRef(this.#context.source, line), stream: frame.stream },
        stream: frame.stream,
        error: m[1] as string,
        errorCode: Number.parseInt(m[2] as string, 16),
        ...(state?.status !== undefined ? { status: state.status } : {}),
        ...(state?.server ? { server: state.server } : {}),
        ...correlated(state),
      });
      return;
    }
    if (frame.type === "GOAWAY") {
      const m = GOAWAY_CODE.exec(text);
      if (!m) return;
      const debug = m[4] as string;
      this.#context.emit({
        type: "nghttp.goaway",
        ref: lineRef(this.#context.source, line),
        lastStream: Number(m[1]),
        error: m[2] as string,
        errorCode: Number.parseInt(m[3] as string, 16),
        ...(debug ? { debug } : {}),
        ...correlated(this.#lastStream !== undefined ? this.#streams.get(this.#lastStream) : undefined),
      });
    }
  }

  #error(message: string, line: Line, timed: boolean): boolean {
    const invalid = INVALID_FIELD.exec(message);
    if (invalid) {
      this.#noteInvalid(Number(invalid[1]), line, { name: invalid[2] as string, value: invalid[3] as string });
      this.#inTranscript = true;
      return true;
    }
    const known = ERRORS.find(([pattern]) => pattern.test(message));
    if (!known) return timed || (this.#inTranscript && OTHER_ERROR.test(message));
    this.#inTranscript = true;
    const address = known[1] === "connect" ? known[0].exec(message)?.[1] : undefined;
    this.#context.emit({
      type: "nghttp.error",
      ref: lineRef(this.#context.source, line),
      kind: known[1],
      message: message.slice(0, 400),
      ...(address ? { address } : {}),
    });
    return true;
  }

  #debug(text: string, line: Line): void {
    const m = DEBUG_INVALID_FIELD.exec(text);
    if (m) this.#noteInvalid(Number(m[1]), line, { name: m[2] as string, value: m[3] as string });
  }

  /** Lines without the time prefix inside a transcript: nghttp's notices, or the response body. */
  #untimed(text: string, line: Line): boolean {
    if (WARNING.test(text)) return true;
    const negotiated = NEGOTIATED.exec(text);
    if (!negotiated) return false;
    const protocol = negotiated[1] as string;
    if (protocol !== "h2") {
      this.#context.emit({
        type: "nghttp.error",
        ref: lineRef(this.#context.source, line),
        kind: "alpn",
        message: text,
        ...(protocol ? { address: protocol } : {}),
      });
    }
    return true;
  }

  #noteInvalid(stream: number, line: Line, field: { name: string; value: string } | undefined): void {
    const pending = this.#invalid.get(stream);
    if (pending?.named) return;
    if (!pending && this.#invalid.size >= MAX_STREAMS) return;
    const ref = { ...lineRef(this.#context.source, line), stream };
    this.#invalid.set(
      stream,
      field
        ? { ref, named: true, name: field.name.slice(0, MAX_VALUE), value: field.value.slice(0, MAX_VALUE) }
        : (pending ?? { ref, named: false }),
    );
  }

  #flushInvalid(): void {
    for (const [stream, pending] of this.#invalid) {
      const state = this.#streams.get(stream);
      this.#context.emit({
        type: "nghttp.invalid-header",
        ref: pending.ref,
        stream,
        ...(pending.name !== undefined ? { name: pending.name, value: pending.value ?? "" } : {}),
        ...(state?.status !== undefined ? { status: state.status } : {}),
        ...(state?.server ? { server: state.server } : {}),
        ...correlated(state),
      });
    }
    this.#invalid.clear();
  }

  #stream(id: number): StreamState {
    let state = this.#streams.get(id);
    if (!state) {
      if (this.#streams.size >= MAX_STREAMS) {
        const oldest = this.#streams.keys().next().value;
        if (oldest !== undefined) this.#streams.delete(oldest);
      }
      state = {};
      this.#streams.set(id, state);
    }
    return state;
  }

  #responseField(stream: number, name: string, value: string): void {
    const state = this.#stream(stream);
    if (name === ":status" && /^\d{3}$/.test(value)) state.status = Number(value);
    else if (name === "server") state.server = value.slice(0, MAX_VALUE);
  }

  #requestField(stream: number, name: string, value: string): void {
    if (name !== ":authority" && name !== ":path") return;
    const state = this.#stream(stream);
    this.#lastStream = stream;
    if (name === ":authority") state.authority = value.slice(0, MAX_VALUE);
    else state.path = value.split("?")[0]?.slice(0, MAX_VALUE) ?? "/";
  }
}

function correlated(state: StreamState | undefined): { correlation?: Correlation } {
  if (!state?.authority && !state?.path) return {};
  return {
    correlation: {
      ...(state.authority ? { authority: state.authority } : {}),
      ...(state.path ? { path: state.path } : {}),
    },
  };
}
