import type { Correlation } from "../../model/observations/base.ts";
import type { CurlError, CurlExchange, ResponderHint } from "../../model/observations/curl.ts";
import type { SourceRef } from "../../model/source.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { eventStreamFieldOf } from "../text/event-stream.ts";
import { ProxyPageTracker } from "./error-page.ts";
import { type ClassifiedError, classifyCurlError, findLocalReply } from "./error-text.ts";
import { responderOf } from "./responder.ts";

/** One line of curl output, with -v and --trace-ascii spellings made alike. */
type Piece =
  | { readonly kind: "info"; readonly text: string }
  | { readonly kind: "sent"; readonly text: string }
  | { readonly kind: "received"; readonly text: string }
  | { readonly kind: "body"; readonly text: string }
  | { readonly kind: "marker" }
  | { readonly kind: "command"; readonly text: string };

const MAX_HEADERS = 100;
/** Body lines taken without any curl marker before the reader lets go of a block. */
const MAX_QUIET_BODY_LINES = 20_000;
const TRACE_TIME = /^\d{2}:\d{2}:\d{2}\.\d{3,6} /;
const TRACE_BLOCK = /^(=>|<=) (Send|Recv) (header|data|SSL data), \d+ bytes/;
const TRACE_PAYLOAD = /^[0-9a-f]{4}: ?(.*)$/;
/** `* ` lines that only curl prints; they open a transcript. */
const CURL_INFO =
  /^\* {1,3}(?:Trying [\w.:[\]%-]+\.\.\.|Connected to \S+ \(|ALPN[:,] |SSL connection using |Server certificate:|using HTTP\/|h2h3 \[|\[HTTP\/[23]\] |Using Stream ID|Connection #\d+ to host|Closing connection|Host \S+ was resolved|IPv[46]: |(?:TLSv1\.[0-3]|SSLv3) \((?:IN|OUT)\)|\((?:\d+)\) \((?:IN|OUT)\), TLS|Mark bundle|Re-using existing|Connection state changed|Copying HTTP\/2|(?:http2 error: )?Invalid HTTP header field was received|Established connection|CAfile:|CApath:|Request completely sent off|upload completely sent off|We are completely uploaded|Uses proxy env|processing: )/;
const REQUEST_LINE = /^> [A-Z]+ \S+ HTTP\/[\d.]+\s*$/;
const STATUS_LINE = /^(HTTP\/[\d.]+) (\d{3})\b/;
/** `curl: (N) message`, or as git quotes it: `RPC failed; HTTP 413 curl 22 The requested URL returned error: 413`. */
const CURL_ERROR = /curl(?:: \((\d{1,3})\)| (22)(?= The requested URL returned error)) (.*)$/;
const INVALID_HEADER_FIELD =
  /Invalid HTTP header field was received: frame type: \d+, stream: \d+, name: \[([^\]]*)\], value: \[(.*)\]/;
/** curl's progress meter: the two heading lines, and a row (`50 2038M   50 1038M    0     0  2871k …`). */
const PROGRESS_HEADING = /^\s*% Total +% Received % Xferd|^\s+Dload +Upload +Total +Spent/;
const PROGRESS_ROW =
  /^\s*\d{1,3} +(\d+(?:\.\d+)?[kMGTP]?) +\d{1,3} +(\d+(?:\.\d+)?[kMGTP]?) +\d{1,3} +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[\d:-]{7,8} +[\d:-]{7,8} +[\d:-]{7,8} +[\d.]+[kMGTP]?\s*$/;
const UNIT: Readonly<Record<string, number>> = { k: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, P: 2 ** 50 };

/** A size as curl's meter prints it (1024-based units). */
function meterBytes(text: string): number {
  const unit = UNIT[text.slice(-1)];
  return Math.round(Number.parseFloat(text) * (unit ?? 1));
}
/** A shell prompt running curl: what follows is its output (`-i` prints the response head bare). */
/**
 * The command line as pasted from a shell: a user's (`$`) or root's (`#`) prompt, zsh's `%`,
 * fish's and themes' `»` and `❯`, with or without `user@host:dir` before it; also without a
 * prompt when an option follows `curl`, and inside a shell loop (`while :; do curl -i …`).
 */
const CURL_COMMAND =
  /^\s*(?:(?:[\w.-]+@[\w.-]+:\S*\s?)?[$#»❯%] (?:(?:while|until|for)\b[^;]{0,200}; *do +)?curl\s|(?:(?:while|until|for)\b[^;]{0,200}; *do +)?curl\s+(?=-))(.*)$/;
const COMMAND_METHOD = /(?:^|\s)(?:-X\s*|--request[\s=])([A-Z]+)\b/;
const COMMAND_URL = /(?:^|\s)(?:--url[\s=])?['"]?(https?:\/\/[^\s'";|&)]+)/;
/** Options whose value is not the URL: headers, referer, user agent, posted data, and the value itself. */
const COMMAND_VALUE_OPTION =
  /(?:^|\s)(?:-H|--header|-e|--referer|-A|--user-agent|-d|--data(?:-\w+)?|-F|--form|-u|--user|-b|--cookie)(?:\s+|=)(?:"(?:[^"\\]|\\.)*"|'[^']*'|\S+)/g;
const COMMAND_HEADER = /(?:^|\s)(?:-H|--header)(?:\s+|=)(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))/g;
const GLUED_INFO =
  /\* (HTTP\/2 stream \d+ (?:was not closed cleanly|reset by|was closed cleanly|refused by server).*|transfer closed with .*|Recv failure: .*|Send failure: .*|Empty reply from server|Connection died.*|Operation timed out .*|Connection #\d+ to host .*|Closing connection.*)$/;
/** The footer of nginx's (and OpenResty's) built-in error pages. */
const NGINX_ERROR_PAGE = /<center>(?:nginx|openresty)\b/;
/** A line that starts like another log format: the transcript is over. */
const FOREIGN =
  /^\s*(?:\d{4}[-/]\d{2}[-/]\d{2}[ T]|\[\d{4}-\d{2}-\d{2}|[IWEF]\d{4} \d{2}:\d{2}|\{"(?:.*")?(?:start_time|timestamp|time|ts|level|severity)"\s*:|\d{1,3}(?:\.\d{1,3}){3} - \S+ \[)/;

const MAX_ALPN = 8;
const MAX_FAILED_CONNECTS = 8;
const CONNECT_KINDS = new Set(["connect-refused", "connect-unreachable", "connect-failed"]);

function offer(x: Exchange, ...protocols: string[]): void {
  for (const protocol of protocols) if (x.alpnOffered.length < MAX_ALPN) x.alpnOffered.push(protocol);
}

/** What curl's `* ` lines say about the exchange, in the order they are tried. */
const INFO_RULES: readonly (readonly [RegExp, (x: Exchange, m: RegExpExecArray) => void])[] = [
  [/^Connected to \S+/, (x) => (x.connected = true)],
  [/^ALPN: offers (.+)$/, (x, m) => offer(x, ...(m[1] as string).split(",").map((p) => p.trim()))],
  [/^ALPN, offering (\S+)/, (x, m) => offer(x, m[1] as string)],
  [/^ALPN[:,] server accepted (?:to use )?(\S+)/, (x, m) => (x.alpnAccepted = m[1] as string)],
  [/^ALPN[:,] server did not agree/, (x) => (x.alpnAccepted = "http/1.1")],
  [
    /^SSL connection using (\S+) \/ (\S+)/,
    (x, m) => {
      x.tlsVersion = m[1] as string;
      x.tlsCipher = m[2] as string;
    },
  ],
  [/^ {1,2}subject: (.*)$/, (x, m) => (x.certSubject = m[1] as string)],
  [/^ {1,2}issuer: (.*)$/, (x, m) => (x.certIssuer = m[1] as string)],
  [/^ {1,2}expire date: (.*)$/, (x, m) => (x.certExpire = m[1] as string)],
  [/SSL certificate verify ok/, (x) => (x.certVerified = true)],
  [/SSL certificate verify result: (?!ok)/, (x) => (x.certVerified = false)],
  [/(?:h2h3 |\[HTTP\/2\] \[\d+\] )\[:authority: ([^\]]+)\]/, (x, m) => (x.authority ??= m[1] as string)],
  [
    /received GOAWAY, error=(\d+), last_stream=(\d+)/,
    (x, m) => (x.goaway = { error: Number(m[1]), lastStream: Number(m[2]) }),
  ],
  [/HTTP\/2 stream \d+ refused by server/, (x) => (x.refusedStream = true)],
  [/\(OUT\), TLS handshake, Client hello \(1\)/, (x) => (x.tlsHandshake ??= "client-hello")],
  [/\(IN\), TLS handshake, |^SSL connection using /, (x) => (x.tlsHandshake = "server-answered")],
  [
    INVALID_HEADER_FIELD,
    (x, m) => (x.invalidHeader ??= { name: m[1] as string, value: (m[2] as string).slice(0, 200) }),
  ],
];

interface Exchange {
  ref: SourceRef;
  method?: string;
  target?: string;
  requestVersion?: string;
  authority?: string;
  upgradeOffered?: string;
  alpnOffered: string[];
  alpnAccepted?: string;
  tlsVersion?: string;
  tlsCipher?: string;
  certSubject?: string;
  certIssuer?: string;
  certExpire?: string;
  certVerified?: boolean;
  responseVersion?: string;
  status?: number;
  headers: (readonly [string, string])[];
  inHeaders: boolean;
  goaway?: { error: number; lastStream: number };
  refusedStream?: boolean;
  invalidHeader?: { name: string; value: string };
  error?: string;
  bodyLines: number;
  nginxErrorPage?: boolean;
  /** Method and target come from the `$ curl` command line; curl's own `> ` lines replace them. */
  fromCommand?: boolean;
  /** curl printed `Connected to`: earlier failed attempts on other addresses do not count. */
  connected?: boolean;
  /** How far the TLS handshake got, by curl's OpenSSL messages. */
  tlsHandshake?: "client-hello" | "server-answered";
  failedConnects: { text: string; line: Line }[];
}

function newExchange(ref: SourceRef): Exchange {
  return { ref, alpnOffered: [], headers: [], inHeaders: false, bodyLines: 0, failedConnects: [] };
}

/**
 * curl output: `-v` and `--trace-ascii` transcripts (request, response headers, ALPN, TLS,
 * certificate, errors, Envoy local-reply bodies) and bare `curl: (N) …` lines. Errors glued to
 * the end of a line of body bytes (curl writes the body without a final newline) are found too.
 */
export const curlReader: LineReaderFactory = {
  format: "curl",
  needles: [
    // Outside a transcript: the meter, a `$ curl` command or `curl: (N)`, a trace block, curl's
    // own `* `, `> ` and `< ` lines, and errors glued to a body.
    PROGRESS_HEADING,
    // A meter row's times: `--:--:--` while unknown, ` H:MM:SS` under ten hours (curl pads the hour).
    ":--:",
    ...Array.from({ length: 10 }, (_, digit) => ` ${digit}:`),
    CURL_COMMAND,
    CURL_ERROR,
    "== Info: ",
    TRACE_BLOCK,
    CURL_INFO,
    REQUEST_LINE,
    "< HTTP/",
    GLUED_INFO,
  ],
  create: (context) => new CurlTranscriptReader(context),
};

/** The sizes the progress meter showed, for an error that does not state them itself. */
function withMeter(found: ClassifiedError, meter: { received: number; total: number } | undefined): ClassifiedError {
  if (!meter || found.receivedBytes !== undefined || meter.total <= 0) return found;
  return { ...found, receivedBytes: meter.received, expectedBytes: meter.total };
}

class CurlTranscriptReader implements LineReader {
  readonly #context: ReaderContext;
  #exchange: Exchange | undefined;
  #inTranscript = false;
  #traceBlock: "sent" | "received" | "body" | "skip" | undefined;
  #quietBodyLines = 0;
  /** After a `$ curl` line, until a head is read: a bare status line starts the response head. */
  #bareHead: "expected" | "reading" | undefined;
  #pages = new ProxyPageTracker();
  /** The last row of curl's progress meter: how much of how much had arrived. */
  #meter: { received: number; total: number } | undefined;

  constructor(context: ReaderContext) {
    this.#context = context;
  }

  accept(line: Line): boolean {
    const text = line.text.replace(TRACE_TIME, "");
    if (this.#meterLine(text)) return true;
    if (this.#inTranscript && FOREIGN.test(text)) this.#leave();
    const piece = this.#piece(text);
    if (!this.#inTranscript) {
      if (piece.kind === "body") return this.#bareLine(line, text);
      this.#inTranscript = true;
    }
    this.#quietBodyLines = piece.kind === "body" ? this.#quietBodyLines + 1 : 0;
    if (this.#quietBodyLines > MAX_QUIET_BODY_LINES) {
      this.#leave();
      return false;
    }
    this.#take(piece, line);
    return true;
  }

  /** Inside a transcript every line is the transcript's until a foreign one ends it. */
  inBlock(): boolean {
    return this.#inTranscript;
  }

  end(): void {
    this.#leave();
  }

  #leave(): void {
    this.#flush();
    this.#inTranscript = false;
    this.#traceBlock = undefined;
    this.#quietBodyLines = 0;
    this.#bareHead = undefined;
  }

  #piece(text: string): Piece {
    const command = CURL_COMMAND.exec(text);
    if (command) return { kind: "command", text: command[1] as string };
    if (this.#bareHead === "expected" && STATUS_LINE.test(text)) {
      this.#bareHead = "reading";
      return { kind: "received", text };
    }
    if (this.#bareHead === "reading") {
      if (text.trim() === "") this.#bareHead = undefined;
      return { kind: "received", text };
    }
    if (text.startsWith("== Info: ")) return { kind: "info", text: text.slice(9) };
    const block = TRACE_BLOCK.exec(text);
    if (block) {
      this.#traceBlock =
        block[3] === "header" ? (block[1] === "=>" ? "sent" : "received") : block[3] === "data" ? "body" : "skip";
      return { kind: "marker" };
    }
    if (this.#traceBlock) {
      const payload = TRACE_PAYLOAD.exec(text);
      if (payload) {
        if (this.#traceBlock === "skip") return { kind: "marker" };
        return { kind: this.#traceBlock, text: payload[1] as string };
      }
    }
    if (text.startsWith("* ") && (this.#inTranscript || CURL_INFO.test(text)))
      return { kind: "info", text: text.slice(2) };
    if (text.startsWith("> ") || text === ">") {
      if (this.#inTranscript || REQUEST_LINE.test(text)) return { kind: "sent", text: text.slice(2) };
    }
    if (text.startsWith("< ") || text === "<") {
      if (this.#inTranscript || STATUS_LINE.test(text.slice(2))) return { kind: "received", text: text.slice(2) };
    }
    if (this.#inTranscript && /^[{}] \[[\d.]+ (?:k?bytes|KB) data\]$/.test(text)) return { kind: "marker" };
    return { kind: "body", text };
  }

  /**
   * Outside a transcript only curl's own error lines are taken; a bare Envoy local-reply body is
   * left to the Envoy readers, so one line never counts twice.
   */
  /** curl's progress meter, inside a transcript or not: its last row is kept for the error after it. */
  #meterLine(text: string): boolean {
    if (PROGRESS_HEADING.test(text)) return true;
    const row = PROGRESS_ROW.exec(text);
    if (!row) return false;
    this.#meter = { total: meterBytes(row[1] as string), received: meterBytes(row[2] as string) };
    return true;
  }

  #bareLine(line: Line, text: string): boolean {
    const error = CURL_ERROR.exec(text);
    if (error) {
      const message = error[3] as string;
      this.#emitError(line, message, Number(error[1] ?? error[2]), true);
      // curl 8 names the refused HTTP/2 header in the error itself, with no `*` line before it.
      if (INVALID_HEADER_FIELD.test(message)) this.#info(message, line);
      return true;
    }
    const glued = GLUED_INFO.exec(text);
    if (glued && classifyCurlError(glued[1] as string).kind !== "other") {
      this.#emitError(line, glued[1] as string, undefined, true);
      return true;
    }
    return false;
  }

  #take(piece: Piece, line: Line): void {
    switch (piece.kind) {
      case "info":
        this.#info(piece.text, line);
        return;
      case "sent":
        this.#sent(piece.text, line);
        return;
      case "received":
        this.#received(piece.text, line);
        return;
      case "body":
        this.#body(piece.text, line);
        return;
      case "marker":
        return;
      case "command":
        this.#command(piece.text, line);
        return;
    }
  }

  /** True when curl has printed a request line for the current exchange. */
  #requestSeen(): boolean {
    return this.#exchange?.method !== undefined && !this.#exchange.fromCommand;
  }

  /** `$ curl …`: a new exchange, with the method and URL the command names. */
  #command(args: string, line: Line): void {
    this.#flush();
    this.#bareHead = "expected";
    const x = this.#current(line);
    const headers = [...args.matchAll(COMMAND_HEADER)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
    // A URL inside an option's value (an Origin or Referer header, posted data) is not the target.
    const url = COMMAND_URL.exec(args.replace(COMMAND_VALUE_OPTION, " "))?.[1];
    if (!url) return;
    x.fromCommand = true;
    x.method = COMMAND_METHOD.exec(args)?.[1] ?? "GET";
    try {
      const parsed = new URL(url);
      x.target = `${parsed.pathname}${parsed.search}`;
      x.authority = parsed.host;
    } catch {
      x.target = url;
    }
    for (const header of headers) {
      const [, name, value] = /^([\w-]+):\s*(.*)$/.exec(header) ?? [];
      if (!name || !value) continue;
      if (/^host$/i.test(name)) x.authority = value.trim();
      else if (/^upgrade$/i.test(name)) x.upgradeOffered = value.trim();
    }
  }

  #current(line: Line): Exchange {
    this.#exchange ??= newExchange(lineRef(this.#context.source, line));
    return this.#exchange;
  }

  #info(text: string, line: Line): void {
    if (/^ {0,2}Trying /.test(text) && this.#requestSeen()) this.#flush();
    const x = this.#current(line);
    for (const [pattern, apply] of INFO_RULES) {
      const m = pattern.exec(text);
      if (m) {
        apply(x, m);
        return;
      }
    }
    this.#infoError(text, line);
  }

  #infoError(text: string, line: Line): void {
    const found = classifyCurlError(text);
    if (found.kind === "other") return;
    const x = this.#current(line);
    if (CONNECT_KINDS.has(found.kind) && x.connected !== true) {
      // curl tries every address; a failed one counts only if none of the later ones connects.
      if (x.failedConnects.length < MAX_FAILED_CONNECTS) x.failedConnects.push({ text, line });
      return;
    }
    x.error ??= text;
    this.#emitError(line, text, undefined, false);
  }

  /** The connect failures curl printed before it gave up on every address. */
  #connectFailures(x: Exchange): void {
    if (x.connected) return;
    for (const { text, line } of x.failedConnects) {
      x.error ??= text;
      this.#emitError(line, text, undefined, false);
    }
  }

  #sent(text: string, line: Line): void {
    const m = /^([A-Z]+) (\S+) (HTTP\/[\d.]+)\s*$/.exec(text);
    if (m) {
      if (this.#requestSeen()) this.#flush();
      const x = this.#current(line);
      x.fromCommand = false;
      x.method = m[1] as string;
      x.target = m[2] as string;
      x.requestVersion = m[3] as string;
      return;
    }
    const host = /^host: *(.+?)\s*$/i.exec(text);
    if (host && this.#exchange) this.#exchange.authority ??= host[1] as string;
    const upgrade = /^upgrade: *(.+?)\s*$/i.exec(text);
    if (upgrade && this.#exchange) this.#exchange.upgradeOffered ??= (upgrade[1] as string).slice(0, 100);
  }

  #received(text: string, line: Line): void {
    const x = this.#current(line);
    const status = STATUS_LINE.exec(text);
    if (status) {
      x.responseVersion = status[1] as string;
      x.status = Number(status[2]);
      x.headers = [];
      x.inHeaders = true;
      return;
    }
    const trimmed = text.trim();
    if (trimmed === "") {
      x.inHeaders = false;
      return;
    }
    const colon = trimmed.indexOf(":");
    if (x.inHeaders && colon > 0 && x.headers.length < MAX_HEADERS) {
      x.headers.push([trimmed.slice(0, colon).trim().toLowerCase(), trimmed.slice(colon + 1).trim()]);
    }
  }

  #body(text: string, line: Line): void {
    const x = this.#current(line);
    x.bodyLines++;
    if (NGINX_ERROR_PAGE.test(text)) x.nginxErrorPage = true;
    const field = eventStreamFieldOf(text);
    if (field) this.#context.emit({ type: "text.event-stream", ref: lineRef(this.#context.source, line), field });
    const error = CURL_ERROR.exec(text);
    if (error) {
      this.#emitError(line, error[3] as string, Number(error[1] ?? error[2]), false);
      return;
    }
    const glued = GLUED_INFO.exec(text);
    if (glued) {
      this.#info(glued[1] as string, line);
      this.#localReply(line, text.slice(0, glued.index));
      return;
    }
    this.#localReply(line, text);
  }

  #localReply(line: Line, text: string): void {
    const x = this.#exchange;
    const page = this.#pages.feed(text, x?.status);
    const reply = findLocalReply(text) ?? page;
    if (!reply) return;
    const responder = x ? responderOf(x.headers, x.status) : undefined;
    const correlation = x ? correlationOf(x) : undefined;
    this.#context.emit({
      type: "curl.local-reply",
      ref: lineRef(this.#context.source, line),
      ...reply,
      ...(x?.status !== undefined ? { status: x.status } : {}),
      ...(responder ? { responder } : {}),
      ...(correlation ? { correlation } : {}),
    });
  }

  #emitError(line: Line, message: string, exitCode: number | undefined, bare: boolean): void {
    const found = withMeter(classifyCurlError(message.trim(), exitCode), this.#meter);
    this.#meter = undefined;
    const x = bare ? undefined : this.#exchange;
    const responder: ResponderHint | undefined = x ? responderOf(x.headers, x.status) : undefined;
    const correlation = x ? correlationOf(x) : undefined;
    const observation: CurlError = {
      type: "curl.error",
      ref: lineRef(this.#context.source, line, found.reset ? { stream: found.reset.stream } : {}),
      message: message.trim(),
      ...found,
      ...statusOf(x?.status, message),
      ...(x?.responseVersion ? { httpVersion: x.responseVersion } : {}),
      ...(responder ? { responder } : {}),
      bare,
      ...(correlation ? { correlation } : {}),
    };
    this.#context.emit(observation);
  }

  #flush(): void {
    const x = this.#exchange;
    this.#exchange = undefined;
    this.#pages = new ProxyPageTracker();
    if (x) this.#connectFailures(x);
    if (!x || (x.method === undefined && x.status === undefined && x.alpnOffered.length === 0 && !x.invalidHeader)) {
      return;
    }
    // The ClientHello went out and the transcript ends there: no answer, no error, no request.
    const stalled =
      x.tlsHandshake === "client-hello" &&
      !x.error &&
      x.status === undefined &&
      (x.method === undefined || x.fromCommand === true);
    const responder = responderOf(x.headers, x.status);
    const correlation = correlationOf(x);
    const observation: CurlExchange = {
      type: "curl.exchange",
      ref: x.ref,
      ...(x.method ? { method: x.method } : {}),
      ...(x.target ? { target: x.target } : {}),
      ...(x.requestVersion ? { requestVersion: x.requestVersion } : {}),
      ...(x.authority ? { authority: x.authority } : {}),
      ...(x.upgradeOffered ? { upgradeOffered: x.upgradeOffered } : {}),
      alpnOffered: x.alpnOffered,
      ...(x.alpnAccepted ? { alpnAccepted: x.alpnAccepted } : {}),
      ...(x.tlsVersion ? { tlsVersion: x.tlsVersion } : {}),
      ...(x.tlsCipher ? { tlsCipher: x.tlsCipher } : {}),
      ...(x.certSubject ? { certSubject: x.certSubject } : {}),
      ...(x.certIssuer ? { certIssuer: x.certIssuer } : {}),
      ...(x.certExpire ? { certExpire: x.certExpire } : {}),
      ...(x.certVerified !== undefined ? { certVerified: x.certVerified } : {}),
      ...(x.responseVersion ? { responseVersion: x.responseVersion } : {}),
      ...(x.status !== undefined ? { status: x.status } : {}),
      headers: x.headers,
      ...(responder ? { responder } : {}),
      ...(x.goaway ? { goaway: x.goaway } : {}),
      ...(x.refusedStream ? { refusedStream: true } : {}),
      ...(x.invalidHeader ? { invalidHeader: x.invalidHeader } : {}),
      ...(x.error ? { error: x.error } : {}),
      bodyLines: x.bodyLines,
      ...(x.nginxErrorPage ? { nginxErrorPage: true } : {}),
      ...(stalled ? { tlsStalledAfterClientHello: true } : {}),
      ...(correlation ? { correlation } : {}),
    };
    this.#context.emit(observation);
  }
}

/** `--fail`'s exit 22 names the status when no response head was seen. */
const RETURNED_ERROR = /The requested URL returned error: ([1-5]\d\d)\b/;

function statusOf(seen: number | undefined, message: string): { status?: number } {
  if (seen !== undefined) return { status: seen };
  const named = RETURNED_ERROR.exec(message)?.[1];
  return named ? { status: Number(named) } : {};
}

function correlationOf(x: Exchange): Correlation | undefined {
  const requestId = x.headers.find(([name]) => name === "x-request-id")?.[1];
  const path = x.target?.startsWith("/") ? x.target.split("?")[0] : undefined;
  const correlation: Correlation = {
    ...(x.authority ? { authority: x.authority } : {}),
    ...(path ? { path } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return Object.keys(correlation).length > 0 ? correlation : undefined;
}
