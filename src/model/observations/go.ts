import type { ObservationBase } from "./base.ts";

/**
 * The error signatures the Go reader recognises: Go net/http and x/net/http2, client-go and
 * kubectl, grpc-go and grpc-js. Each id names one wording (or one family of wordings).
 */
export type GoSignatureId =
  | "h2-client-connection-lost"
  | "h2-no-cached-connection"
  | "h2-goaway-closed"
  | "h2-graceful-goaway"
  | "h2-stream-error"
  | "h2-timeout-awaiting-headers"
  | "h2-cannot-retry-body"
  | "h2-alpn-mismatch"
  | "server-closed-idle"
  | "closed-network-connection"
  | "malformed-mime-header"
  | "malformed-http-response"
  | "unexpected-eof"
  | "eof-before-response"
  | "client-timeout"
  | "io-timeout"
  | "connection-reset"
  | "connection-refused"
  | "tls-handshake-timeout"
  | "x509"
  | "http-response-to-https-client"
  | "watch-stream-broken"
  | "client-throttling"
  | "leader-election"
  | "grpc-transport-closing"
  | "grpc-prior-goaway"
  | "grpc-xds-max-requests"
  | "grpc-server-handshake-failed"
  | "kubectl-upgrade-required"
  | "grpc-server-preface"
  | "client-go-trace"
  | "grpc-rst-stream"
  | "grpc-keepalive-failed"
  | "grpc-no-trailers"
  | "grpc-too-many-pings"
  | "grpc-unexpected-http-status"
  | "grpc-xds-bootstrap"
  | "apiserver-request-timeout"
  | "request-body-cut"
  | "unexpected-http-status"
  | "admission-webhook-failed";

/** Which program family printed the line, as far as its wording tells. */
export type GoEmitter = "go" | "client-go" | "kubectl" | "grpc-go" | "grpc-js";

/** The header of a klog line: `E1104 18:00:08.121482 32134 request.go:1058] …`. */
export interface KlogHeader {
  readonly severity: "I" | "W" | "E" | "F";
  /** `MMDD hh:mm:ss.micro` as printed (klog omits the year). */
  readonly time: string;
  readonly thread: number;
  /** `file.go:line` of the call site. */
  readonly caller: string;
}

/**
 * The Go release range a wording betrays: Go 1.14 started quoting the URL in `*url.Error`
 * (`Get "https://…"`) and renamed the Client.Timeout message.
 */
export type GoWordingEra = "before-go1.14" | "go1.14-or-later";

export interface GoSignatureObservation extends ObservationBase<"go.signature"> {
  readonly signature: GoSignatureId;
  readonly emitter: GoEmitter;
  readonly klog?: KlogHeader;
  /** The HTTP method and URL of the failed request, when the error wraps them. */
  readonly method?: string;
  readonly url?: string;
  readonly era?: GoWordingEra;
  /** Values taken from the wording: error codes, stream ids, addresses, inner errors. */
  readonly fields: Readonly<Record<string, string>>;
}

/** A client-go `round_trippers.go` line: a request line or a response status line. */
export interface GoRoundTripObservation extends ObservationBase<"go.round-trip"> {
  readonly klog: KlogHeader;
  readonly method?: string;
  readonly url?: string;
  /** The status text; empty when client-go logged `Response Status:  in N milliseconds`. */
  readonly status?: string;
  readonly millis?: number;
  /** The program and version from the User-Agent client-go sent (`kube-controller-manager/v1.11.1`). */
  readonly agent?: { readonly program: string; readonly version: string };
}

export type GoObservation = GoSignatureObservation | GoRoundTripObservation;
