import type { ProxyFailureKind } from "../../model/observations/proxies.ts";

/** Longest error text looked at; proxies' error messages are well inside it. */
export const MAX_TEXT = 4096;

type Rule = readonly [RegExp, ProxyFailureKind];

/**
 * Go's error texts (net, crypto/tls, net/http, x/net/http2) as Traefik and Caddy log them, tried
 * in order: the first rule that matches names what failed.
 */
const GO_RULES: readonly Rule[] = [
  [/\bcontext canceled\b/, "client-gone"],
  [/\bno upstreams available\b/, "no-healthy-upstream"],
  [/\bx509: |tls: failed to verify certificate|certificate signed by unknown authority/, "tls-certificate"],
  [
    /server gave HTTP response to HTTPS client|first record does not look like a TLS handshake|\btls: (?:handshake failure|protocol version not supported|unsupported protocol)|remote error: tls: /,
    "tls-mismatch",
  ],
  [/malformed HTTP (?:response|status code|version)|transport connection broken: malformed/, "malformed-response"],
  [/http2: server sent GOAWAY/, "goaway"],
  [/\bconnect: connection refused\b/, "refused"],
  [/\bconnect: (?:no route to host|network is unreachable|host is unreachable)\b/, "unreachable"],
  [/\bdial tcp[46]? [^\n]*?: (?:i\/o timeout|connect: connection timed out)/, "connect-timeout"],
  [/\bconnection reset by peer\b/, "reset"],
  [/\bwrite: broken pipe\b/, "request-body-failed"],
  [
    /timeout awaiting response headers|context deadline exceeded|Client\.Timeout exceeded|\bread tcp[46]? .*: i\/o timeout/,
    "header-timeout",
  ],
  [/(?:^|: )(?:unexpected )?EOF$|server closed idle connection|transport connection broken/, "closed"],
];

/** Linkerd's (Rust) error texts: io errors with their `os error` number, and the proxy's own. */
const LINKERD_RULES: readonly Rule[] = [
  [
    /TLS detection timed out|Timed out while reading client stream prefix|[Pp]rotocol detection (?:timeout|timed out)/,
    "protocol-detection-timeout",
  ],
  // The h2 library's limit on a header list (16 KiB by default in the proxy): answered 502.
  [/\buser error: header too big|[Hh]eader list (?:size )?too (?:big|large)/, "header-too-large"],
  [/direct connections must be mutually authenticated/, "unauthenticated-direct"],
  [/[Ss]ervice in fail-fast|Service unavailable|failfast/, "fail-fast"],
  [/\(os error 111\)|[Cc]onnection refused/, "refused"],
  [/\(os error 11[03]\)|\(os error 101\)|[Nn]o route to host|[Nn]etwork is unreachable/, "unreachable"],
  [
    /connect timed out|(?:Failed to connect|error trying to connect).*timed out|operation timed out after/,
    "connect-timeout",
  ],
  [/\(os error 104\)|[Cc]onnection reset by peer/, "reset"],
  [/\(os error 32\)|[Bb]roken pipe/, "request-body-failed"],
  [/request timed out|response timed out|[Tt]imed out/, "header-timeout"],
  [/\(os error 107\)|connection closed before message completed|[Uu]nexpected EOF/, "closed"],
];

function firstMatch(rules: readonly Rule[], text: string): ProxyFailureKind | undefined {
  const bounded = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  for (const [pattern, kind] of rules) if (pattern.test(bounded)) return kind;
  return undefined;
}

export function goFailureKind(text: string): ProxyFailureKind | undefined {
  return firstMatch(GO_RULES, text);
}

export function linkerdFailureKind(text: string): ProxyFailureKind | undefined {
  return firstMatch(LINKERD_RULES, text);
}

const DIAL = /\bdial tcp[46]? ([^\s:]+:\d{1,5}|\[[0-9a-fA-F:.%]+\]:\d{1,5}):/;
const READ_WRITE = /\b(?:read|write) tcp[46]? \S+->(\S+?):(?: |$)/;
const URL = /"(https?:\/\/[^"\s]{1,512})"/;

/** The upstream a Go error names: the address dialled, the peer of a read or write, or a quoted URL. */
export function goUpstream(text: string): string | undefined {
  const bounded = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  return DIAL.exec(bounded)?.[1] ?? READ_WRITE.exec(bounded)?.[1] ?? URL.exec(bounded)?.[1];
}

/** The pattern of one `key=value` field of a logfmt line; the value may be double-quoted. */
export function logfmtField(name: string): RegExp {
  return new RegExp(`\\b${name}=("[^"]{0,2048}"|\\S{1,2048})`);
}

/** The value of a field made by logfmtField, unquoted; undefined when absent or empty. */
export function logfmtValue(field: RegExp, text: string): string | undefined {
  const value = field.exec(text)?.[1];
  return value?.replace(/^"|"$/g, "") || undefined;
}

/** A readable excerpt of an error text. */
export function shortText(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The JSON string at `key` of a record, if it is one. */
export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}

/** The JSON number at `key` of a record, if it is a finite one. */
export function numberField(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
