import type { ObservationBase } from "./base.ts";

// Observation types of the binary family, one interface per kind; the readers of the family fill them in.
export interface BinaryPending extends ObservationBase<"binary.pending"> {}

export type BinaryObservation = BinaryPending;
