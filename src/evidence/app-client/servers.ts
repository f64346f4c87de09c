import type { AppServerEvent, AppServerEventKind } from "../../model/observations/app-client.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";

/**
 * The block size uWSGI reads from the first four bytes of a request when they are an HTTP method
 * instead of its own header (`GET ` gives 0x5445): plain HTTP was sent to a uwsgi socket.
 */
const HTTP_METHOD_BLOCK_SIZES = new Set(
  ["GET ", "POST", "PUT ", "HEAD", "DELETE", "PATCH", "OPTIONS", "CONNECT"].map(
    (method) => method.charCodeAt(1) + (method.charCodeAt(2) << 8),
  ),
);

interface Wording {
  readonly server: string;
  readonly needle: string;
  readonly pattern: RegExp;
  readonly kind: (groups: Readonly<Record<string, string | undefined>>) => AppServerEventKind;
}

const WORDINGS: readonly Wording[] = [
  {
    server: "gunicorn",
    needle: "WORKER TIMEOUT",
    pattern: /\[CRITICAL\] WORKER TIMEOUT \(pid:(?<pid>\d{1,10})\)/,
    kind: () => "worker-timeout",
  },
  {
    server: "uWSGI",
    needle: "invalid request block size",
    pattern: /invalid request block size: (?<size>\d{1,10}) \(max (?<limit>\d{1,10})\)/,
    kind: (groups) => (HTTP_METHOD_BLOCK_SIZES.has(Number(groups.size)) ? "http-to-uwsgi" : "uwsgi-buffer-too-small"),
  },
  {
    server: "Home Assistant",
    needle: "not set-up for reverse proxies",
    pattern:
      /A request from a reverse proxy was received from (?<proxy>[^\s,]{1,100}), but your HTTP integration is not set-up for reverse proxies/,
    kind: () => "proxy-not-allowed",
  },
  {
    server: "Django",
    needle: "Invalid HTTP_HOST header",
    pattern: /Invalid HTTP_HOST header: '(?<host>[^']{1,253})'/,
    kind: () => "proxy-not-allowed",
  },
  {
    server: "uvicorn",
    needle: "Invalid HTTP request received",
    pattern: /(?:WARNING|ERROR): +(?<error>Invalid HTTP request received)/,
    kind: () => "request-refused",
  },
  {
    server: "uvicorn (h11)",
    needle: "RemoteProtocolError",
    pattern: /h11\._util\.RemoteProtocolError: (?<error>[^\n]{1,200})/,
    kind: () => "request-refused",
  },
];

export function parseAppServerLine(text: string): Omit<AppServerEvent, "type" | "ref"> | undefined {
  for (const wording of WORDINGS) {
    if (!text.includes(wording.needle)) continue;
    const groups = wording.pattern.exec(text)?.groups;
    if (!groups) continue;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(groups)) if (value !== undefined) fields[key] = value;
    return { server: wording.server, kind: wording.kind(groups), fields };
  }
  return undefined;
}

/** Python application servers' own lines about requests they could not serve. */
export const appServerReader: LineReaderFactory = {
  ...perLineReader("app-server", (line, source) => {
    const parsed = parseAppServerLine(line.text);
    return parsed && { type: "app-server.event", ref: lineRef(source, line), ...parsed };
  }),
  needles: WORDINGS.map((wording) => wording.needle),
};
