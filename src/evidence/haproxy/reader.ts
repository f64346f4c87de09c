import type { HaproxyLogLine } from "../../model/observations/haproxy.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef } from "../reader.ts";
import { parseHaproxyEvent } from "./events.ts";

/** Longest line looked at; an HTTP log line is well inside it. */
const MAX_LINE = 16 << 10;

/**
 * An HAProxy HTTP log line, with or without its syslog prefix:
 * `client:port [date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes cookie cookie TTTT
 * actconn/feconn/beconn/srvconn/retries srvqueue/backendqueue {headers} "request"`.
 */
const HTTP_LOG =
  /(?:^|\s)[\w.:[\]%-]+:\d{1,5} \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2}(?:\.\d+)?\] (\S+) ([^/\s]+)\/(\S+) (-?\d+)\/(-?\d+)\/(-?\d+)\/(-?\d+)\/\+?(-?\d+) (-?\d{1,3}) \+?\d+ \S+ \S+ ([A-Za-z-]{4}) \d+\/\d+\/\d+\/\d+\/\+?(\d+) \d+\/\d+(?: \{[^}]*\})*(?: "([^"]*)")?/;

const SLASH = 0x2f;

/** The cheap test first: the first ` [` opens a `dd/Mon/yyyy` date, as HAProxy's accept date does. */
function hasAcceptDate(text: string): boolean {
  const at = text.indexOf(" [");
  return at >= 0 && text.charCodeAt(at + 4) === SLASH && text.charCodeAt(at + 8) === SLASH;
}

function readLine(text: string): Omit<HaproxyLogLine, "type" | "ref"> | undefined {
  const m = HTTP_LOG.exec(text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i]);
  return {
    frontend: m[1] as string,
    backend: m[2] as string,
    server: m[3] as string,
    timers: { request: n(4), queue: n(5), connect: n(6), response: n(7), total: n(8) },
    status: n(9),
    termination: m[10] as string,
    retries: n(11),
    ...(m[12] !== undefined ? { request: m[12] } : {}),
  };
}

/**
 * HAProxy's HTTP log lines (syslog or stdout), and its own messages about servers going DOWN or
 * UP and backends left without servers (stderr or syslog): one observation each.
 */
export const haproxyLogReader: LineReaderFactory = {
  format: "haproxy",
  create(context) {
    return {
      accept(line: Line): boolean {
        const read = hasAcceptDate(line.text) ? readLine(line.text) : undefined;
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
