import type { AnyDetector } from "../define.ts";

export const CURL_DETECTORS: readonly AnyDetector[] = [];
