import type {
  EnvoyConnectionSide,
  EnvoyHeaderDump,
  EnvoyHeaderLine,
  EnvoyLocalReply,
  EnvoyLocalReplyBody,
} from "../../model/observations/envoy.ts";
import type { SourceRef } from "../../model/source.ts";
import type { Line } from "../lines.ts";
import { emitSignal } from "../mesh/emit-signal.ts";
import { classifyMeshMessage } from "../mesh/signatures.ts";
import { type LineReaderFactory, lineRef, perLineReader, type ReaderContext } from "../reader.ts";

/**
 * Envoy debug and trace logs, in istio-proxy's layout
 * (`2023-03-31T02:56:51.930156Z debug envoy client [C5805] …`) and Envoy's bracketed one
 * (`[2023-04-01 18:14:44.358][1535551][debug][client] [source/…:149] [C17] …`), also with line
 * numbers pasted in front, and both with Envoy 1.27+'s `[Tags: "ConnectionId":"17"]` and the newer
 * istio-proxy layout (source location before the message, `thread=N` after it). Rebuilds each connection's header section from `completed header`
 * lines, reads codec errors, upstream resets, local replies, header dumps and connection events.
 */

const ISTIO_LINE =
  /^(?:\d+\s+)?\d*?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s+(trace|debug|info|warning|warn|error|critical)\s+envoy\s+([\w.-]+)\s+(.*)$/;
const BRACKET_LINE =
  /^(?:\d+\s*)?\[(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?)\]\[\d+\]\[(\w+)\]\[([\w.-]+)\]\s+(?:\[[^\]]*\.(?:cc|h):\d+\]\s+)?(.*)$/;
/** Consul's and Envoy's `--log-format` with the logger name: `<time> [debug] envoy.router(30) [C1][S2] …`. */
const NAMED_LOGGER_LINE =
  /^(?:\d+\s+)?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?(?:[+-]\d\d:\d\d)?)\s+\[(\w+)\]\s+envoy\.([\w.-]+)\(\d+\)\s+(.*)$/;
const DUMP_LINE = /^(?:\d+\s*)?'([^']*)', '(.*)'\s*$/;
const IDS = /^\[C(\d+)\](?:\[S(\d+)\])?\s*(.*)$/;
/** Envoy 1.27+ writes the ids as tags: `[Tags: "ConnectionId":"317","StreamId":"42"]`. */
const TAGS = /^\[Tags: ([^\]]*)\]\s*(.*)$/;
const TAG_CONNECTION = /"ConnectionId":"(\d+)"/;
const TAG_STREAM = /"StreamId":"(\d+)"/;
/** istio-proxy's source location before the message (bracketed before about Istio 1.15), the thread after it. */
const SOURCE_LOCATION = /^\[?[\w./-]+\.(?:cc|h):\d+\]?\s+/;
const THREAD_SUFFIX = /\s+thread=\d+\s*$/;

const CODEC_ERROR = /^(?:Error dispatching received data|dispatch error|protocol error|codec error):?\s*(.*)$/i;
const COMPLETED_HEADER = /^completed header: key=(.*?) value=(.*)$/;
const UPSTREAM_RESET = /^upstream reset: reset reason:\s*(.*?)(?:,\s*transport failure reason:\s*(.*))?$/;
/** A local reply, or one Envoy could not send because the response had begun (it resets the stream instead). */
const LOCAL_REPLY =
  /^(?:Sending local reply with details\s+(.*)|Resetting stream due to (\w+)\. Prior headers have already been sent)/;
const PROTOCOL_ERROR_REPLY = /protocol[ _]error/;
const PENDING_RESET = /^disconnect\. resetting (\d+) pending requests?/;
const DUMP_START =
  /^(upstream headers complete|request headers complete|router decoding headers|encoding headers via codec|encoding headers|upstream response headers)\b/;
const DUMP_KINDS: readonly [string, EnvoyHeaderDump["kind"]][] = [
  ["request", "downstream-request"],
  ["router", "upstream-request"],
  ["encoding", "encoded-response"],
];
const GOAWAY = /goaway/i;
const CONNECT_ERROR = /^delayed connect error:\s*(.*)$/;
const REUSED = /^using existing connection\b/;
const REMOTE_CLOSE = /^remote close\b/;
/** The peer closed while Envoy still had data to read or write on the connection. */
const REMOTE_EARLY_CLOSE = /^remote early close\b/;
/** A failed handshake on the connection, with OpenSSL's reason codes (`…:SSLV3_ALERT_HANDSHAKE_FAILURE`). */
const TLS_ERROR = /^TLS error:\s*(.*)$/;
/** A pooled connection the peer closes this soon after Envoy reused it was closing already. */
const REUSE_RACE_MS = 1000;
/** `stream reset: reset reason: remote reset, response details: http2.too_many_headers`: a codec refused the stream. */
const CODEC_STREAM_RESET = /^stream reset: reset reason: [^,]*, response details: (http[123])\.([\w.]+)\s*$/;
const CODEC_PROTOCOLS: Readonly<Record<string, string>> = { http1: "http/1.1", http2: "http/2", http3: "http/3" };
/** Streams without a downstream connection, Envoy's own async client, are logged on connection 0. */
const ASYNC_CLIENT_CONNECTION = "C0";

/** Reset reasons Envoy prints; used to mend words a web page broke with a space. */
const RESET_REASONS = [
  "protocol error",
  "connection termination",
  "connection failure",
  "local connection failure",
  "remote connection failure",
  "connection timeout",
  "local reset",
  "local refused stream reset",
  "remote reset",
  "remote refused stream reset",
  "overflow",
  "overload manager reset",
];

export function mendResetReason(text: string): string {
  const squeezed = text.replace(/\s+/g, "").toLowerCase();
  return RESET_REASONS.find((reason) => reason.replace(/ /g, "") === squeezed) ?? text.trim().toLowerCase();
}

/** Components whose connections face the upstream. */
function sideOf(component: string): EnvoyConnectionSide {
  if (component === "client" || component === "pool" || component === "router" || component === "upstream") {
    return "upstream";
  }
  if (component === "http" || component === "http2" || component === "conn_handler") return "downstream";
  return "unknown";
}

const MAX_CONNECTIONS = 512;
const MAX_BODY_LINE = 2048;
/** Debug lines longer than this are skipped whole (Envoy truncates nothing, but no real line is this long). */
const MAX_DEBUG_LINE = 256 << 10;
const MAX_HEADERS = 200;
const MAX_DUMP = 200;

interface Parsed {
  readonly time: string;
  readonly component: string;
  readonly connection: string;
  readonly stream: string;
  readonly message: string;
}

export function parseDebugLine(text: string): Parsed | undefined {
  let match = ISTIO_LINE.exec(text);
  let time: string;
  let component: string;
  let rest: string;
  if (match) {
    time = match[1] ?? "";
    component = match[3] ?? "";
    rest = match[4] ?? "";
  } else {
    match = BRACKET_LINE.exec(text) ?? NAMED_LOGGER_LINE.exec(text);
    if (!match) return undefined;
    time = (match[1] ?? "").replace(" ", "T");
    component = match[3] ?? "";
    rest = match[4] ?? "";
  }
  return { time, component, ...idsOf(rest.replace(SOURCE_LOCATION, "").replace(THREAD_SUFFIX, "")) };
}

/** The connection and stream ids in front of a message, in either of Envoy's notations. */
function idsOf(rest: string): Pick<Parsed, "connection" | "stream" | "message"> {
  const ids = IDS.exec(rest);
  if (ids) return { connection: `C${ids[1]}`, stream: ids[2] ? `S${ids[2]}` : "", message: (ids[3] ?? "").trim() };
  const tags = TAGS.exec(rest);
  if (!tags) return { connection: "", stream: "", message: rest.trim() };
  const connection = TAG_CONNECTION.exec(tags[1] ?? "")?.[1];
  const stream = TAG_STREAM.exec(tags[1] ?? "")?.[1];
  return {
    connection: connection ? `C${connection}` : "",
    stream: stream ? `S${stream}` : "",
    message: (tags[2] ?? "").trim(),
  };
}

interface OpenDump {
  readonly kind: EnvoyHeaderDump["kind"];
  readonly connection: string;
  readonly stream: string;
  readonly ref: SourceRef;
  readonly headers: EnvoyHeaderLine[];
}

/**
 * Text every debug line holds: `envoy` in istio-proxy's layout and the named logger's
 * (`envoy.router`); in Envoy's bracketed one, the digit that ends the time, then `][` and the
 * thread id's first digit (`….358][1535551][debug]…`). Dump lines follow a dump's head: inBlock.
 */
const DEBUG_NEEDLES: readonly string[] = [
  "envoy",
  ..."0123456789".split("").flatMap((last) => "0123456789".split("").map((first) => `${last}][${first}`)),
];

class DebugReader {
  private readonly headers = new Map<string, EnvoyHeaderLine[]>();
  private dump: OpenDump | undefined;
  private reply: EnvoyLocalReply | undefined;
  private readonly context: ReaderContext;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  /** A header dump is open: its lines, a blank line and the line that closes it carry no needle. */
  inBlock(): boolean {
    return this.dump !== undefined;
  }

  accept(line: Line): boolean {
    if (this.dump) {
      const entry = DUMP_LINE.exec(line.text);
      if (entry) {
        if (this.dump.headers.length < MAX_DUMP)
          this.dump.headers.push({ name: entry[1] ?? "", value: entry[2] ?? "" });
        return true;
      }
      this.closeDump();
      if (line.text.trim() === "") return true;
    }
    if (line.text.length > MAX_DEBUG_LINE) return false;
    const parsed = parseDebugLine(line.text);
    if (!parsed) return false;
    this.read(parsed, line);
    return true;
  }

  private ref(line: Line, parsed: Parsed): SourceRef {
    return lineRef(this.context.source, line, parsed.time ? { time: parsed.time } : {});
  }

  private read(p: Parsed, line: Line): void {
    const m = p.message;
    if (m.startsWith("message begin")) {
      this.headers.delete(p.connection);
      return;
    }
    for (const [pattern, handle] of this.handlers) {
      const match = pattern.exec(m);
      if (match) {
        handle(match, p, line);
        return;
      }
    }
    // Envoy's own configuration and xDS messages, the same words istio-proxy prints.
    const hit = classifyMeshMessage(m, "istio");
    if (hit) emitSignal(this.context, line, hit, { origin: "istio", message: m, scope: p.component, time: p.time });
  }

  private readonly handlers: readonly [RegExp, (match: RegExpExecArray, p: Parsed, line: Line) => void][] = [
    [
      COMPLETED_HEADER,
      (match, p, line) => {
        this.completed(p.connection, { name: match[1] ?? "", value: match[2] ?? "" });
        this.lastCompleted = { connection: p.connection, ref: this.ref(line, p) };
      },
    ],
    [CODEC_ERROR, (match, p, line) => this.codecError(p, match[1] ?? "", line)],
    [
      CODEC_STREAM_RESET,
      (match, p, line) =>
        this.codecError(p, `${CODEC_PROTOCOLS[match[1] ?? ""] ?? ""} codec error: ${match[1]}.${match[2]}`, line),
    ],
    [
      UPSTREAM_RESET,
      (match, p, line) => {
        const failure = (match[2] ?? "").trim();
        this.context.emit({
          type: "envoy.upstream-reset",
          ref: this.ref(line, p),
          connection: p.connection,
          ...(p.stream ? { stream: p.stream } : {}),
          reason: mendResetReason(match[1] ?? ""),
          ...(failure ? { transportFailure: failure } : {}),
          ...(p.connection === ASYNC_CLIENT_CONNECTION && p.stream ? { internal: true } : {}),
        });
      },
    ],
    [
      LOCAL_REPLY,
      (match, p, line) => {
        this.flushReply();
        const written = match[1] ?? match[2] ?? "";
        if (PROTOCOL_ERROR_REPLY.test(written)) this.headersBeforeReply(p.connection);
        this.reply = {
          type: "envoy.local-reply",
          ref: this.ref(line, p),
          connection: p.connection,
          ...(p.stream ? { stream: p.stream } : {}),
          details: written.replace(/\s+/g, ""),
        };
      },
    ],
    [
      DUMP_START,
      (match, p, line) => {
        const start = match[1] ?? "";
        const kind = DUMP_KINDS.find(([prefix]) => start.startsWith(prefix))?.[1] ?? "upstream-response";
        this.dump = { kind, connection: p.connection, stream: p.stream, ref: this.ref(line, p), headers: [] };
      },
    ],
    [
      PENDING_RESET,
      (match, p, line) =>
        this.context.emit({
          type: "envoy.connection-event",
          ref: this.ref(line, p),
          connection: p.connection,
          event: "pending-reset",
          pending: Number(match[1]),
        }),
    ],
    [REUSED, (_match, p) => this.rememberReuse(p)],
    [REMOTE_CLOSE, (_match, p, line) => this.remoteClose(p, line)],
    [
      REMOTE_EARLY_CLOSE,
      (_match, p, line) =>
        this.context.emit({
          type: "envoy.connection-event",
          ref: this.ref(line, p),
          connection: p.connection,
          event: "remote-early-close",
        }),
    ],
    [
      TLS_ERROR,
      (match, p, line) =>
        this.context.emit({
          type: "envoy.connection-event",
          ref: this.ref(line, p),
          connection: p.connection,
          event: "tls-error",
          detail: tlsReasons(match[1] ?? ""),
        }),
    ],
    [
      CONNECT_ERROR,
      (match, p, line) =>
        this.context.emit({
          type: "envoy.connection-event",
          ref: this.ref(line, p),
          connection: p.connection,
          event: "connect-error",
          detail: (match[1] ?? "").trim(),
        }),
    ],
    [
      GOAWAY,
      (_match, p, line) =>
        this.context.emit({
          type: "envoy.connection-event",
          ref: this.ref(line, p),
          connection: p.connection,
          event: /\bsen[dt]\b|sending/i.test(p.message) ? "goaway-sent" : "goaway-received",
          detail: p.message.slice(0, 200),
        }),
    ],
  ];

  /** The connection whose `completed header` line came last, and that line. */
  private lastCompleted: { readonly connection: string; readonly ref: SourceRef } | undefined;

  /**
   * Envoy refused an upstream's response without logging the codec error: the header section it
   * had just read, on the upstream connection logged last, is what it refused.
   */
  private headersBeforeReply(replyConnection: string): void {
    const last = this.lastCompleted;
    const headers = last && last.connection !== replyConnection ? this.headers.get(last.connection) : undefined;
    if (!last || !headers || headers.length === 0) return;
    this.context.emit({
      type: "envoy.header-dump",
      ref: last.ref,
      connection: last.connection,
      kind: "completed-headers",
      headers: [...headers],
    });
    this.headers.delete(last.connection);
    this.lastCompleted = undefined;
  }

  private completed(connection: string, header: EnvoyHeaderLine): void {
    let list = this.headers.get(connection);
    if (!list) {
      if (this.headers.size >= MAX_CONNECTIONS) {
        const oldest = this.headers.keys().next().value;
        if (oldest !== undefined) this.headers.delete(oldest);
      }
      list = [];
      this.headers.set(connection, list);
    }
    if (list.length >= MAX_HEADERS) list.shift();
    list.push(header);
  }

  private codecError(p: Parsed, text: string, line: Line): void {
    const protocolMatch = /^(http\/1\.1|http\/2|http\/3)\s+(?:protocol error|codec error):?\s*(.*)$/i.exec(text);
    const protocol = protocolMatch ? (protocolMatch[1] ?? "").toLowerCase() : "";
    const detail = (protocolMatch ? (protocolMatch[2] ?? "") : text).trim();
    const code = /\b(HPE_[A-Z_]+|[A-Z][A-Z_]{5,}[A-Z])\b/.exec(detail)?.[1] ?? detail.toLowerCase();
    const completed = this.headers.get(p.connection) ?? [];
    this.context.emit({
      type: "envoy.codec-error",
      ref: this.ref(line, p),
      connection: p.connection,
      side: /^Error dispatching/i.test(p.message) ? "upstream" : sideOf(p.component),
      protocol,
      code,
      message: detail,
      completedHeaders: [...completed],
    });
    this.headers.delete(p.connection);
  }

  private closeDump(): void {
    const dump = this.dump;
    this.dump = undefined;
    if (!dump) return;
    const reply = this.reply;
    if (dump.kind === "upstream-response" && dump.stream) this.rememberUpstreamHead(dump.stream);
    const relayed =
      dump.kind === "encoded-response" &&
      dump.stream !== "" &&
      this.upstreamHeads.has(dump.stream) &&
      reply?.stream !== dump.stream;
    this.context.emit({
      type: "envoy.header-dump",
      ref: dump.ref,
      connection: dump.connection,
      ...(dump.stream ? { stream: dump.stream } : {}),
      kind: dump.kind,
      headers: dump.headers,
      ...(relayed ? { relayed: true } : {}),
    });
    if (dump.kind === "encoded-response") this.grpcReplyBody(dump);
    if (dump.kind === "encoded-response" && reply && reply.stream === (dump.stream || undefined)) {
      const status = Number(dump.headers.find((h) => h.name === ":status")?.value);
      const server = dump.headers.find((h) => h.name === "server")?.value;
      this.reply = {
        ...reply,
        ...(Number.isInteger(status) ? { status } : {}),
        ...(server ? { server } : {}),
      };
      this.flushReply();
    }
  }

  /** A gRPC answer carries Envoy's local reply text in `grpc-message` instead of a body. */
  private grpcReplyBody(dump: OpenDump): void {
    const message = dump.headers.find((h) => h.name === "grpc-message")?.value;
    const body = message ? replyBodyOf(message) : undefined;
    if (body) this.context.emit({ type: "envoy.local-reply-body", ref: dump.ref, ...body, grpc: true });
  }

  /** When Envoy last took each pooled upstream connection for a request (bounded). */
  private readonly reusedAt = new Map<string, number>();

  private rememberReuse(p: Parsed): void {
    const at = Date.parse(p.time);
    if (!p.connection || Number.isNaN(at)) return;
    if (this.reusedAt.size >= MAX_CONNECTIONS) this.reusedAt.clear();
    this.reusedAt.set(p.connection, at);
  }

  private remoteClose(p: Parsed, line: Line): void {
    const reused = this.reusedAt.get(p.connection);
    this.reusedAt.delete(p.connection);
    const gap = Date.parse(p.time) - (reused ?? Number.NaN);
    if (!(gap >= 0 && gap <= REUSE_RACE_MS)) return;
    this.context.emit({
      type: "envoy.connection-event",
      ref: this.ref(line, p),
      connection: p.connection,
      event: "reused-then-closed",
      detail: `closed by the upstream ${gap} ms after Envoy reused it`,
    });
  }

  /** Streams whose upstream response head Envoy logged as complete (bounded). */
  private readonly upstreamHeads = new Set<string>();

  private rememberUpstreamHead(stream: string): void {
    if (this.upstreamHeads.size >= MAX_CONNECTIONS) this.upstreamHeads.clear();
    this.upstreamHeads.add(stream);
  }

  private flushReply(): void {
    if (this.reply) this.context.emit(this.reply);
    this.reply = undefined;
  }

  end(): void {
    this.closeDump();
    this.flushReply();
  }
}

export const envoyDebugReader: LineReaderFactory = {
  format: "envoy-debug",
  needles: DEBUG_NEEDLES,
  create(context) {
    return new DebugReader(context);
  },
};

/** OpenSSL's reason names in an error string (`268436496:SSL routines:OPENSSL_internal:NAME`), or the text. */
function tlsReasons(text: string): string {
  const names = [...text.matchAll(/:([A-Z][A-Z0-9_]{3,})(?=\s|$)/g)].map((m) => m[1]);
  return names.length > 0 ? [...new Set(names)].join(", ") : text.trim().slice(0, 200);
}

/** The reply's words; a client may print more after them (`, header:map[…]`, a closing quote). */
const RESET_BODY =
  /upstream connect error or disconnect\/reset before headers\.\s*(retried and the latest )?reset reason:\s*([a-z][a-z_ ]*[a-z])(?:,\s*transport failure reason:\s*([^"'\]}]*?))?\s*\.?\s*(?:$|[,"'\]}])/i;
/**
 * Envoy's short reply bodies, alone on a line or at the end of a client's error message that
 * wraps them (`UNAVAILABLE: …`, `desc = …`, `details = "…"`, `14 UNAVAILABLE: …`).
 */
const SHORT_BODY = /(?:^|[:=]\s*|["'])(no healthy upstream|upstream request timeout)$/;
const CLOSING_QUOTES = /["'}\]]+$/;
/** How gRPC clients in several languages introduce the status message they received. */
const GRPC_CLIENT = /rpc error: code =|StatusRuntimeException|StatusCode[.=]|\b\d{1,2} [A-Z_]{7,}: |grpc/i;
/** A status code's name in the case gRPC's C-core and C# clients print it, opening the line. */
const GRPC_CODE_NAME = /^(?:Unavailable|Internal|Unknown|DeadlineExceeded|ResourceExhausted|Unimplemented): /;

type ReplyBody = Omit<EnvoyLocalReplyBody, "type" | "ref">;

/** What an Envoy local reply body says, wherever a client printed it; undefined for other text. */
export function replyBodyOf(text: string): ReplyBody | undefined {
  // Local-reply bodies are short; longer lines are not read, which also bounds the regex work.
  if (text.length > MAX_BODY_LINE || !(text.includes("upstream") || text.includes("Upstream"))) return undefined;
  const unquoted = text.trim().replace(CLOSING_QUOTES, "");
  const grpc = GRPC_CLIENT.test(unquoted) || GRPC_CODE_NAME.test(unquoted) ? { grpc: true } : {};
  const reset = RESET_BODY.exec(unquoted);
  if (reset) {
    const failure = (reset[3] ?? "").trim();
    return {
      kind: "reset",
      reason: mendResetReason(reset[2] ?? ""),
      ...(failure ? { transportFailure: failure } : {}),
      retried: reset[1] !== undefined,
      ...grpc,
    };
  }
  const short = SHORT_BODY.exec(unquoted)?.[1];
  if (!short) return undefined;
  return { kind: short === "no healthy upstream" ? "no-healthy-upstream" : "upstream-timeout", ...grpc };
}

/** The body of an Envoy local reply, as curl, a browser or a gRPC client prints it. */
export const envoyLocalReplyBodyReader: LineReaderFactory = {
  ...perLineReader("envoy-local-reply", (line, source) => {
    const body = replyBodyOf(line.text);
    return body && { type: "envoy.local-reply-body", ref: lineRef(source, line), ...body };
  }),
  // Every body it reads matches one of the two.
  needles: [RESET_BODY, SHORT_BODY],
};
