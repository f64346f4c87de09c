import type { ObservationBase } from "./base.ts";

// Facts read from packet captures (pcap, pcapng). `connection` is the 1-based connection number
// shown in the conversation table; endpoints are `addr:port`.

interface OnConnection {
  readonly connection: number;
  readonly client: string;
  readonly server: string;
}

/** Part of the file could not be read or decoded: what was skipped and where. */
export interface CaptureFileProblem extends ObservationBase<"capture.file-problem"> {
  readonly problem:
    | "truncated-file"
    | "corrupt-block"
    | "not-a-capture"
    | "snaplen-cut"
    | "unsupported-link"
    | "fragments-dropped"
    | "missing-segments";
  /** Packets (or blocks, or connections for missing segments) concerned. */
  readonly count: number;
  /** Bytes skipped or missing. */
  readonly bytes: number;
  readonly detail: string;
}

/** The side that received a response reset the connection right after it arrived. */
export interface CaptureResetAfterResponse extends ObservationBase<"capture.reset-after-response">, OnConnection {
  readonly by: "client" | "server";
  readonly status: number;
  readonly seconds: number;
  readonly responsePacket: number;
  readonly resetPacket: number;
  readonly method?: string;
  readonly path?: string;
  readonly responseServer?: string;
  /** The response arrived whole before the reset. */
  readonly responseComplete: boolean;
}

/** A request was sent and the connection was reset or closed before any response. */
export interface CaptureNoResponse extends ObservationBase<"capture.no-response">, OnConnection {
  readonly by?: "client" | "server";
  readonly how: "rst" | "fin";
  readonly method?: string;
  readonly path?: string;
  readonly requestPacket: number;
  /** Seconds the connection had been idle before this request, when it was reused. */
  readonly idleBefore: number;
  /** Requests answered earlier on the same connection. */
  readonly earlierResponses: number;
}

export interface CaptureSynUnanswered extends ObservationBase<"capture.syn-unanswered">, OnConnection {
  readonly attempts: number;
  /** The server answered with RST: nothing listens (or a filter rejects). */
  readonly refused: boolean;
}

export interface CaptureRetransmissions extends ObservationBase<"capture.retransmissions">, OnConnection {
  readonly retransmissions: number;
  readonly dataSegments: number;
  readonly dupAcks: number;
  /** Retransmitted share of data segments, 0..1. */
  readonly rate: number;
}

export interface CaptureZeroWindow extends ObservationBase<"capture.zero-window">, OnConnection {
  readonly side: "client" | "server";
  /** Seconds until the window opened; undefined when it never did. */
  readonly seconds?: number;
}

export interface CaptureIdleReset extends ObservationBase<"capture.idle-reset">, OnConnection {
  readonly idleSeconds: number;
  readonly by: "client" | "server";
}

export interface CaptureResponseCut extends ObservationBase<"capture.response-cut">, OnConnection {
  readonly protocol: "http/1.1" | "h2";
  readonly stream: number;
  readonly status: number;
  readonly received: number;
  readonly declared?: number;
  readonly how: "rst" | "fin";
  readonly by?: "client" | "server";
  readonly path?: string;
  readonly responseServer?: string;
}

export interface CaptureStreamReset extends ObservationBase<"capture.stream-reset">, OnConnection {
  readonly stream: number;
  readonly by: "client" | "server";
  readonly code: string;
  readonly delivered: number;
  readonly status?: number;
  readonly declared?: number;
  readonly method?: string;
  readonly path?: string;
}

export interface CaptureGoaway extends ObservationBase<"capture.goaway">, OnConnection {
  readonly by: "client" | "server";
  readonly code: string;
  readonly lastStream: number;
  readonly debug: string;
  readonly streamsAbove: number;
  readonly openStreams: number;
}

export interface CaptureTlsHandshake extends ObservationBase<"capture.tls">, OnConnection {
  readonly sni?: string;
  readonly version?: string;
  readonly alpnOffered: readonly string[];
  readonly alpnSelected?: string;
  readonly established: boolean;
  /** Records decrypted with a key log; 0 when the HTTP inside stayed unread. */
  readonly decryptedRecords: number;
  /** The first alert, as "fatal handshake_failure". */
  readonly alert?: string;
  readonly alertBy?: "client" | "server";
  readonly certificateSubjects: readonly string[];
}

export interface CaptureProtocolMismatch extends ObservationBase<"capture.protocol-mismatch">, OnConnection {
  readonly kind: "prior-knowledge-refused" | "h1-answered-with-h2";
  readonly status?: number;
}

export interface CaptureHttpError extends ObservationBase<"capture.http-error">, OnConnection {
  readonly status: number;
  readonly protocol: "http/1.1" | "h2";
  readonly responseServer?: string;
  readonly method?: string;
  readonly path?: string;
  /** How many responses on this connection had this status (the observation is the first). */
  readonly count: number;
}

/** A defect the wire checks (HTTP/1 heads, HTTP/2 header blocks) found in a message of the capture. */
export interface CaptureWireDefect extends ObservationBase<"capture.wire-defect"> {
  readonly connection: number;
  readonly side: "client" | "server";
  /** The wire family's finding code (PD2xxx, PD3xxx). */
  readonly code: `PD${number}`;
  readonly subject: string;
  readonly vars: Readonly<Record<string, string | number | boolean>>;
}

export type CaptureObservation =
  | CaptureWireDefect
  | CaptureFileProblem
  | CaptureResetAfterResponse
  | CaptureNoResponse
  | CaptureSynUnanswered
  | CaptureRetransmissions
  | CaptureZeroWindow
  | CaptureIdleReset
  | CaptureResponseCut
  | CaptureStreamReset
  | CaptureGoaway
  | CaptureTlsHandshake
  | CaptureProtocolMismatch
  | CaptureHttpError;
