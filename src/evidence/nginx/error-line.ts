import type { NginxErrorLine, NginxFlavour } from "../../model/observations/nginx.ts";

/** The fields of one nginx error-log line, before it becomes an observation. */
export type ParsedErrorLine = Omit<NginxErrorLine, "type" | "ref" | "correlation"> & {
  readonly time: string;
  readonly pid: number;
};

const HEAD =
  /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) \[(debug|info|notice|warn|error|crit|alert|emerg)\] (\d+)#\d+: (?:\*(\d+) )?/;
/** The tail nginx appends to request-bound messages: `, client: …, server: …, request: "…"`. */
const TAIL_START = /, (?:client|server): /;
const TAIL_FIELD = /, (client|server|request|upstream|subrequest|host|referrer): (?:"((?:[^"\\]|\\.)*)"|([^,]*))/g;
const SYSCALL =
  /^(?:\[\w+\] )?(?:[\w.]+:\d+: )?(?:\w+\(\): )?([a-zA-Z_][\w]*)\(\)(?: "([^"]*)")? failed \((\d+): ([^)]*)\)/;
const ERRNO = /\((\d+): ([^)]*)\)/;
const LUA = /^\[(lua|kong)\] ([\w./-]+:\d+)?:?/;
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Parses one nginx error-log line (also Kong's and ingress-nginx's, which are nginx). Returns
 * undefined for anything else. Linear in the line length.
 */
export function parseErrorLine(raw: string): ParsedErrorLine | undefined {
  const text = raw.includes("\x1b") ? raw.replace(ANSI, "") : raw;
  const head = HEAD.exec(text);
  if (!head) return undefined;
  let body = text.slice(head[0].length);
  const fields = new Map<string, string>();
  const tailAt = body.search(TAIL_START);
  if (tailAt >= 0) {
    const tail = body.slice(tailAt);
    body = body.slice(0, tailAt);
    for (const m of tail.matchAll(TAIL_FIELD)) {
      const key = m[1] as string;
      if (!fields.has(key)) fields.set(key, m[2] ?? m[3] ?? "");
    }
  }
  let action: string | undefined;
  const whileAt = body.lastIndexOf(" while ");
  if (whileAt >= 0) {
    action = body.slice(whileAt + 7).trim();
    body = body.slice(0, whileAt);
  }
  const message = body.trim();
  const out: Mutable<ParsedErrorLine> = {
    time: head[1] as string,
    level: head[2] as string,
    pid: Number(head[3]),
    message,
    flavour: flavourOf(text),
  };
  if (head[4] !== undefined) out.connection = Number(head[4]);
  const sys = SYSCALL.exec(message);
  const errno = sys ?? ERRNO.exec(message);
  if (sys) {
    out.syscall = sys[1] as string;
    if (sys[2] !== undefined) out.path = sys[2];
    out.errno = Number(sys[3]);
    out.errnoText = sys[4] as string;
  } else if (errno) {
    out.errno = Number(errno[1]);
    out.errnoText = errno[2] as string;
  }
  if (action) out.action = action;
  const lua = message.startsWith("[") ? LUA.exec(message) : null;
  if (lua?.[2]) out.luaSource = lua[2];
  for (const [key, value] of fields) {
    if (value === "") continue;
    if (key === "client" || key === "server" || key === "request" || key === "host") out[key] = value;
    else if (key === "upstream" || (key === "subrequest" && out.upstream === undefined)) out.upstream = value;
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function flavourOf(text: string): NginxFlavour {
  if (/kong_prefix|\[kong\]|\/kong\/|server: kong\b|ring-balancer/.test(text)) return "kong";
  if (/ingress-nginx|upstream-default-backend|\[lua\] (?:monitor|configuration|certificate)\.lua/.test(text)) {
    return "ingress-nginx";
  }
  return "nginx";
}

/** The http method and path of an nginx `request:` field (`GET /x HTTP/1.1`). */
export function requestPath(request: string | undefined): { method?: string; path?: string } {
  if (!request) return {};
  const m = /^([A-Z]+) (\S+)/.exec(request);
  return m ? { method: m[1] as string, path: m[2] as string } : {};
}

/** The host:port of an upstream URL such as `http://10.0.0.1:8080/x`. */
export function upstreamAuthority(upstream: string | undefined): string | undefined {
  if (!upstream) return undefined;
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/\s]+)/i.exec(upstream);
  return m?.[1];
}
