import type { AnyDetector } from "../define.ts";

export const BROWSER_DETECTORS: readonly AnyDetector[] = [];
