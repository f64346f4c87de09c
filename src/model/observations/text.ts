import type { ObservationBase } from "./base.ts";

/** What a line in no known format still says failed, by the words every stack uses for it. */
export type FailureWordsKind =
  | "refused"
  | "reset"
  | "timed-out"
  | "certificate"
  | "broken-pipe"
  | "header-too-large"
  | "wrong-version-number"
  | "h2-preface-as-request"
  | "tls-handshake"
  | "h2-header-rejected"
  | "canceled"
  | "datagram-too-long"
  | "conntrack-full"
  | "session-cut"
  | "round-timeout";

/**
 * A line no reader recognised that names a socket or TLS failure in the words operating systems,
 * runtimes and libraries share (`Connection refused`, `ECONNRESET`, `certificate verify failed`).
 * It says what failed, not who or why, so it weighs little.
 */
export interface FailureWords extends ObservationBase<"text.failure-words"> {
  readonly kind: FailureWordsKind;
  /** The words found, as written. */
  readonly words: string;
}

/** A command typed in a pasted terminal session. */
export interface TerminalCommand extends ObservationBase<"text.command"> {
  readonly tool: string;
  readonly command: string;
  /** It holds a stream open as long as it runs (`kubectl logs -f`, `exec`, `attach`, `port-forward`, `get -w`). */
  readonly streaming: boolean;
}

/** The wall-clock time the shell's `time` printed for a command (`real 1m2.778s`). */
export interface CommandElapsed extends ObservationBase<"text.command-elapsed"> {
  readonly seconds: number;
}

/** A field line of a Server-Sent Events stream (`retry: 3000`, `event: update`): the body was an event stream. */
export interface EventStreamField extends ObservationBase<"text.event-stream"> {
  readonly field: "retry" | "event";
}

export type TextObservation = FailureWords | TerminalCommand | CommandElapsed | EventStreamField;
