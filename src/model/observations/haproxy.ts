import type { ObservationBase } from "./base.ts";

/** The timers of an HAProxy HTTP log line in ms; -1 where the phase never ended. */
export interface HaproxyTimers {
  readonly request: number;
  readonly queue: number;
  readonly connect: number;
  readonly response: number;
  readonly total: number;
}

/**
 * One HAProxy HTTP log line (`option httplog`): who served it, its timers, status and the
 * termination state, whose first two letters say who ended the session (client, server, proxy…)
 * and in which phase (request, queue, connect, headers, data…).
 */
export interface HaproxyLogLine extends ObservationBase<"haproxy.log"> {
  readonly frontend: string;
  readonly backend: string;
  /** `<NOSRV>` when no server was picked. */
  readonly server: string;
  readonly timers: HaproxyTimers;
  /** -1 when no response was sent. */
  readonly status: number;
  readonly termination: string;
  readonly retries: number;
  readonly request?: string;
}

export type HaproxyObservation = HaproxyLogLine;
