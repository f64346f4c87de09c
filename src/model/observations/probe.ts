import type { ObservationBase } from "./base.ts";

// Observation types of the probe family, one interface per kind; the readers of the family fill them in.
export interface ProbePending extends ObservationBase<"probe.pending"> {}

export type ProbeObservation = ProbePending;
