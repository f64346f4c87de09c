/** How a line of the head or of the chunked framing ended on the wire. */
export type LineEnding = "crlf" | "lf" | "eof";

/** One line as it was on the wire: absolute offset, bytes without the terminator (capped). */
export interface RawLine {
  readonly offset: number;
  readonly bytes: Buffer;
  /** Length of the line without its terminator; larger than `bytes.length` when truncated. */
  readonly length: number;
  readonly eol: LineEnding;
  readonly truncated: boolean;
}

/** A field line kept exactly as sent, with its obs-fold continuation lines. */
export interface FieldLine {
  readonly line: RawLine;
  /** Index of the first colon in the line bytes, -1 when there is none. */
  readonly colon: number;
  /** The name as sent (latin1, so one character is one byte), original case and whitespace kept. */
  readonly name: string;
  /** The name lower-cased with surrounding whitespace removed, for lookups. */
  readonly key: string;
  /** The value with leading and trailing whitespace removed and folds joined by one space. */
  readonly value: string;
  /** obs-fold lines that continue this field. */
  readonly continuations: readonly RawLine[];
  /** A whitespace-led line directly after the start line (RFC 9112 §2.2). */
  readonly beforeFirstField: boolean;
  /** True for trailer fields of a chunked body. */
  readonly trailer: boolean;
}

export type StartLineKind = "status" | "request" | "http09" | "fragment";

export interface StartLine {
  readonly kind: StartLineKind;
  /** Absent for `http09` (no start line at all) and `fragment` (excerpt starting mid-message). */
  readonly line?: RawLine;
  readonly version?: string;
  readonly status?: number;
  /** The status code bytes as sent, valid or not. */
  readonly statusText?: string;
  /** The reason phrase; undefined when the line ends right after the status code. */
  readonly reason?: string;
  readonly method?: string;
  readonly target?: string;
  /** Why the start line does not follow RFC 9112 §3 / §4 grammar, when it does not. */
  readonly problem?: string;
}

export type Framing = "none" | "content-length" | "chunked" | "close" | "tunnel";

/** What a strict parser would note, where; `strict` marks those RFC 9112 requires rejecting. */
export interface ParseEvent {
  readonly kind: ParseEventKind;
  readonly offset: number;
  readonly length: number;
  readonly strict: boolean;
  readonly detail?: string;
}

export type ParseEventKind =
  | "bare-lf"
  | "line-too-long"
  | "chunk-size-invalid"
  | "chunk-size-space"
  | "chunk-extension"
  | "chunk-crlf-missing"
  | "chunked-incomplete"
  | "body-short"
  | "excess-data"
  | "eof-in-head"
  | "leading-empty-line";

export interface ChunkInfo {
  readonly offset: number;
  readonly size: number;
  readonly sizeText: string;
}

export interface BodyInfo {
  /** Declared Content-Length used for framing, when that is the framing. */
  readonly declared?: number;
  readonly received: number;
  readonly complete: boolean;
  readonly chunks: readonly ChunkInfo[];
  readonly chunkCount: number;
  readonly lastChunk: boolean;
  readonly trailers: readonly FieldLine[];
  /** The first bytes of the body, for display. */
  readonly sample: Buffer;
}

export interface Http1Message {
  readonly index: number;
  readonly kind: "request" | "response" | "fragment";
  /** Absolute offset of the first byte of the message. */
  readonly offset: number;
  /** Absolute offset just after the message (head and body). */
  readonly end: number;
  readonly startLine: StartLine;
  readonly fields: readonly FieldLine[];
  /** Every field line seen, including those not kept because of the caps. */
  readonly fieldCount: number;
  /** Bytes of the header section (start line to the empty line, inclusive). */
  readonly headerBytes: number;
  readonly headComplete: boolean;
  readonly framing: Framing;
  readonly body: BodyInfo;
  /** Bytes after the message that do not start another message. */
  readonly excess?: { readonly offset: number; readonly length: number; readonly sample: Buffer };
  readonly events: readonly ParseEvent[];
  /** The first place a strict RFC 9112 parser would stop, and why. */
  readonly strictStop?: { readonly offset: number; readonly reason: string };
}

export interface Http1ParseOptions {
  /** What the bytes are; `auto` looks at the first line. @default "auto" */
  readonly expect?: "auto" | "request" | "response";
  /** The request was HEAD: responses have no body. */
  readonly head?: boolean;
  /** The bytes may start in the middle of a message (a capture excerpt). */
  readonly partial?: boolean;
  /** @default 65536 */
  readonly maxLineBytes?: number;
  /** Header bytes kept per message; more are counted, not kept. @default 1048576 */
  readonly maxHeaderBytes?: number;
  /** Field lines kept per message. @default 2000 */
  readonly maxFields?: number;
  /** Messages kept; more are counted. @default 256 */
  readonly maxMessages?: number;
  /** Events kept per message. @default 256 */
  readonly maxEvents?: number;
}

export interface Http1ParseResult {
  readonly messages: readonly Http1Message[];
  readonly messageCount: number;
  readonly bytes: number;
}
