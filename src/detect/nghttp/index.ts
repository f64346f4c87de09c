import type { AnyDetector } from "../define.ts";
import {
  nghttpErrorDetector,
  nghttpGoawayDetector,
  nghttpInvalidHeaderDetector,
  nghttpResetDetector,
} from "./frames.ts";

export const NGHTTP_DETECTORS: readonly AnyDetector[] = [
  nghttpInvalidHeaderDetector,
  nghttpResetDetector,
  nghttpGoawayDetector,
  nghttpErrorDetector,
];
