import type { ObservationBase } from "./base.ts";

// Observation types of the network family, one interface per kind; the readers of the family fill them in.
export interface NetworkPending extends ObservationBase<"network.pending"> {}

export type NetworkObservation = NetworkPending;
