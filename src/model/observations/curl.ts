import type { ObservationBase } from "./base.ts";

// Observation types of the curl family, one interface per kind; the readers of the family fill them in.
export interface CurlPending extends ObservationBase<"curl.pending"> {}

export type CurlObservation = CurlPending;
