import type { AnyDetector } from "../define.ts";

export const NETWORK_DETECTORS: readonly AnyDetector[] = [];
