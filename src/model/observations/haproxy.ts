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
 * One HAProxy HTTP log line (`option httplog`, or a log-format that keeps its fields from the
 * frontend to the termination state): who served it, its timers, status and the termination
 * state, whose first two letters say who ended the session (client, server, proxy…) and in which
 * phase (request, queue, connect, headers, data…).
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
  /** Absent when a custom log-format leaves out the connection counters. */
  readonly retries?: number;
  readonly request?: string;
}

/**
 * A server state change HAProxy reports itself (`Server be/srv is DOWN, reason: Layer4 timeout…`),
 * or one health-check result under `option log-health-checks`, on stderr or through syslog.
 */
export interface HaproxyServerState extends ObservationBase<"haproxy.server-state"> {
  /** WARNING, ALERT, NOTICE… when the line carries HAProxy's own level tag. */
  readonly level?: string;
  readonly backend: string;
  readonly server: string;
  readonly backup: boolean;
  /** `check-failed` and `check-passed` are single checks; `down` and `up` are state changes. */
  readonly state: "down" | "up" | "check-failed" | "check-passed";
  /** The health check's status as HAProxy describes it: `Layer4 connection problem`, `Layer7 wrong status`… */
  readonly reason?: string;
  /** The HTTP (or protocol) code the check got, for Layer7 statuses. */
  readonly code?: number;
  /** The check's own detail, such as `Connection refused` or `HTTP status check returned code <3C>401<3E>`. */
  readonly info?: string;
  readonly durationMs?: number;
  /** The server this one tracks (`is DOWN via be/srv`). */
  readonly via?: string;
  /** Active servers left (DOWN) or online (UP) in the backend after the change. */
  readonly activeLeft?: number;
  readonly backupLeft?: number;
  /** For a single check: the server's state after it (`status: 0/2 DOWN`). */
  readonly checkState?: string;
  /** The line was cut where it was copied from; the reason was completed from its start. */
  readonly cut?: boolean;
}

/** HAProxy's alert that a backend has no server left: `backend 'be' has no server available!`. */
export interface HaproxyNoServer extends ObservationBase<"haproxy.no-server"> {
  readonly level?: string;
  /** `backend`, or `listen`/`proxy` for sections that are both. */
  readonly proxyType: string;
  readonly backend: string;
}

/**
 * One capture of HAProxy's `show errors` (runtime API): a request or response its HTTP parser
 * refused, with where in the message it stopped and the message's first bytes.
 */
export interface HaproxyInvalidMessage extends ObservationBase<"haproxy.invalid-message"> {
  /** `response` from a server, `request` from a client. */
  readonly side: "request" | "response";
  /** The backend (responses) or frontend (requests) the message passed through. */
  readonly proxy: string;
  readonly server?: string;
  /** Offset in the dump at which the parser stopped. */
  readonly position?: number;
  /** The parser's state there (`MSG_HDR_L2_LWS(24)`). */
  readonly state?: string;
  /** The dumped line holding that offset, unescaped. */
  readonly offending?: string;
}

export type HaproxyObservation = HaproxyLogLine | HaproxyServerState | HaproxyNoServer | HaproxyInvalidMessage;
