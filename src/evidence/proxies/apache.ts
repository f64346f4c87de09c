import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { Line } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";
import { MAX_TEXT, shortText } from "./classify.ts";
import { defined, emitFailure } from "./emit.ts";

/**
 * `[date] [module:level] [pid N:tid M] [file.c(123): ][(errno)Text: ][[client|remote a:p] ]AHnnnnn: message`.
 * The date is optional: people often quote a line from the module on. Numbers and addresses may
 * stand redacted as `<pid>`, `<IP address>`.
 */
const LINE =
  /^(?:\[[^\]]{1,64}\] )?\[(proxy\w*|ssl|core):(\w+)\] \[pid (\d+|<\w{1,20}>)(?::tid (\d+|<\w{1,20}>))?\] (?:[\w.]+\(\d+\): )?(?:\((\d+)\)([^:]{0,120}): )?(?:\[(client|remote) ([^\]]{1,80})\] )?(AH\d{5}): +(.*)$/s;

/** APR's status numbers for a timeout: APR_TIMEUP (70007) and ETIMEDOUT. */
const TIMEOUTS = new Set([70007, 110]);
const UNREACHABLE = new Set([113, 101, 99]);
const SEND_FAILED = new Set([32, 104]);

/**
 * TLS failures on one thread within a second (or, in lines quoted without their date, within a
 * few lines) are one handshake failure that mod_ssl and mod_proxy each report.
 */
const SAME_FAILURE_MS = 1000;
const SAME_FAILURE_LINES = 10;
const CLOCK = /^\[[^\]]*?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;

/** Milliseconds into the day of the line's date, if it has one. */
function clockMs(text: string): number | undefined {
  const m = CLOCK.exec(text);
  if (!m) return undefined;
  const fraction = Number(`0.${m[4] ?? "0"}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3]) + fraction) * 1000;
}

interface Seen {
  readonly line: number;
  readonly ms?: number;
}

function sameFailure(previous: Seen | undefined, now: Seen): boolean {
  if (!previous) return false;
  if (previous.ms !== undefined && now.ms !== undefined) return Math.abs(now.ms - previous.ms) < SAME_FAILURE_MS;
  return now.line - previous.line <= SAME_FAILURE_LINES;
}
const MAX_THREADS = 256;

/** How Apache answers each failure when it happens before the response header (mod_proxy's status choices). */
const STATUS_OF: Partial<Record<ProxyFailureKind, number>> = {
  refused: 503,
  unreachable: 503,
  "connect-timeout": 503,
  "no-healthy-upstream": 503,
  reset: 502,
  closed: 502,
  "header-timeout": 502,
  "request-body-failed": 502,
  "tls-certificate": 500,
  "tls-mismatch": 500,
  "no-protocol-handler": 500,
};

interface Parsed {
  readonly errno?: number;
  /** The backend's address, from mod_ssl's and core's `[remote a:p]`. */
  readonly remote?: string;
  readonly id: string;
  readonly message: string;
}

interface Classified {
  readonly kind: ProxyFailureKind;
  readonly upstream?: string;
  readonly path?: string;
}

const CONNECT = /^\w+: attempt to connect to (\S+)/;
const PAREN = /\(([^()\s]{1,300})\)/;
const STATUS_LINE = /error reading status line from remote server (\S+)/;
const RETURNED_BY = /returned by (\S+)/;
const PASS_BODY = /pass request body failed to (\S+)/;
const NO_HANDLER = /No protocol handler was valid for the URL (\S+)/;
const SSL_FOR = /(?:ssl support for|SSL Proxy requested for) (\S+)/;

function errnoConnectKind(errno: number | undefined): ProxyFailureKind {
  if (errno !== undefined && TIMEOUTS.has(errno)) return "connect-timeout";
  if (errno !== undefined && UNREACHABLE.has(errno)) return "unreachable";
  return "refused";
}

/** A failed read: reset by the peer, timed out, or cut for another reason (APR's EOF or an internal error). */
function readKind(
  errno: number | undefined,
  kinds: { reset: ProxyFailureKind; timeout: ProxyFailureKind; cut: ProxyFailureKind },
): ProxyFailureKind {
  if (errno === 104) return kinds.reset;
  if (errno !== undefined && TIMEOUTS.has(errno)) return kinds.timeout;
  return kinds.cut;
}

const BEFORE_HEADERS = { reset: "reset", timeout: "header-timeout", cut: "closed" } as const;
const IN_BODY = { reset: "body-cut", timeout: "body-timeout", cut: "body-cut" } as const;

/** What one mod_proxy or mod_ssl message says failed; undefined for messages that only repeat another. */
function classify(p: Parsed): Classified | undefined {
  const m = p.message;
  switch (p.id) {
    case "AH00957":
      return defined({ kind: errnoConnectKind(p.errno), upstream: CONNECT.exec(m)?.[1] });
    case "AH00959":
      return defined({ kind: "marked-unhealthy", upstream: PAREN.exec(m)?.[1] });
    case "AH00940":
    case "AH01167":
      return defined({
        kind: "no-healthy-upstream",
        upstream: PAREN.exec(m)?.[1] ?? /(balancer:\/\/\S+?):/.exec(m)?.[1],
      });
    case "AH01102":
      return defined({ kind: readKind(p.errno, BEFORE_HEADERS), upstream: STATUS_LINE.exec(m)?.[1] });
    case "AH01110":
      return { kind: readKind(p.errno, IN_BODY) };
    case "AH01084":
    case "AH01097":
      return p.errno !== undefined && SEND_FAILED.has(p.errno)
        ? defined({ kind: "request-body-failed", upstream: PASS_BODY.exec(m)?.[1] })
        : undefined;
    case "AH00898":
      return /SSL Handshake/.test(m) ? defined({ kind: "tls-mismatch", path: RETURNED_BY.exec(m)?.[1] }) : undefined;
    case "AH01144":
      return defined({ kind: "no-protocol-handler", path: NO_HANDLER.exec(m)?.[1] });
    case "AH01961":
    case "AH00961":
      return /ssl support|SSL Proxy requested/.test(m)
        ? defined({ kind: "tls-mismatch", upstream: SSL_FOR.exec(m)?.[1] })
        : undefined;
    case "AH02039":
    case "AH02276":
      return /Certificate Verification: Error/.test(m) ? { kind: "tls-certificate" } : undefined;
    case "AH02003":
    case "AH01997":
      return { kind: "tls-mismatch" };
  }
  return undefined;
}

const TLS_KINDS = new Set<ProxyFailureKind>(["tls-certificate", "tls-mismatch"]);

/**
 * Apache httpd's error log, mod_proxy, mod_proxy_http, mod_proxy_balancer and mod_ssl messages:
 * one observation per failure. The lines that only repeat one already read (AH01114 after
 * AH00957, AH00898 after AH01102) are taken without one; so are the second and third TLS lines
 * of one handshake failure on the same thread.
 */
export const apacheErrorLogReader: LineReaderFactory = {
  format: "apache-error",
  // `] [pid ` of the line's head; the TLS memory changes only on lines it matches.
  needles: [LINE],
  create(context) {
    const lastTls = new Map<string, Seen>();
    return {
      accept(line: Line): boolean {
        if (!line.text.includes("] AH") && !line.text.includes(": AH")) return false;
        const m = LINE.exec(line.text.length > MAX_TEXT ? line.text.slice(0, MAX_TEXT) : line.text);
        if (!m) return false;
        const module = m[1] as string;
        if (module === "core" && m[9] !== "AH01961") return false;
        const parsed: Parsed = defined({
          errno: m[5] === undefined ? undefined : Number(m[5]),
          remote: m[7] === "remote" ? m[8] : undefined,
          id: m[9] as string,
          message: m[10] as string,
        });
        const found = classify(parsed);
        if (!found) return module.startsWith("proxy");
        const thread = `${m[3]}:${m[4] ?? ""}`;
        if (TLS_KINDS.has(found.kind)) {
          const previous = lastTls.get(thread);
          const now: Seen = defined({ line: line.line, ms: clockMs(line.text) });
          if (lastTls.size >= MAX_THREADS && previous === undefined) lastTls.clear();
          lastTls.set(thread, now);
          if (sameFailure(previous, now)) return true;
        }
        emitFailure(
          context,
          line,
          defined({
            proxy: "apache",
            kind: found.kind,
            level: m[2],
            message: shortText(
              parsed.errno === undefined ? parsed.message : `(${parsed.errno})${m[6]}: ${parsed.message}`,
            ),
            status: STATUS_OF[found.kind],
            upstream: found.upstream ?? parsed.remote,
            messageId: parsed.id,
            errno: parsed.errno,
          }),
          defined({ path: found.path }),
        );
        return true;
      },
      end(): void {},
    };
  },
};
