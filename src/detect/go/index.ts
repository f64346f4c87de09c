import type { AnyDetector } from "../define.ts";

export const GO_DETECTORS: readonly AnyDetector[] = [];
