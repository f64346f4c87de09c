import type { ObservationBase } from "./base.ts";

/** The gRPC library that printed the error, as far as its wording tells (grpc-go is the Go reader's). */
export type GrpcClientLibrary = "grpc-java" | "grpc-dotnet" | "grpc-js" | "grpc-core";

/** What went wrong under the RPC, read from the status, its message and the exceptions it wraps. */
export type GrpcFailure =
  | "connection-refused"
  | "connection-reset"
  | "connection-closed"
  | "connect-timeout"
  | "socket-error"
  | "could-not-connect"
  | "name-not-resolved"
  | "deadline"
  | "deadline-before-connection"
  | "tls-handshake"
  | "plaintext-answer-to-tls"
  | "tls-answer-to-plaintext"
  | "http1-answer"
  | "no-http2-handshake"
  | "non-grpc-response"
  | "stream-refused"
  | "stream-reset"
  | "stream-protocol-error"
  | "goaway"
  | "message-too-large";

/**
 * One failed RPC as a gRPC client outside Go reported it: a grpc-java exception with its causes,
 * a Grpc.Net.Client `Status(…)`, a grpc-js `14 UNAVAILABLE: …` error or a grpc-python block.
 */
export interface GrpcClientErrorObservation extends ObservationBase<"grpc.client-error"> {
  readonly library: GrpcClientLibrary;
  /** The canonical status name (`UNAVAILABLE`, `DEADLINE_EXCEEDED`), when the error states it. */
  readonly status?: string;
  /** The status message the client printed (details, description, Detail). */
  readonly details: string;
  readonly failure: GrpcFailure;
  /** Values taken from the wording: HTTP/2 codes, sizes, seconds, hex bytes, the reason text. */
  readonly fields: Readonly<Record<string, string>>;
}

export type GrpcObservation = GrpcClientErrorObservation;
