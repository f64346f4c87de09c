import type { AnyDetector } from "../define.ts";

export const ENVOY_DETECTORS: readonly AnyDetector[] = [];
