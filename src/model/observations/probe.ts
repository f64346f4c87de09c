import type { ObservationBase } from "./base.ts";

/** The outcome of a bounded watch loop against one target (from `proxydoc watch`). */
export interface WatchTargetObservation extends ObservationBase<"probe.watch-target"> {
  readonly target: string;
  readonly mode: "tcp" | "h2-ping" | "http";
  readonly intervalMs: number;
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly retransmitted: number;
  readonly lossPct: number;
  readonly rtt: {
    readonly min: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  } | null;
  readonly longestOutage: { readonly fromMs: number; readonly toMs: number; readonly attempts: number } | null;
  readonly errorCounts: Readonly<Record<string, number>>;
}

export type ProbeObservation = WatchTargetObservation;
