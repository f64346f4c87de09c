import type { AnyDetector } from "../define.ts";

export const CAPTURE_DETECTORS: readonly AnyDetector[] = [];
