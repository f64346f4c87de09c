import type { ObservationBase } from "./base.ts";

// Observation types of the nginx family, one interface per kind; the readers of the family fill them in.
export interface NginxPending extends ObservationBase<"nginx.pending"> {}

export type NginxObservation = NginxPending;
