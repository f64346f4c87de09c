import type { ObservationBase } from "./base.ts";

// Observation types of the browser family, one interface per kind; the readers of the family fill them in.
export interface BrowserPending extends ObservationBase<"browser.pending"> {}

export type BrowserObservation = BrowserPending;
