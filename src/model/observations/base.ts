import type { SourceRef } from "../source.ts";

/**
 * Values that tie observations from different sources to the same incident. Readers fill what
 * the evidence states; the engine joins on them.
 */
export interface Correlation {
  readonly requestId?: string;
  /** Host or :authority the client asked for. */
  readonly authority?: string;
  /** The upstream address or cluster the proxy used. */
  readonly upstream?: string;
  readonly path?: string;
  readonly pod?: string;
  readonly namespace?: string;
  readonly container?: string;
}

export interface ObservationBase<T extends string> {
  readonly type: T;
  readonly ref: SourceRef;
  readonly correlation?: Correlation;
}
