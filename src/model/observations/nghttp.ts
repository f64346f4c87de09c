import type { ObservationBase } from "./base.ts";

/** What nghttp's `-v` output says about one stream before it failed. */
export interface NghttpStreamContext {
  /** The `:status` the server sent on the stream, when nghttp printed it. */
  readonly status?: number;
  /** The `server` header of that response. */
  readonly server?: string;
}

/**
 * A response header nghttp2 refused (`Invalid HTTP header field was received`), from nghttp's
 * `[ERROR]` line, its `[INVALID; …] recv HEADERS frame` line or the library's debug output.
 */
export interface NghttpInvalidHeader extends ObservationBase<"nghttp.invalid-header">, NghttpStreamContext {
  readonly stream: number;
  /** The refused field, when a line names it (the `[INVALID; …]` frame line alone does not). */
  readonly name?: string;
  readonly value?: string;
}

/** An RST_STREAM nghttp received. */
export interface NghttpStreamReset extends ObservationBase<"nghttp.stream-reset">, NghttpStreamContext {
  readonly stream: number;
  /** RFC 9113 error name as nghttp prints it (PROTOCOL_ERROR, REFUSED_STREAM…). */
  readonly error: string;
  readonly errorCode: number;
}

/** A GOAWAY nghttp received. */
export interface NghttpGoaway extends ObservationBase<"nghttp.goaway"> {
  readonly lastStream: number;
  readonly error: string;
  readonly errorCode: number;
  /** The opaque (debug) data, as nghttp prints it. */
  readonly debug?: string;
}

/** The class of an nghttp `[ERROR]` line that is not about a header. */
export type NghttpErrorKind = "connect" | "resolve" | "timeout" | "alpn" | "not-h2" | "upgrade-refused";

/** An `[ERROR] …` line of nghttp itself (connect, name resolution, protocol negotiation). */
export interface NghttpError extends ObservationBase<"nghttp.error"> {
  readonly kind: NghttpErrorKind;
  readonly message: string;
  /** The address or host the line names. */
  readonly address?: string;
}

export type NghttpObservation = NghttpInvalidHeader | NghttpStreamReset | NghttpGoaway | NghttpError;
