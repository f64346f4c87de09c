import type { ObservationBase } from "./base.ts";

/** Round-trip quantiles in milliseconds. */
export interface RttSummary {
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** A run of consecutive failed attempts, in milliseconds since the loop started. */
export interface OutageWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly attempts: number;
}

/** The figures of a bounded watch loop against one target. */
export interface WatchFigures {
  readonly target: string;
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  /** Attempts that succeeded only after a retransmission: the first packet was lost. */
  readonly retransmitted: number;
  /** Share of packets lost, counting failures and retransmitted successes, in percent. */
  readonly lossPct: number;
  readonly rtt: RttSummary | null;
  /** The longest run of consecutive failures. */
  readonly longestOutage: OutageWindow | null;
  readonly errorCounts: Readonly<Record<string, number>>;
}

/** The outcome of a bounded watch loop against one target (from `proxydoc watch`). */
export interface WatchTargetObservation extends ObservationBase<"probe.watch-target">, WatchFigures {
  readonly mode: "tcp" | "h2-ping" | "http";
  readonly intervalMs: number;
}

/** What arrived of a response: its head and how much of its body. */
export interface ResponseFigures {
  readonly status?: number;
  /** Header fields in the order received, names as sent. */
  readonly headers: readonly (readonly [string, string])[];
  readonly headerBytes: number;
  readonly declaredLength?: number;
  readonly bodyBytes: number;
  readonly chunked: boolean;
  readonly lastChunk: boolean;
  readonly complete: boolean;
}

/** One request made by `proxydoc probe`, reduced to what the checks read. */
export interface ProbeExchangeObservation extends ObservationBase<"probe.exchange">, ResponseFigures {
  readonly url: string;
  readonly protocol: "http/1.1" | "h2" | "h2c";
  /** How reading the response ended. */
  readonly end: "complete" | "closed" | "reset" | "idle-timeout" | "total-timeout" | "too-large" | "error";
  readonly error?: { readonly phase: string; readonly message: string };
  readonly reset?: { readonly code: string; readonly afterBodyBytes: number };
  readonly goaway?: { readonly code: string; readonly lastStreamId: number; readonly debug: string };
  readonly tls?: {
    readonly alpnOffered: readonly string[];
    readonly alpn: string | null;
    readonly authorized: boolean;
    readonly authorizationError?: string;
    readonly hostnameMatches: boolean;
    readonly daysLeft?: number;
  };
  readonly firstByteMs?: number;
}

export type ProbeObservation = WatchTargetObservation | ProbeExchangeObservation;
