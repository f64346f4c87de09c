import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import { jsonRecord } from "../json-line.ts";
import type { Line } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";
import { type AccessEntry, AccessTally } from "./access.ts";
import { goFailureKind, goUpstream, MAX_TEXT, numberField, shortText, stringField } from "./classify.ts";
import { defined, emitFailure, type FailureFields } from "./emit.ts";

/** v2 (oxy): `'502 Bad Gateway' caused by: <Go error>`. */
const CAUSED_BY = /^'(\d{3}) [^']{1,60}' caused by: (.*)$/s;
/** v3 (zerolog): the message is the status line, the error is a field. */
const STATUS_MESSAGE = /^(\d{3}) [A-Z][A-Za-z ]{1,60}$/;
const BODY_COPY = /^httputil: ReverseProxy read error during body copy: (.*)$/s;
const PEEK = /^Error while Peeking first byte: (.*)$/s;
const HEALTH = /^Health check failed/;
const HEALTH_URL = /URL: "([^"]{1,512})"/;

/** logrus text: `time="…" level=debug msg="…"`. */
const LOGRUS = /(?:^|\s)level=(\w+) msg="((?:[^"\\]|\\.){0,4096})"/;
/** zerolog console: `2024-03-01T10:00:01Z DBG caller > message key=value…`. */
const ZEROLOG = /^(?:\S+ )?(TRC|DBG|INF|WRN|ERR|FTL|PNC) (?:\S+ > )?(.{1,4096})$/s;
const ZEROLOG_FIELD = / (error|targetURL|serviceName|routerName)=("(?:[^"\\]|\\.)*"|\S+)/g;
const ZEROLOG_LEVELS: Readonly<Record<string, string>> = {
  TRC: "trace",
  DBG: "debug",
  INF: "info",
  WRN: "warn",
  ERR: "error",
  FTL: "fatal",
  PNC: "panic",
};

/** Traefik's ComputeStatusCode: EOF 502, a cancelled request 499, net errors 504 or 502, others 500. */
const STATUS_OF: Partial<Record<ProxyFailureKind, number>> = {
  refused: 502,
  unreachable: 502,
  "connect-timeout": 504,
  reset: 502,
  closed: 502,
  "header-timeout": 504,
  "client-gone": 499,
  "tls-certificate": 500,
  "tls-mismatch": 500,
  "malformed-response": 500,
  goaway: 500,
  "request-body-failed": 502,
};

/** Access log: Common Log Format plus request count, "router", "backend URL" and duration in ms. */
const ACCESS =
  /^\S+ \S+ \S+ \[[^\]]{1,40}\] "(?:[A-Z]+ (\S{0,2048})[^"]*|[^"]*)" (\d{3}) \S+ "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*" \d+ "([^"]*)" "([^"]*)" (\d+)ms/;

function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

function unescapeLogrus(text: string): string {
  return text.replace(/\\(["\\])/g, "$1");
}

interface Message {
  readonly level?: string;
  readonly message: string;
  readonly error?: string;
  readonly targetURL?: string;
}

function fromJson(record: Record<string, unknown>): Message | undefined {
  const message = stringField(record, "msg") ?? stringField(record, "message");
  if (message === undefined) return undefined;
  const error = stringField(record, "error");
  const targetURL = stringField(record, "targetURL");
  return defined({ level: stringField(record, "level"), message, error, targetURL });
}

function fromText(text: string): Message | undefined {
  const logrus = LOGRUS.exec(text);
  if (logrus) return { level: logrus[1] as string, message: unescapeLogrus(logrus[2] as string) };
  const zerolog = ZEROLOG.exec(text);
  if (!zerolog) return undefined;
  let message = zerolog[2] as string;
  const fields: Record<string, string> = {};
  const first = message.search(ZEROLOG_FIELD);
  if (first >= 0) {
    for (const m of message.slice(first).matchAll(ZEROLOG_FIELD)) fields[m[1] as string] = unquote(m[2] as string);
    message = message.slice(0, first);
  }
  return defined({
    level: ZEROLOG_LEVELS[zerolog[1] as string],
    message: message.trim(),
    error: fields.error,
    targetURL: fields.targetURL,
  });
}

/** The failure a Traefik message reports, if it is one of those it logs about requests and servers. */
function failureOf(m: Message): FailureFields | undefined {
  const caused = CAUSED_BY.exec(m.message);
  const status = caused
    ? Number(caused[1])
    : STATUS_MESSAGE.test(m.message)
      ? Number(m.message.slice(0, 3))
      : undefined;
  const error = caused ? (caused[2] as string) : status !== undefined ? m.error : undefined;
  if (error !== undefined && status !== undefined) {
    const kind = goFailureKind(error);
    if (!kind) return undefined;
    return defined({
      proxy: "traefik",
      kind,
      level: m.level,
      message: shortText(error),
      status: status ?? STATUS_OF[kind],
      upstream: goUpstream(error),
    });
  }
  const body = BODY_COPY.exec(m.message);
  if (body) {
    const text = body[1] as string;
    const kind = goFailureKind(text) === "header-timeout" ? "body-timeout" : "body-cut";
    return defined({ proxy: "traefik", kind, level: m.level, message: shortText(text), upstream: goUpstream(text) });
  }
  const peek = PEEK.exec(m.message);
  if (peek) {
    return defined({ proxy: "traefik", kind: "client-idle", level: m.level, message: shortText(peek[1] as string) });
  }
  if (HEALTH.test(m.message)) {
    const upstream = m.targetURL ?? HEALTH_URL.exec(m.message)?.[1];
    return defined({
      proxy: "traefik",
      kind: "marked-unhealthy",
      level: m.level,
      message: shortText(m.error ? `${m.message} ${m.error}` : m.message),
      upstream,
    });
  }
  return undefined;
}

/**
 * Words one of which every failure line the reader takes holds: the v2 message, the v3 error field
 * (console or JSON), a body cut, a client that sent nothing, a health check.
 */
const FAILURE_HINT = /caused by: | error=|"error"|body copy: |Peeking first byte: |Health check failed/;

/** A zerolog console level (`DBG `) at `at`. */
function zerologLevelAt(text: string, at: number): boolean {
  return text.charCodeAt(at + 3) === 0x20 && ZEROLOG_LEVELS[text.slice(at, at + 3)] !== undefined;
}

/**
 * Whether the line may be one of Traefik's log lines (JSON, zerolog console, logrus text), tested
 * without a regular expression: the zerolog level opens the line or its second word.
 */
function inLogFormat(text: string, json: boolean): boolean {
  if (json || zerologLevelAt(text, 0)) return true;
  const space = text.indexOf(" ");
  return (space > 0 && zerologLevelAt(text, space + 1)) || text.includes('msg="');
}

function accessOf(line: string, record: Record<string, unknown> | undefined): AccessEntry | undefined {
  if (record) {
    const status = numberField(record, "DownstreamStatus");
    if (status === undefined || stringField(record, "RouterName") === undefined) return undefined;
    const duration = numberField(record, "Duration");
    return defined({
      status,
      backend: stringField(record, "ServiceURL") ?? stringField(record, "ServiceName"),
      router: stringField(record, "RouterName"),
      originStatus: numberField(record, "OriginStatus"),
      durationMs: duration === undefined ? undefined : Math.round(duration / 1e6),
      path: stringField(record, "RequestPath"),
    });
  }
  const m = ACCESS.exec(line);
  if (!m) return undefined;
  return defined({
    status: Number(m[2]),
    path: m[1],
    router: m[3] === "-" ? undefined : m[3],
    backend: m[4] === "-" ? undefined : m[4],
    durationMs: Number(m[5]),
  });
}

/**
 * Traefik v2 and v3 logs, text (logrus, zerolog console) and JSON: the proxy's failures to reach
 * or read a server, health checks removing servers, clients that sent nothing; and its access log
 * (Common Log Format with Traefik's fields, or JSON) counted by status and backend.
 */
export const traefikReader: LineReaderFactory = {
  format: "traefik",
  /**
   * A JSON access line names `"DownstreamStatus"`, or (its key escaped) holds `" "` as every text
   * access line does; a failure line holds one of the FAILURE_HINT words.
   */
  needles: ['"DownstreamStatus"', '" "', FAILURE_HINT],
  create(context) {
    const access = new AccessTally("traefik");
    return {
      accept(line: Line): boolean {
        const text = line.text.length > MAX_TEXT * 2 ? line.text.slice(0, MAX_TEXT * 2) : line.text;
        // Every line of every input comes here: literal tests first, the expressions after.
        const json = text.startsWith("{");
        const maybeAccess =
          (json && text.includes('"DownstreamStatus"')) || (text.includes('" "') && text.includes("ms"));
        const maybeFailure = inLogFormat(text, json) && FAILURE_HINT.test(text);
        if (!maybeAccess && !maybeFailure) return false;
        const record = json ? jsonRecord(text) : undefined;
        const entry = maybeAccess ? accessOf(text, record) : undefined;
        if (entry) {
          access.add(context, line, entry);
          return true;
        }
        if (!maybeFailure) return false;
        const message = record ? fromJson(record) : fromText(text);
        const failure = message ? failureOf(message) : undefined;
        if (!failure) return false;
        emitFailure(context, line, failure);
        return true;
      },
      end(): void {
        access.end(context);
      },
    };
  },
};
