import type { SourceRef } from "../source.ts";
import type { ObservationBase } from "./base.ts";

export interface RttStats {
  readonly min: number;
  readonly avg: number;
  readonly max: number;
  /** Mean deviation as ping prints it, or the standard deviation computed from replies. */
  readonly mdev: number;
}

/** One run of `ping`: what its summary says, or what its reply lines show when it has none. */
export interface NetworkPingRun extends ObservationBase<"network.ping-run"> {
  readonly target: string;
  readonly transmitted: number;
  readonly received: number;
  readonly lossPercent: number;
  /** Replies reporting an error (Destination Host Unreachable, TTL exceeded…). */
  readonly errors: number;
  readonly rtt?: RttStats;
  /** True when the numbers come from the summary lines, false when counted from reply lines. */
  readonly fromSummary: boolean;
}

/** One hop of a traceroute aggregated over every run to the same target, or one row of mtr. */
export interface HopStats {
  /** 1-based TTL. */
  readonly hop: number;
  /** Addresses or names that answered at this hop (bounded). */
  readonly addresses: readonly string[];
  readonly sent: number;
  readonly lost: number;
  readonly lossPercent: number;
  readonly rtt?: RttStats;
  /** Line references of probes that got no answer (bounded). */
  readonly lossRefs: readonly SourceRef[];
}

/** Every traceroute run to one target in a source, hop by hop. */
export interface NetworkTraceSummary extends ObservationBase<"network.trace-summary"> {
  readonly tool: "traceroute" | "mtr";
  /** Probe protocol when the evidence says it (`--tcp`, `-T`, `-I`, `-U`). */
  readonly mode: "tcp" | "udp" | "icmp" | "unknown";
  readonly target: string;
  readonly runs: number;
  /** Runs whose last printed hop answered from the target address. */
  readonly runsReaching: number;
  readonly hops: readonly HopStats[];
}

export type NetworkObservation = NetworkPingRun | NetworkTraceSummary;
