import type { ObservationBase } from "./base.ts";

// Observation types of the capture family, one interface per kind; the readers of the family fill them in.
export interface CapturePending extends ObservationBase<"capture.pending"> {}

export type CaptureObservation = CapturePending;
