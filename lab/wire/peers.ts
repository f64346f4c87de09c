import type { PeerOutcome } from "../../src/wire/peers/model.ts";

/** What a client or proxy did with a served case, as seen from outside. */
export interface Observation {
  readonly outcome: PeerOutcome;
  readonly status?: number;
  readonly detail: string;
}

/**
 * Whether an observation agrees with a prediction. From outside, `alter` (accepted with a
 * change) looks like `accept`, and a proxy that cuts the body may close before or after sending
 * the status, so `truncate` and `reject` are told apart only by whether a status arrived.
 */
export function agrees(predicted: PeerOutcome, observed: PeerOutcome): boolean {
  const norm = (o: PeerOutcome): string => (o === "alter" ? "accept" : o);
  return norm(predicted) === norm(observed);
}
