import type { ObservationBase } from "./base.ts";

/** Who generated a response, read from its headers (server, via, x-envoy-*, x-kong-*). */
export interface ResponderHint {
  /** Who made the status: `envoy`, `kong`, `nginx` for a proxy's own reply, `app` when the upstream answered. */
  readonly producer: string;
  /** The proxy nearest the client, when one is fingerprinted; it is the one that resets streams. */
  readonly frontProxy?: string;
  /** True when a header says the upstream answered (x-envoy-upstream-service-time, x-kong-upstream-latency). */
  readonly upstreamAnswered?: boolean;
  /** The raw `server` header, when present. */
  readonly server?: string;
}

/** The class of a curl failure, whatever the wording of the curl version that printed it. */
export type CurlErrorKind =
  | "connect-refused"
  | "connect-unreachable"
  | "connect-failed"
  | "resolve"
  | "h2-framing"
  | "h2-stream"
  | "partial"
  | "timeout"
  | "tls-handshake"
  | "cert-verify"
  | "empty-reply"
  | "send-failure"
  | "recv-failure"
  | "not-http"
  | "other";

/** An HTTP/2 stream reset as curl reports it. */
export interface CurlStreamReset {
  readonly stream: number;
  /** RFC 9113 error name, such as INTERNAL_ERROR. */
  readonly error: string;
  readonly errorCode: number;
  /** Who reset the stream (curl 8.19 and later say it; older versions imply the server). */
  readonly by: "server" | "curl";
  /** Which wording: `not-closed-cleanly` (up to 8.18), `reset-by` (8.19+), `closed-before-headers`. */
  readonly wording: "not-closed-cleanly" | "reset-by" | "closed-before-headers";
}

/** A curl error, from a `curl: (N) …` line or the matching `* …` line of a -v transcript. */
export interface CurlError extends ObservationBase<"curl.error"> {
  /** The exit code, stated or inferred from the wording. */
  readonly exitCode?: number;
  readonly message: string;
  readonly kind: CurlErrorKind;
  readonly reset?: CurlStreamReset;
  /** Bytes curl still expected when the transfer was cut (exit 18). */
  readonly remainingBytes?: number;
  /** Bytes received and expected when a timeout struck (exit 28). */
  readonly receivedBytes?: number;
  readonly expectedBytes?: number;
  readonly elapsedMs?: number;
  readonly host?: string;
  readonly port?: number;
  /** The system or TLS reason curl quotes (Connection refused, wrong version number, certificate has expired). */
  readonly reason?: string;
  /** The response seen before the error in the same transcript, if any. */
  readonly status?: number;
  readonly httpVersion?: string;
  readonly responder?: ResponderHint;
  /** True when the error line stood alone, outside a -v transcript. */
  readonly bare: boolean;
}

/** One request/response of a `curl -v` or `--trace-ascii` transcript. */
export interface CurlExchange extends ObservationBase<"curl.exchange"> {
  readonly method?: string;
  readonly target?: string;
  readonly requestVersion?: string;
  readonly authority?: string;
  /** The protocol the request asked to switch to (`Upgrade: h2c`, `websocket`, `SPDY/3.1`). */
  readonly upgradeOffered?: string;
  readonly alpnOffered: readonly string[];
  readonly alpnAccepted?: string;
  readonly tlsVersion?: string;
  readonly tlsCipher?: string;
  readonly certSubject?: string;
  readonly certIssuer?: string;
  readonly certExpire?: string;
  readonly certVerified?: boolean;
  readonly responseVersion?: string;
  readonly status?: number;
  /** Response header fields in order (bounded), names lower-cased. */
  readonly headers: readonly (readonly [string, string])[];
  readonly responder?: ResponderHint;
  /** A GOAWAY curl reported on this connection. */
  readonly goaway?: { readonly error: number; readonly lastStream: number };
  readonly refusedStream?: boolean;
  /** A response header curl's HTTP/2 library refused (`Invalid HTTP header field was received`). */
  readonly invalidHeader?: { readonly name: string; readonly value: string };
  /** The `* …` error curl printed for this exchange, if any. */
  readonly error?: string;
  /** Body lines seen (not kept). */
  readonly bodyLines: number;
  /** True when the body is nginx's own error page (`<center>nginx</center>`). */
  readonly nginxErrorPage?: boolean;
  /**
   * True when curl sent its ClientHello and the transcript ends with nothing from the server: no
   * ServerHello, no error, no request (the user gave up waiting).
   */
  readonly tlsStalledAfterClientHello?: boolean;
}

/** The kinds of Envoy local-reply bodies curl shows. */
export type EnvoyLocalReplyKind =
  | "upstream-reset"
  | "no-healthy-upstream"
  | "upstream-timeout"
  | "overloaded"
  | "rbac-denied"
  | "max-stream-duration"
  | "route-not-found"
  | "payload-too-large";

/** The generic error bodies Kong writes itself (kong/error_handlers.lua, router, balancer). */
export type KongReplyKind =
  | "kong-no-route"
  | "kong-invalid-upstream-response"
  | "kong-upstream-unavailable"
  | "kong-upstream-timeout"
  | "kong-no-peer"
  | "kong-name-resolution";

/** The own bodies of API gateways other than Kong: APISIX, and AWS API Gateway's canned JSON messages. */
export type GatewayReplyKind = "apisix-no-route" | "apigw-integration-timeout" | "apigw-missing-resource";

/** The stock error pages HAProxy (http_err_msgs) and nginx (ngx_http_special_response.c) write themselves. */
export type ProxyPageKind =
  | "haproxy-no-server"
  | "haproxy-bad-response"
  | "haproxy-timeout"
  | "nginx-error-page"
  | "nginx-header-too-large"
  | "nginx-plain-http-to-tls-port"
  | "nginx-client-certificate"
  | "cloudflare-page"
  | "apache-read-failed"
  | "go-plain-http-to-tls-port";

/**
 * A proxy's own error body (Envoy local reply, Kong error, HAProxy or nginx error page), quoted in
 * curl output or pasted on its own.
 */
export interface CurlLocalReply extends ObservationBase<"curl.local-reply"> {
  readonly producer:
    | "envoy"
    | "kong"
    | "haproxy"
    | "nginx"
    | "apisix"
    | "aws-api-gateway"
    | "cloudflare"
    | "apache"
    | "go";
  readonly kind: EnvoyLocalReplyKind | KongReplyKind | GatewayReplyKind | ProxyPageKind;
  /** Reset reason (`connection termination`, `protocol error`, `remote connection failure`…). */
  readonly reason?: string;
  readonly transportFailure?: string;
  readonly retried: boolean;
  readonly status?: number;
  readonly responder?: ResponderHint;
  /** True when the page stood alone (a browser's or a user's copy), not inside a curl transcript. */
  readonly standalone?: boolean;
}

export type CurlObservation = CurlError | CurlExchange | CurlLocalReply;
