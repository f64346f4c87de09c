/**
 * Envoy's response flags (short and PascalCase long names, from `ResponseFlagUtils`) and the
 * structure of `%RESPONSE_CODE_DETAILS%`.
 */
const FLAG_NAMES: readonly (readonly [string, string])[] = [
  ["LH", "FailedLocalHealthCheck"],
  ["UH", "NoHealthyUpstream"],
  ["UT", "UpstreamRequestTimeout"],
  ["LR", "LocalReset"],
  ["UR", "UpstreamRemoteReset"],
  ["UF", "UpstreamConnectionFailure"],
  ["UC", "UpstreamConnectionTermination"],
  ["UO", "UpstreamOverflow"],
  ["NR", "NoRouteFound"],
  ["DI", "DelayInjected"],
  ["FI", "FaultInjected"],
  ["RL", "RateLimited"],
  ["UAEX", "UnauthorizedExternalService"],
  ["RLSE", "RateLimitServiceError"],
  ["DC", "DownstreamConnectionTermination"],
  ["URX", "UpstreamRetryLimitExceeded"],
  ["SI", "StreamIdleTimeout"],
  ["IH", "InvalidEnvoyRequestHeaders"],
  ["DPE", "DownstreamProtocolError"],
  ["UMSDR", "UpstreamMaxStreamDurationReached"],
  ["RFCF", "ResponseFromCacheFilter"],
  ["NFCF", "NoFilterConfigFound"],
  ["DT", "DurationTimeout"],
  ["UPE", "UpstreamProtocolError"],
  ["NC", "NoClusterFound"],
  ["OM", "OverloadManagerTerminated"],
  ["DF", "DnsResolutionFailed"],
  ["DO", "DropOverload"],
  ["DR", "DownstreamRemoteReset"],
  ["UDO", "UnconditionalDropOverload"],
];

const SHORT_OF = new Map<string, string>();
for (const [short, long] of FLAG_NAMES) {
  SHORT_OF.set(short, short);
  SHORT_OF.set(long, short);
}

export const KNOWN_FLAGS: ReadonlySet<string> = new Set(FLAG_NAMES.map(([short]) => short));

/**
 * Splits a flags field (`-`, `UF,URX`, `UpstreamConnectionFailure,UpstreamRetryLimitExceeded`)
 * into short names. Unknown tokens (custom flags registered by extensions) are kept as written.
 */
export function splitFlags(field: string): string[] {
  if (field === "" || field === "-") return [];
  const out: string[] = [];
  for (const raw of field.split(",")) {
    const token = raw.trim();
    if (token === "" || token === "-") continue;
    out.push(SHORT_OF.get(token) ?? token);
  }
  return out;
}

/** A flags field looks like flags: `-` or comma-separated letters. */
export function looksLikeFlags(field: string): boolean {
  return field === "-" || /^[A-Za-z]+(?:,[A-Za-z]+)*$/.test(field);
}

export interface ResetDetails {
  readonly when: "before" | "after";
  readonly reason: string;
  readonly transportFailure?: string;
}

const RESET_DETAILS = /^upstream_reset_(before|after)_response_started\{([A-Za-z_]+)(?:[|,](.*))?\}$/;

/** Reads `upstream_reset_before_response_started{reason|transport failure}`. */
export function parseResetDetails(details: string): ResetDetails | undefined {
  const match = RESET_DETAILS.exec(details);
  if (!match) return undefined;
  const failure = match[3];
  return {
    when: match[1] === "after" ? "after" : "before",
    reason: (match[2] ?? "").toLowerCase(),
    ...(failure ? { transportFailure: failure } : {}),
  };
}

/** Reset reason as Envoy prints it in bodies and debug logs (`protocol error`) → details form. */
export function resetReasonToken(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, "_");
}

/** Envoy answered itself when the details are anything other than `via_upstream`. */
export function producerOf(details: string | undefined, flags: readonly string[]): "envoy" | "app" | undefined {
  if (details === undefined || details === "" || details === "-") {
    if (flags.length === 0) return undefined;
    return flags.some((flag) => LOCAL_REPLY_FLAGS.has(flag)) ? "envoy" : undefined;
  }
  if (details === "via_upstream") return "app";
  return "envoy";
}

const LOCAL_REPLY_FLAGS = new Set([
  "UH",
  "UT",
  "UF",
  "UC",
  "UO",
  "NR",
  "UPE",
  "NC",
  "RL",
  "UAEX",
  "URX",
  "SI",
  "LR",
  "UR",
]);

/** Classifies transport failure text (`delayed_connect_error:_111`, `TLS_error:…WRONG_VERSION_NUMBER`). */
export type TransportFailureKind = "refused" | "unreachable" | "timeout" | "tls" | "other";

export function transportFailureKind(text: string): TransportFailureKind {
  const t = text.replace(/_/g, " ").toLowerCase();
  if (/\btls error|ssl routines|wrong version number|certificate verify failed|openssl internal|ssl_/.test(t)) {
    return "tls";
  }
  if (/connect error:? ?111\b|connection refused|econnrefused/.test(t)) return "refused";
  if (/connect error:? ?113\b|no route to host|ehostunreach|network is unreachable/.test(t)) return "unreachable";
  if (/connect error:? ?110\b|timed out|timeout/.test(t)) return "timeout";
  return "other";
}
