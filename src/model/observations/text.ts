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

export type TextObservation = FailureWords;
