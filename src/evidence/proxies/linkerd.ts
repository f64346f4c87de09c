import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import { jsonRecord } from "../json-line.ts";
import type { Line } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";
import { linkerdFailureKind, MAX_TEXT, shortText, stringField } from "./classify.ts";
import { defined, emitFailure } from "./emit.ts";

/**
 * `[  80905.816738s]  WARN ThreadId(01) spans: target: message fields`; the uptime stamp may be
 * replaced by a date, or dropped when a line is quoted.
 */
const TEXT =
  /(?:(?:^|\s)(TRACE|DEBUG|INFO|WARN|ERROR) +(?:ThreadId\(\d+\) +)?(?:([^\s].{0,2000}?): )?|^)(linkerd2?_\w+(?:::\w+){0,6}): (.*)$/s;
const ERROR_FIELD = /(?:^|\s)error=(.*?)(?: error\.sources=\[.*\])?(?: client\.addr=\S+)?$/s;
const FAILED_TO_PROXY = /^Failed to proxy request: (.*)$/s;
const ENTERING_FAILFAST = /entering failfast/i;

const ENDPOINT_SPAN = /endpoint\{addr=([^}\s]+)\}/;
const SERVICE_SPAN = /service\{ns=(\S+) name=(\S+) port=(\d+)\}/;
const PROXY_SPAN = /proxy\{addr=([^}\s]+)\}/;
const SERVER_SPAN = /^inbound:server\{port=(\d+)\}/;
const ACCEPT_TARGET = /accept\{[^}]*\btarget\.addr=([^}\s]+)\}/;
const OS_ERROR = /\(os error (\d{1,4})\)/;
const ENDPOINT_ERROR = /endpoint ([^\s:]+:\d{1,5}):/;

/** linkerd's `errors::respond` answers: 503 when in fail-fast, 504 for timeouts, 502 for the rest. */
const STATUS_OF: Partial<Record<ProxyFailureKind, number>> = {
  "fail-fast": 503,
  "header-timeout": 504,
  "connect-timeout": 504,
  refused: 502,
  unreachable: 502,
  reset: 502,
  closed: 502,
  "request-body-failed": 502,
  "header-too-large": 502,
};

/** Targets whose errors are about the connection a client opened to the proxy, not a request it relayed. */
const SERVE = /::serve$/;

function upstreamOf(spans: string, error: string): string | undefined {
  const endpoint = ENDPOINT_SPAN.exec(spans)?.[1] ?? ENDPOINT_ERROR.exec(error)?.[1];
  if (endpoint) return endpoint;
  const service = SERVICE_SPAN.exec(spans);
  if (service) return `${service[2]}.${service[1]}:${service[3]}`;
  const proxy = PROXY_SPAN.exec(spans)?.[1];
  if (proxy) return proxy;
  const target = ACCEPT_TARGET.exec(spans)?.[1];
  if (target) return target;
  const port = SERVER_SPAN.exec(spans)?.[1];
  return port ? `localhost:${port}` : undefined;
}

interface Event {
  readonly level: string;
  readonly spans: string;
  readonly target: string;
  readonly message: string;
  readonly error?: string;
}

function fromText(text: string): Event | undefined {
  const m = TEXT.exec(text);
  if (!m) return undefined;
  const rest = m[4] as string;
  const failed = FAILED_TO_PROXY.exec(rest);
  const error = failed ? failed[1] : ERROR_FIELD.exec(rest)?.[1];
  return defined({ level: m[1] ?? "", spans: m[2] ?? "", target: m[3] as string, message: rest, error });
}

/** linkerd's JSON format: `{"level":"WARN","fields":{"message":…,"error":…},"target":…,"spans":[…]}`. */
function fromJson(record: Record<string, unknown>): Event | undefined {
  const target = stringField(record, "target");
  const fields = record.fields;
  if (!target?.startsWith("linkerd") || !fields || typeof fields !== "object") return undefined;
  const f = fields as Record<string, unknown>;
  const spans = Array.isArray(record.spans)
    ? record.spans
        .map((s) => (s && typeof s === "object" ? JSON.stringify(s) : ""))
        .join(":")
        .slice(0, MAX_TEXT)
    : "";
  return defined({
    level: stringField(record, "level") ?? "",
    spans,
    target,
    message: stringField(f, "message") ?? "",
    error: stringField(f, "error"),
  });
}

/**
 * Ports Linkerd marks opaque by default since 2.10 (SMTP, MySQL, Galera, PostgreSQL, Redis,
 * Elasticsearch transport, memcached): their clients speak first in another protocol, or open
 * pooled connections and send nothing, so protocol detection fails on them unless they are opaque.
 */
const DEFAULT_OPAQUE_PORTS = new Set(["25", "587", "3306", "4444", "5432", "6379", "9300", "11211"]);

/** How a connection that detection held up and then closed fails for the client behind the proxy. */
const DETECTION_SYMPTOMS: ReadonlySet<ProxyFailureKind> = new Set([
  "reset",
  "closed",
  "request-body-failed",
  "header-timeout",
]);

function opaquePortTarget(spans: string): boolean {
  const address = ACCEPT_TARGET.exec(spans)?.[1] ?? PROXY_SPAN.exec(spans)?.[1] ?? "";
  const port = /:(\d{1,5})$/.exec(address)?.[1];
  return port !== undefined && DEFAULT_OPAQUE_PORTS.has(port);
}

function kindOf(event: Event): ProxyFailureKind | undefined {
  if (event.error === undefined) {
    if (ENTERING_FAILFAST.test(event.message)) return "fail-fast";
    // `linkerd_detect: Continuing after timeout: … protocol detection timed out after 10s`
    if (linkerdFailureKind(event.message) !== "protocol-detection-timeout") return undefined;
    return opaquePortTarget(event.spans) ? "opaque-port-detected" : "protocol-detection-timeout";
  }
  const kind = linkerdFailureKind(event.error);
  if (kind && DETECTION_SYMPTOMS.has(kind) && opaquePortTarget(event.spans)) return "opaque-port-detected";
  if (SERVE.test(event.target) && (kind === "reset" || kind === "closed")) return "client-gone";
  return kind;
}

/**
 * The Linkerd2 proxy's log (text or JSON): requests it failed and why (refused, reset, timed
 * out, in fail-fast), connections it could not make, connections closed on detection or
 * authentication failures.
 */
export const linkerdProxyReader: LineReaderFactory = {
  format: "linkerd-proxy",
  // Every line read is tested for this text first.
  needles: ["linkerd"],
  create(context) {
    return {
      accept(line: Line): boolean {
        if (!line.text.includes("linkerd")) return false;
        const text = line.text.length > MAX_TEXT ? line.text.slice(0, MAX_TEXT) : line.text;
        const record = text.startsWith("{") ? jsonRecord(text) : undefined;
        const event = record ? fromJson(record) : fromText(text);
        if (!event) return false;
        const kind = kindOf(event);
        if (!kind) return false;
        const error = event.error ?? event.message;
        const served = SERVE.test(event.target) || /reconnect/.test(event.target);
        const errno = OS_ERROR.exec(error)?.[1];
        emitFailure(
          context,
          line,
          defined({
            proxy: "linkerd",
            kind,
            level: event.level,
            message: shortText(error),
            status: served ? undefined : STATUS_OF[kind],
            upstream: upstreamOf(event.spans, error),
            errno: errno === undefined ? undefined : Number(errno),
            direction: /^(?:\{[^}]*")?(inbound|outbound)/.exec(event.spans)?.[1],
          }),
        );
        return true;
      },
      end(): void {},
    };
  },
};
