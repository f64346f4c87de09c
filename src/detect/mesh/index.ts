import type { AnyDetector } from "../define.ts";

export const MESH_DETECTORS: readonly AnyDetector[] = [];
