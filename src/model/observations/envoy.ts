import type { SourceRef } from "../source.ts";
import type { ObservationBase } from "./base.ts";

/** Who produced a response Envoy logged: Envoy itself (a local reply) or the application. */
export type EnvoyProducer = "envoy" | "app";

/** The access-log layouts the reader tells apart. */
export type EnvoyAccessFormat =
  | "istio-text" // Istio 1.9+ default TEXT, with RESPONSE_CODE_DETAILS
  | "istio-text-legacy" // Istio ≤ 1.8 default TEXT, with the quoted mixer status
  | "envoy-default" // Envoy's default format string
  | "json";

/** One access-log record, kept as an example of its (status, flags, details, cluster) group. */
export interface EnvoyAccessRecord extends ObservationBase<"envoy.access"> {
  readonly format: EnvoyAccessFormat;
  readonly status: number;
  /** Short flag names (`UC`, `UF`, …); long names are mapped to short ones. Empty when `-`. */
  readonly flags: readonly string[];
  readonly details?: string;
  readonly terminationDetails?: string;
  readonly transportFailure?: string;
  readonly method?: string;
  readonly path?: string;
  readonly protocol?: string;
  readonly requestId?: string;
  readonly authority?: string;
  readonly upstreamHost?: string;
  readonly upstreamCluster?: string;
  readonly durationMs?: number;
  readonly upstreamServiceTimeMs?: number;
  readonly bytesReceived?: number;
  readonly bytesSent?: number;
  readonly startTime?: string;
  readonly producer?: EnvoyProducer;
  /** How many records of the source share this record's group. */
  readonly groupCount: number;
  /** Durations of the group's records: smallest and largest, when logged. */
  readonly groupMinDurationMs?: number;
  readonly groupMaxDurationMs?: number;
}

export interface EnvoyAccessCount {
  readonly key: string;
  readonly count: number;
}

export interface EnvoyAccessGroup {
  readonly status: number;
  readonly flags: string;
  readonly details: string;
  readonly cluster: string;
  readonly count: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
}

export interface EnvoyHostCount {
  readonly host: string;
  readonly total: number;
  readonly failed: number;
}

export interface EnvoyTimeBucket {
  /** ISO 8601 start of the bucket. */
  readonly start: string;
  readonly total: number;
  readonly failed: number;
}

/** Counts over every access-log record of one source, with bounded memory. */
export interface EnvoyAccessSummary extends ObservationBase<"envoy.access-summary"> {
  readonly records: number;
  /** Records a failure: 5xx, status 0, a response flag, or an Envoy-made 4xx. */
  readonly failed: number;
  readonly formats: readonly EnvoyAccessCount[];
  readonly byStatus: readonly EnvoyAccessCount[];
  readonly byFlag: readonly EnvoyAccessCount[];
  readonly byDetails: readonly EnvoyAccessCount[];
  readonly byCluster: readonly EnvoyAccessCount[];
  readonly byHost: readonly EnvoyHostCount[];
  /** Groups (status, flags, details, cluster), largest first; beyond the cap they are folded. */
  readonly groups: readonly EnvoyAccessGroup[];
  /** Records whose group or host did not fit under the caps. */
  readonly folded: number;
  readonly bucketMinutes: number;
  readonly timeline: readonly EnvoyTimeBucket[];
}

/** Which side of Envoy a debug-log connection faces. */
export type EnvoyConnectionSide = "upstream" | "downstream" | "unknown";

export interface EnvoyHeaderLine {
  readonly name: string;
  readonly value: string;
}

/** A codec refused bytes it received (`Error dispatching received data: … protocol error: …`). */
export interface EnvoyCodecError extends ObservationBase<"envoy.codec-error"> {
  readonly connection: string;
  readonly side: EnvoyConnectionSide;
  /** `http/1.1`, `http/2` or empty. */
  readonly protocol: string;
  /** The parser's code (`HPE_INVALID_HEADER_TOKEN`, `INVALID_HEADER_NAME_CHARACTER`) or the message. */
  readonly code: string;
  readonly message: string;
  /** Headers the codec completed on this connection before the error, in order (bounded). */
  readonly completedHeaders: readonly EnvoyHeaderLine[];
  /** The name of the header the parser stopped on, when the evidence shows it. */
  readonly rejectedHeader?: string;
  readonly rejectedHeaderRef?: SourceRef;
}

/** `upstream reset: reset reason: …, transport failure reason: …`. */
export interface EnvoyUpstreamReset extends ObservationBase<"envoy.upstream-reset"> {
  readonly connection: string;
  readonly stream?: string;
  readonly reason: string;
  readonly transportFailure?: string;
  /**
   * A stream of Envoy's own async client (no downstream connection, logged as `[C0]`): its xDS
   * stream to the control plane, or calls to ext_authz, rate limit or tracing services.
   */
  readonly internal?: boolean;
}

/** `Sending local reply with details …`, with the status Envoy then encoded when logged. */
export interface EnvoyLocalReply extends ObservationBase<"envoy.local-reply"> {
  readonly connection: string;
  readonly stream?: string;
  readonly details: string;
  readonly status?: number;
  readonly server?: string;
}

/** A header block Envoy dumped (`upstream headers complete`, `encoding headers via codec`, …). */
export interface EnvoyHeaderDump extends ObservationBase<"envoy.header-dump"> {
  readonly connection: string;
  readonly stream?: string;
  readonly kind:
    | "upstream-response"
    | "downstream-request"
    | "upstream-request"
    | "encoded-response"
    | "completed-headers";
  readonly headers: readonly EnvoyHeaderLine[];
  /** An encoded response on a stream whose upstream head was complete, with no local reply: Envoy relayed it. */
  readonly relayed?: boolean;
}

/** Connection events: `disconnect. resetting N pending requests`, GOAWAY, `delayed connect error`. */
export interface EnvoyConnectionEvent extends ObservationBase<"envoy.connection-event"> {
  readonly connection: string;
  readonly event:
    | "pending-reset"
    | "goaway-received"
    | "goaway-sent"
    | "connect-error"
    | "tls-error"
    | "reused-then-closed"
    | "remote-early-close";
  readonly pending?: number;
  readonly detail?: string;
}

/** The body of an Envoy local reply as a client shows it. */
export interface EnvoyLocalReplyBody extends ObservationBase<"envoy.local-reply-body"> {
  readonly kind: "reset" | "no-healthy-upstream" | "upstream-timeout";
  readonly reason?: string;
  readonly transportFailure?: string;
  readonly retried?: boolean;
  /** The reply answered a gRPC call (a gRPC client printed it, or it came as `grpc-message`). */
  readonly grpc?: boolean;
}

export type EnvoyObservation =
  | EnvoyAccessRecord
  | EnvoyAccessSummary
  | EnvoyCodecError
  | EnvoyUpstreamReset
  | EnvoyLocalReply
  | EnvoyHeaderDump
  | EnvoyConnectionEvent
  | EnvoyLocalReplyBody;
