import type { AnyDetector } from "../define.ts";

export const WIRE_DETECTORS: readonly AnyDetector[] = [];
