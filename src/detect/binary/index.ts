import type { AnyDetector } from "../define.ts";

export const BINARY_DETECTORS: readonly AnyDetector[] = [];
