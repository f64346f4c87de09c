import type { NginxErrorLine, NginxFlavour } from "../../model/observations/nginx.ts";

/** The fields of one nginx error-log line, before it becomes an observation. */
export type ParsedErrorLine = Omit<NginxErrorLine, "type" | "ref" | "correlation"> & {
  readonly pid: number;
};

/** nginx's log levels, as its error lines bracket them. */
const LEVELS = "debug|info|notice|warn|error|crit|alert|emerg";
/** The date is optional: people often quote a line from `[level]` on. */
const HEAD = new RegExp(
  String.raw`^(?:(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) )?\[(${LEVELS})\] (\d+)#\d+: (?:\*(\d+) |(\d+) (?=\D[^\n]*, client: ))?`,
);
/** The tail nginx appends to request-bound messages: `, client: …, server: …, request: "…"`. */
const TAIL_START = /, (?:client|server): /;
const TAIL_FIELD = /, (client|server|request|upstream|subrequest|host|referrer): (?:"((?:[^"\\]|\\.)*)"|([^,]*))/g;
/** The errno's closing parenthesis may be missing when the line was cut (terminal width, `less -S`). */
const SYSCALL =
  /^(?:\[\w+\] )?(?:[\w.]+:\d+: )?(?:\w+\(\): )?([a-zA-Z_][\w]*)\(\)(?: "([^"]*)")? failed \((\d+)(?:: ([^)]*))?(\)|$)/;
const ERRNO = /\((\d+): ([^)]*)(\)|$)/;
/** A quoted fragment that starts at the file's path, its system call cut off. */
const PATH_FAILED = /^"([^"]*)" failed \(/;
/** What a cut line's viewer put in place of the rest: `less` `>`, journalctl `…`, a terminal `#`. */
const CUT_MARK = /\s*[>#…]+$/;
/** Linux strerror texts, to complete an errno text cut short. */
const ERRNO_TEXT: Readonly<Record<number, string>> = {
  13: "Permission denied",
  28: "No space left on device",
  30: "Read-only file system",
  32: "Broken pipe",
  99: "Cannot assign requested address",
  101: "Network is unreachable",
  104: "Connection reset by peer",
  110: "Connection timed out",
  111: "Connection refused",
  113: "No route to host",
};
/**
 * An upstream error quoted without any of the line's head (`upstream sent … while reading response
 * header from upstream`): nginx's own wording of what it was doing tells the line apart.
 */
const BARE_UPSTREAM_MESSAGE =
  /^(?:\*\d+ )?(?:upstream |(?:[A-Za-z_]+\(\) )?failed \((?:\d+|SSL:)|no live upstreams )[^\n]*? while (?:reading|sending|connecting|SSL handshaking|proxying)\b[^\n]*\bupstream\b/;
/** nginx failing on one of its temporary files, quoted as a fragment (`... "/…/proxy_temp/5/00/0000000005" failed (13: …`). */
const BARE_TEMP_FILE = new RegExp(
  String.raw`^(\.{3} ?|\[(${LEVELS})\] )?(?:[a-z]+\(\) )?"[^"]{1,1000}\/(?:proxy|fastcgi|uwsgi|scgi|client_body)_temp\/[^"]{0,200}" failed \(\d+: `,
);
/** Where a line's message starts, and what its head says. */
interface Head {
  readonly length: number;
  readonly time?: string;
  readonly level: string;
  readonly pid: number;
  readonly connection?: number;
}

/** The line's head, or for a bare upstream message quoted alone: an error, of no known process. */
function headOf(text: string): Head | undefined {
  const head = HEAD.exec(text);
  if (head) {
    return {
      length: head[0].length,
      level: head[2] as string,
      pid: Number(head[3]),
      ...(head[1] !== undefined ? { time: head[1] } : {}),
      // Markdown eats the `*` before the connection number when a line is pasted into an issue.
      ...((head[4] ?? head[5]) !== undefined ? { connection: Number(head[4] ?? head[5]) } : {}),
    };
  }
  const temp = BARE_TEMP_FILE.exec(text);
  if (temp) return { length: temp[1]?.length ?? 0, level: temp[2] ?? "crit", pid: 0 };
  // Quoted from `[level]` on with the process and connection left out: `[error] upstream sent …`.
  const level = LEVEL_ONLY.exec(text);
  const rest = level ? text.slice(level[0].length) : text;
  const bare = text.includes(" while ")
    ? BARE_UPSTREAM_MESSAGE.test(rest)
    : level !== null && BARE_CLIENT_MESSAGE.test(rest);
  if (!bare) return undefined;
  const connection = /^\*(\d+) /.exec(rest);
  const length = (level?.[0].length ?? 0) + (connection?.[0].length ?? 0);
  return {
    length,
    level: level?.[1] ?? "error",
    pid: 0,
    ...(connection ? { connection: Number(connection[1]) } : {}),
  };
}
const LEVEL_ONLY = new RegExp(String.raw`^\[(${LEVELS})\] `);
/** nginx's refusals of a client's request, which say no `while`: only read after a `[level]`. */
const BARE_CLIENT_MESSAGE = /^(?:\*\d+ )?client intended to send too large (?:chunked )?body\b/;
const LUA = /^\[(lua|kong)\] ([\w./-]+:\d+)?:?/;
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Text every error line holds: its head's `[level] `, or the wording of a bare upstream message or
 * temporary-file failure; `\x1b` for a line whose colour codes hide them until they are stripped.
 */
export const ERROR_LINE_NEEDLES: readonly (string | RegExp)[] = [HEAD, BARE_TEMP_FILE, BARE_UPSTREAM_MESSAGE, "\x1b"];

/**
 * Parses one nginx error-log line (also Kong's and ingress-nginx's, which are nginx). Returns
 * undefined for anything else. Linear in the line length.
 */
export function parseErrorLine(raw: string): ParsedErrorLine | undefined {
  const text = raw.includes("\x1b") ? raw.replace(ANSI, "") : raw;
  const head = headOf(text);
  if (!head) return undefined;
  let body = text.slice(head.length);
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
    level: head.level,
    pid: head.pid,
    message,
    flavour: flavourOf(text),
  };
  if (head.time !== undefined) out.time = head.time;
  if (head.connection !== undefined) out.connection = head.connection;
  const sys = SYSCALL.exec(message);
  if (sys) {
    out.syscall = sys[1] as string;
    if (sys[2] !== undefined) out.path = sys[2];
    setErrno(out, sys[3] as string, sys[4] ?? "", sys[5] === ")");
  } else {
    const path = PATH_FAILED.exec(message)?.[1];
    if (path !== undefined) out.path = path;
    const errno = ERRNO.exec(message);
    if (errno) setErrno(out, errno[1] as string, errno[2] as string, errno[3] === ")");
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

function setErrno(out: Mutable<ParsedErrorLine>, number: string, text: string, closed: boolean): void {
  out.errno = Number(number);
  const known = ERRNO_TEXT[out.errno];
  if (closed) out.errnoText = text;
  else {
    out.cut = true;
    const partial = text.replace(CUT_MARK, "");
    out.errnoText = known?.startsWith(partial) ? known : partial;
  }
}

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
