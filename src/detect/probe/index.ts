import type { AnyDetector } from "../define.ts";

export const PROBE_DETECTORS: readonly AnyDetector[] = [];
