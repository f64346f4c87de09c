import type { ObservationBase } from "./base.ts";

// Observation types of the envoy family, one interface per kind; the readers of the family fill them in.
export interface EnvoyPending extends ObservationBase<"envoy.pending"> {}

export type EnvoyObservation = EnvoyPending;
