import type { ObservationBase } from "./base.ts";

// Observation types of the mesh family, one interface per kind; the readers of the family fill them in.
export interface MeshPending extends ObservationBase<"mesh.pending"> {}

export type MeshObservation = MeshPending;
