import type { HaproxyLogLine } from "../../model/observations/haproxy.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef } from "../reader.ts";
import { HEALTH_CHECK, type Mutable, NO_SERVER, parseHaproxyEvent, SERVER_STATE } from "./events.ts";

type LogFields = Omit<HaproxyLogLine, "type" | "ref">;

/** Longest line looked at; an HTTP log line is well inside it. */
const MAX_LINE = 16 << 10;

/**
 * An HAProxy HTTP log line from its timers on: `TR/Tw/Tc/Tr/Ta status bytes cookie cookie TTTT
 * actconn/feconn/beconn/srvconn/retries srvqueue/backendqueue {headers} "request"`. The termination
 * state's first two letters are the ones HAProxy defines (who ended the session, in which phase);
 * a custom log-format may leave out what follows it.
 */
const FROM_TIMERS =
  /(-?\d+)\/(-?\d+)\/(-?\d+)\/(-?\d+)\/\+?(-?\d+) (-?\d{1,3}) \+?\d+ \S+ \S+ ([CSPLRIDUKcs-][RQCHDLT-][A-Za-z-]{2})(?=\s|$)(?: \d+\/\d+\/\d+\/\d+\/\+?(\d+) \d+\/\d+)?(?: \{[^}]*\})*(?: +"([^"]*)")?/y;

const SPACE = 0x20;
const TAB = 0x09;
const MINUS = 0x2d;
/** Digits a timer holds before its slash: ms over days, well below ten digits. */
const MAX_TIMER_DIGITS = 10;

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isBlank = (code: number): boolean => code === SPACE || code === TAB;

/**
 * Where the timers start, when the slash at `slash` ends their first one: a number (`-1` when
 * the phase never ended) standing alone after a blank and followed by another. Dates, paths and
 * protocol versions fail here, before any regex.
 */
function timersStart(text: string, slash: number): number {
  const next = text.charCodeAt(slash + 1);
  if (!isDigit(next) && next !== MINUS) return -1;
  let at = slash;
  while (at > 0 && slash - at < MAX_TIMER_DIGITS && isDigit(text.charCodeAt(at - 1))) at--;
  if (at === slash) return -1;
  if (text.charCodeAt(at - 1) === MINUS) at--;
  return at > 0 && isBlank(text.charCodeAt(at - 1)) ? at : -1;
}

/** Where the word ending just before `end` starts. */
function wordStart(text: string, end: number): number {
  let at = end;
  while (at > 0 && !isBlank(text.charCodeAt(at - 1))) at--;
  return at;
}

/** The `frontend backend/server` words just before the timers, with nothing required before them. */
function routeBefore(text: string, timers: number): Pick<LogFields, "frontend" | "backend" | "server"> | undefined {
  const routeAt = wordStart(text, timers - 1);
  if (routeAt < 2) return undefined;
  const frontend = text.slice(wordStart(text, routeAt - 1), routeAt - 1);
  const route = text.slice(routeAt, timers - 1);
  const slash = route.indexOf("/");
  if (!frontend || frontend.includes("/") || slash <= 0 || slash === route.length - 1) return undefined;
  return { frontend, backend: route.slice(0, slash), server: route.slice(slash + 1) };
}

function readFrom(text: string, timers: number): LogFields | undefined {
  FROM_TIMERS.lastIndex = timers;
  const m = FROM_TIMERS.exec(text);
  const route = m ? routeBefore(text, timers) : undefined;
  if (!m || !route) return undefined;
  const n = (i: number): number => Number(m[i]);
  const fields: Mutable<LogFields> = {
    frontend: route.frontend,
    backend: route.backend,
    server: route.server,
    timers: { request: n(1), queue: n(2), connect: n(3), response: n(4), total: n(5) },
    status: n(6),
    termination: m[7] as string,
  };
  if (m[8] !== undefined) fields.retries = n(8);
  if (m[9] !== undefined) fields.request = m[9];
  return fields;
}

/**
 * An HAProxy HTTP log line, anchored on its timers: with or without the syslog prefix, the client
 * address and the accept date, which trimmed quotes and custom log-formats leave out.
 */
function readLine(line: string): LogFields | undefined {
  const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  for (let slash = text.indexOf("/"); slash >= 0; slash = text.indexOf("/", slash + 1)) {
    const timers = timersStart(text, slash);
    const read = timers > 0 ? readFrom(text, timers) : undefined;
    if (read) return read;
  }
  return text.includes("haproxy[") ? readQuotedFormat(text) : undefined;
}

/**
 * A custom log-format that quotes the frontend, backend and server and writes the timers apart
 * (`"%ft" "%b" "%s" %TR %Tw %Tc %Tr %Ta %tsc`), after a quoted request and its status; only read
 * on a line HAProxy's syslog tag names.
 */
const QUOTED_FORMAT =
  /"[A-Z]{3,10} \S{1,4096} HTTP\/[\d.]+" (?<status>-?\d{1,3}) [^\n]{0,2000}?"(?<frontend>[^"\s]{1,200})" "(?<backend>[^"\s]{1,200})" "(?<server>[^"\s]{1,200})" (?<request>-?\d+) (?<queue>-?\d+) (?<connect>-?\d+) (?<response>-?\d+) \+?(?<total>-?\d+) (?<termination>[CSPLRIDUKcs-][RQCHDLT-][A-Za-z-]{2})(?=\s|$)/;

function readQuotedFormat(text: string): LogFields | undefined {
  const g = QUOTED_FORMAT.exec(text)?.groups;
  if (!g) return undefined;
  const n = (value: string | undefined): number => Number(value);
  return {
    frontend: g.frontend ?? "",
    backend: g.backend ?? "",
    server: g.server ?? "",
    timers: {
      request: n(g.request),
      queue: n(g.queue),
      connect: n(g.connect),
      response: n(g.response),
      total: n(g.total),
    },
    status: n(g.status),
    termination: g.termination ?? "",
  };
}

/**
 * Text every line taken holds. A log line's timers have no fixed text, but their first slash
 * stands between a digit and a digit or `-` (`0/0/1/2/3`, `-1/-1/…`): one string for each such
 * triple. HAProxy's own messages have their words.
 */
const HAPROXY_NEEDLES: readonly (string | RegExp)[] = [
  ..."0123456789".split("").flatMap((before) => [..."0123456789-"].map((after) => `${before}/${after}`)),
  "haproxy[",
  SERVER_STATE,
  HEALTH_CHECK,
  NO_SERVER,
];

/**
 * HAProxy's HTTP log lines (syslog or stdout), and its own messages about servers going DOWN or
 * UP and backends left without servers (stderr or syslog): one observation each.
 */
export const haproxyLogReader: LineReaderFactory = {
  format: "haproxy",
  needles: HAPROXY_NEEDLES,
  create(context) {
    return {
      accept(line: Line): boolean {
        const read = readLine(line.text);
        if (read) {
          context.emit({ type: "haproxy.log", ref: lineRef(context.source, line), ...read });
          return true;
        }
        const event = parseHaproxyEvent(line.text);
        if (!event) return false;
        const ref = lineRef(context.source, line);
        if (event.kind === "no-server") context.emit({ type: "haproxy.no-server", ref, ...event.fields });
        else context.emit({ type: "haproxy.server-state", ref, ...event.fields });
        return true;
      },
      end(): void {},
    };
  },
};
