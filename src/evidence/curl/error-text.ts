import type {
  CurlError,
  CurlErrorKind,
  CurlLocalReply,
  CurlStreamReset,
  GatewayReplyKind,
} from "../../model/observations/curl.ts";
import { isErrorCodeName, knownErrorCodeName } from "../../wire/http2/constants.ts";

/** What a curl error message says, whichever curl version printed it. */
export type ClassifiedError = Pick<
  CurlError,
  | "exitCode"
  | "kind"
  | "reset"
  | "remainingBytes"
  | "receivedBytes"
  | "expectedBytes"
  | "elapsedMs"
  | "host"
  | "port"
  | "reason"
>;

/** Exit codes from the wording alone, for `* …` lines and bare messages without `curl: (N)`. */
const KIND_EXIT: Partial<Record<CurlErrorKind, number>> = {
  "connect-refused": 7,
  "connect-unreachable": 7,
  "connect-failed": 7,
  resolve: 6,
  "h2-framing": 16,
  "h2-stream": 92,
  partial: 18,
  timeout: 28,
  "tls-handshake": 35,
  "cert-verify": 60,
  "empty-reply": 52,
  "send-failure": 55,
  "recv-failure": 56,
  "not-http": 1,
};

const NOT_CLOSED_CLEANLY =
  /HTTP\/2 stream (\d+) was not closed cleanly(?: before end of the underlying stream)?: ([A-Z_0-9]+) \(err (\d+)\)/;
/** curl before 7.52 printed the error as a number, and before 7.44 the stream id in hex (`stream = %x`). */
const NOT_CLOSED_CLEANLY_NUMERIC =
  /HTTP\/2 stream (= )?([0-9a-fA-F]{1,8}) was not closed cleanly: error_code = (\d{1,10})\b/;
const RESET_BY = /HTTP\/2 stream (\d+) reset by (server|curl) \(error 0x([0-9a-fA-F]+) ([A-Z_0-9]+)\)/;
const CLOSED_BEFORE_HEADERS = /HTTP\/2 stream (\d+) was closed cleanly, but before getting all response header fields/;
const PARTIAL =
  /transfer closed with (\d+) bytes remaining to read|transfer closed with outstanding read data remaining|Transferred a partial file|end of response with (\d+) bytes missing/;
const TIMEOUT_BYTES = /Operation timed out after (\d+) milliseconds with (\d+)(?: out of (-?\d+))? bytes received/;
const TIMEOUT_CONNECT = /(?:Connection|Resolving) timed out after (\d+) milliseconds|Timeout was reached/;
const CONNECT =
  /Failed to connect to (\S+?)(?: port |:)(\d+)(?: via \S+)?(?: after (\d+) ms)?: (.+)|^connect to (\S+) port (\d+)(?: from \S+ port \d+)? failed: (.+)|Could(?:n't| not) connect to server/;
/** A connect that fails this fast was refused: a timeout or an unreachable network takes longer. */
const AT_ONCE_MS = 10;

/** Classifies a curl error message (with its exit code when known). */
export function classifyCurlError(message: string, exitCode?: number): ClassifiedError {
  const found = byWording(message);
  const kind = exitCode !== undefined && found.kind === "other" ? kindOfExit(exitCode) : found.kind;
  const code = exitCode ?? KIND_EXIT[kind];
  return { ...found, kind, ...(code !== undefined ? { exitCode: code } : {}) };
}

function byWording(message: string): ClassifiedError {
  let m = NOT_CLOSED_CLEANLY.exec(message);
  if (m) return { kind: "h2-stream", reset: reset(m[1], m[2], Number(m[3]), "server", "not-closed-cleanly") };
  m = NOT_CLOSED_CLEANLY_NUMERIC.exec(message);
  if (m) {
    const stream = String(Number.parseInt(m[2] as string, m[1] ? 16 : 10));
    return { kind: "h2-stream", reset: reset(stream, undefined, Number(m[3]), "server", "not-closed-cleanly") };
  }
  m = RESET_BY.exec(message);
  if (m) {
    const by = m[2] === "curl" ? "curl" : "server";
    return { kind: "h2-stream", reset: reset(m[1], m[4], Number.parseInt(m[3] as string, 16), by, "reset-by") };
  }
  m = CLOSED_BEFORE_HEADERS.exec(message);
  if (m) return { kind: "h2-stream", reset: reset(m[1], "NO_ERROR", 0, "server", "closed-before-headers") };
  m = PARTIAL.exec(message);
  if (m) {
    const remaining = m[1] ?? m[2];
    return { kind: "partial", ...(remaining !== undefined ? { remainingBytes: Number(remaining) } : {}) };
  }
  m = TIMEOUT_BYTES.exec(message);
  if (m) {
    return {
      kind: "timeout",
      elapsedMs: Number(m[1]),
      receivedBytes: Number(m[2]),
      ...(m[3] !== undefined && Number(m[3]) >= 0 ? { expectedBytes: Number(m[3]) } : {}),
    };
  }
  m = CONNECT.exec(message);
  if (m) return connectFailure(m);
  m = TIMEOUT_CONNECT.exec(message);
  if (m) return { kind: "timeout", receivedBytes: 0, ...(m[1] !== undefined ? { elapsedMs: Number(m[1]) } : {}) };
  if (/Could(?:n't| not) resolve (?:host|proxy)/.test(message)) return { kind: "resolve" };
  if (/Empty reply from server|Server returned nothing/.test(message)) return { kind: "empty-reply" };
  if (/Received HTTP\/0\.9 when not allowed|Weird server reply/.test(message)) return { kind: "not-http" };
  m =
    /SSL certificate problem: (.+)|SSL: no alternative certificate subject name matches[^']*'([^']*)'|certificate verify failed|SSL peer certificate or SSH remote key was not OK/.exec(
      message,
    );
  if (m) return { kind: "cert-verify", reason: (m[1] ?? (m[2] ? "name mismatch" : "verification failed")).trim() };
  m =
    /SSL_connect: (.+?)(?: in connection to (\S+?):(\d+))?\s*$|SSL connect error|(?:TLS|SSL)[^:]*: (?:alert|handshake failure|wrong version number)|SSL routines:\S*:(.+)/.exec(
      message,
    );
  if (m) {
    const host = m[2] !== undefined ? { host: m[2], port: Number(m[3]) } : {};
    return { kind: "tls-handshake", reason: tlsReason(message), ...host };
  }
  m = /Send failure: (.+)|Failed sending (?:data to the peer|HTTP2 data)/.exec(message);
  if (m) return { kind: "send-failure", ...(m[1] ? { reason: m[1].trim() } : {}) };
  m = /Recv failure: (.+)|Failure when receiving data from the peer/.exec(message);
  if (m) return { kind: "recv-failure", ...(m[1] ? { reason: m[1].trim() } : {}) };
  if (/Error in the HTTP2 framing layer|HTTP\/2 framing|nghttp2|GOAWAY/i.test(message)) return { kind: "h2-framing" };
  if (/Stream error in the HTTP\/2 framing layer/.test(message)) return { kind: "h2-stream" };
  return { kind: "other" };
}

function reset(
  stream: string | undefined,
  error: string | undefined,
  errorCode: number,
  by: "server" | "curl",
  wording: CurlStreamReset["wording"],
): CurlStreamReset {
  const name = error && isErrorCodeName(error) ? error : (knownErrorCodeName(errorCode) ?? error ?? "UNKNOWN");
  return { stream: Number(stream), error: name, errorCode, by, wording };
}

function connectFailure(m: RegExpExecArray): ClassifiedError {
  const reason = (m[4] ?? m[7])?.trim() ?? "Could not connect to server";
  const host = m[1] ?? m[5];
  const port = m[2] ?? m[6];
  const where = {
    ...(host ? { host } : {}),
    ...(port ? { port: Number(port) } : {}),
    ...(m[3] ? { elapsedMs: Number(m[3]) } : {}),
    reason,
  };
  // curl 7.7x and later print the generic text; the -v line before it names the refusal.
  const generic = /^Could(?:n't| not) connect to server$/.test(reason);
  if (generic && m[3] !== undefined && Number(m[3]) < AT_ONCE_MS) {
    return { kind: "connect-refused", ...where, reason: "Connection refused" };
  }
  if (/refused/i.test(reason)) return { kind: "connect-refused", ...where, reason: "Connection refused" };
  if (/No route to host|Network is unreachable|Host is unreachable/i.test(reason)) {
    return { kind: "connect-unreachable", ...where };
  }
  if (/timed out|Timeout was reached/i.test(reason)) return { kind: "timeout", receivedBytes: 0, ...where };
  return { kind: "connect-failed", ...where };
}

function tlsReason(message: string): string {
  const lower = message.toLowerCase();
  for (const known of [
    "wrong version number",
    "packet length too long",
    "unknown ca",
    "handshake failure",
    "unexpected eof",
    "SSL_ERROR_SYSCALL",
    "certificate required",
    "protocol version",
    "internal error",
  ]) {
    if (lower.includes(known.toLowerCase())) return known;
  }
  return message.trim().slice(0, 200);
}

/** Kinds an exit code alone does not prove: exit 7 has several reasons, exit 1 many meanings. */
const WORDING_ONLY = new Set(["connect-refused", "connect-unreachable", "not-http"]);

function kindOfExit(code: number): CurlErrorKind {
  for (const [kind, exit] of Object.entries(KIND_EXIT)) {
    if (exit === code && !WORDING_ONLY.has(kind)) return kind as CurlErrorKind;
  }
  return "other";
}

/** A proxy's own error body in client output. */
export interface LocalReplyText {
  readonly producer: CurlLocalReply["producer"];
  readonly kind: CurlLocalReply["kind"];
  readonly reason?: string;
  readonly transportFailure?: string;
  readonly retried: boolean;
  /** The status the page itself states or implies, when the exchange around it does not say. */
  readonly status?: number;
}

const UPSTREAM_RESET =
  /upstream connect error or disconnect\/reset before headers\. (retried and the latest )?reset reason: ([a-z_ ]+?)(?:, transport failure reason: (.*?))?(?:\*|%|"|$)/;

/** Finds an Envoy local-reply body or a Kong error body in a line of client output. */
export function findLocalReply(text: string): LocalReplyText | undefined {
  if (text.includes("upstream connect error")) {
    const m = UPSTREAM_RESET.exec(text);
    if (m) {
      const tfr = m[3]?.trim();
      return {
        producer: "envoy",
        kind: "upstream-reset",
        reason: (m[2] as string).trim(),
        ...(tfr ? { transportFailure: tfr } : {}),
        retried: m[1] !== undefined,
      };
    }
  }
  const body = (text.includes("* ") || text.endsWith("%") ? text.replace(TRAILER, "") : text).trim();
  if (body.length <= MAX_BODY) {
    const envoy = ENVOY_BODIES.find(([pattern]) => pattern.test(body));
    if (envoy) return { producer: "envoy", kind: envoy[1], retried: false };
  }
  for (const piece of pageSegments(body)) {
    if (piece.length > MAX_BODY) continue;
    const kong = KONG_BODIES.find(([message]) => message.test(piece));
    if (kong) return { producer: "kong", kind: kong[1], retried: false };
    const gateway = AWS_API_GATEWAY_BODIES.find(([message]) => message.test(piece));
    if (gateway) return { producer: "aws-api-gateway", kind: gateway[1], retried: false, status: gateway[2] };
  }
  if (body.length <= MAX_PAGE_LINE && /message/i.test(body)) {
    for (const quoted of body.matchAll(QUOTED)) {
      const kong = KONG_BODIES.find(([message]) => message.test(quoted[1] as string));
      if (kong) return { producer: "kong", kind: kong[1], retried: false };
    }
  }
  if (APISIX_NO_ROUTE.test(body)) return { producer: "apisix", kind: "apisix-no-route", retried: false, status: 404 };
  if (GO_PLAIN_HTTP_TO_TLS.test(body)) {
    return { producer: "go", kind: "go-plain-http-to-tls-port", retried: false, status: 400 };
  }
  return undefined;
}

/**
 * Go's net/http answers plain HTTP that reaches a TLS listener with this body and 400 (Caddy,
 * Traefik and every Go service with ListenAndServeTLS).
 */
const GO_PLAIN_HTTP_TO_TLS = /^Client sent an HTTP request to an HTTPS server\.?$/;

/** APISIX's answer when no route matches (apisix/init.lua); its other errors come as openresty pages. */
const APISIX_NO_ROUTE = /^\{\s*"error_msg"\s*:\s*"404 Route Not Found"\s*\}$/;

/** AWS API Gateway's canned `{"message": …}` bodies, with the status each comes with. */
const AWS_API_GATEWAY_BODIES: readonly (readonly [RegExp, GatewayReplyKind, number])[] = [
  [/^Endpoint request timed out$/, "apigw-integration-timeout", 504],
  [/^Missing Authentication Token$/, "apigw-missing-resource", 403],
];

/** curl's `* Connection #0 …` or the shell's `%` after a body without a newline; only tried on lines with `* ` or a final `%`. */
const TRAILER = /(?:\* .*|%)$/;
/** Longer than any Envoy or Kong body below (the longest has 59 characters). */
const MAX_BODY = 64;

/** Envoy bodies are the whole body: they must fill the line. */
const ENVOY_BODIES: readonly (readonly [RegExp, CurlLocalReply["kind"]])[] = [
  [/^no healthy upstream$/, "no-healthy-upstream"],
  [/^upstream request timeout$/, "upstream-timeout"],
  [/^upstream max stream duration reached$/, "max-stream-duration"],
  [/^envoy overloaded$/, "overloaded"],
  [/^RBAC: access denied$/, "rbac-denied"],
  // Envoy before 1.9 said no more than this; later ones add `reset reason: …`.
  [/^upstream connect error or disconnect\/reset before headers\.?$/, "upstream-reset"],
];

/**
 * Kong writes one message in whichever form the client accepts: JSON `{"message":"…"}`, plain
 * text, or HTML `<h1>Kong Error</h1><p>….</p>`; the text and HTML forms end in a full stop.
 */
const KONG_BODIES: readonly (readonly [RegExp, CurlLocalReply["kind"]])[] = [
  [/^no (?:Route|API) matched with those values\.?$/, "kong-no-route"],
  [/^An invalid response was received from the upstream server\.?$/, "kong-invalid-upstream-response"],
  [/^The upstream server is timing out\.?$/, "kong-upstream-timeout"],
  [/^failure to get a peer from the ring-balancer\.?$/, "kong-no-peer"],
  [/^name resolution failed\.?$/, "kong-name-resolution"],
  [/^The upstream server is currently unavailable\.?$/, "kong-upstream-unavailable"],
];

const MAX_PAGE_LINE = 4096;
/** A message quoted under its key in a client's own printout (`httpStatus：503 message : "…"`). */
const QUOTED = /\bmessage\s{0,3}[:：=]\s{0,3}"([^"]{8,120})"/gi;
const JSON_MESSAGE = /"message"\s*:\s*"([^"]{1,200})"/;

/** The texts of one line of an error page: between HTML tags, or a JSON `message` value. */
export function pageSegments(text: string): string[] {
  if (text.length > MAX_PAGE_LINE) return [];
  const message = text.includes('"message"') ? JSON_MESSAGE.exec(text) : null;
  if (message) return [message[1] as string];
  if (!text.includes("<")) {
    const whole = text.trim();
    return whole === "" ? [] : [whole];
  }
  return text
    .split(/<[^<>]{0,200}>/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== "");
}

/** Text every body findLocalReply names holds, Envoy's own left out (their readers are the Envoy ones). */
export const GATEWAY_BODY_NEEDLES: readonly RegExp[] = [
  ...KONG_BODIES.map(([pattern]) => pattern),
  ...AWS_API_GATEWAY_BODIES.map(([pattern]) => pattern),
  APISIX_NO_ROUTE,
  GO_PLAIN_HTTP_TO_TLS,
];
