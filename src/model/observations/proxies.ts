import type { ObservationBase } from "./base.ts";

/** Proxies whose logs have a reader of their own under src/evidence/proxies. */
export type ProxyName =
  | "traefik"
  | "caddy"
  | "apache"
  | "linkerd"
  | "node-proxy"
  | "cloudflared"
  | "yarp"
  | "heroku-router"
  | "fly-proxy"
  | "vercel"
  | "iis"
  | "varnish";

/**
 * What failed, in the same terms whatever the proxy, so the same failure weighs the same:
 * connecting (refused, unreachable, timed out), waiting for the response head (reset, closed,
 * timed out, not HTTP), relaying the body (cut, timed out), TLS, health, the client, the protocol.
 */
export type ProxyFailureKind =
  | "refused"
  | "unreachable"
  | "connect-timeout"
  | "reset"
  | "closed"
  | "header-timeout"
  | "body-cut"
  | "body-timeout"
  | "request-body-failed"
  | "body-too-large"
  | "header-too-large"
  | "tls-certificate"
  | "tls-mismatch"
  | "malformed-response"
  | "no-healthy-upstream"
  | "fail-fast"
  | "marked-unhealthy"
  | "client-gone"
  | "client-idle"
  | "goaway"
  | "no-protocol-handler"
  | "protocol-detection-timeout"
  | "opaque-port-detected"
  | "unauthenticated-direct";

/** One failure a proxy logged about a request or an upstream. */
export interface ProxyFailure extends ObservationBase<"proxy.failure"> {
  readonly proxy: ProxyName;
  readonly kind: ProxyFailureKind;
  /** The proxy's own level: error, WARN, debug… */
  readonly level?: string;
  /** The error as the proxy worded it (cut to a readable length). */
  readonly message: string;
  /** The status the proxy answered with, when the line says or the proxy's code fixes it. */
  readonly status?: number;
  /** The upstream's address or URL. */
  readonly upstream?: string;
  /** Apache's AH number, such as AH01102. */
  readonly messageId?: string;
  /** The errno (Apache's APR status or Linkerd's `os error`), when given. */
  readonly errno?: number;
  /** Linkerd's side: `inbound` (to the application) or `outbound` (to another service). */
  readonly direction?: string;
}

/** A group of notable access-log lines of one status and one backend. */
export interface ProxyAccessGroup {
  readonly status: number;
  readonly backend?: string;
  readonly router?: string;
  /** The upstream's own status, when the log gives it (Traefik JSON's OriginStatus; 0 when none came). */
  readonly originStatus?: number;
  readonly count: number;
  readonly longestMs: number;
  readonly path?: string;
  readonly examples: readonly ObservationBase<"proxy.access-summary">["ref"][];
}

/** Counts of a Traefik or Caddy access log, with the notable lines (499, 5xx) grouped by backend. */
export interface ProxyAccessSummary extends ObservationBase<"proxy.access-summary"> {
  readonly proxy: ProxyName;
  readonly lines: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly groups: readonly ProxyAccessGroup[];
  /** Notable lines left out of the groups once their number hit the bound. */
  readonly ungrouped: number;
}

export type ProxiesObservation = ProxyFailure | ProxyAccessSummary;
