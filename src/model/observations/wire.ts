import type { ObservationBase } from "./base.ts";

// Observation types of the wire family, one interface per kind; the readers of the family fill them in.
export interface WirePending extends ObservationBase<"wire.pending"> {}

export type WireObservation = WirePending;
