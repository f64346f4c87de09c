import type { ObservationBase } from "./base.ts";

// Observation types of the go family, one interface per kind; the readers of the family fill them in.
export interface GoPending extends ObservationBase<"go.pending"> {}

export type GoObservation = GoPending;
