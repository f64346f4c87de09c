import type { AnyDetector } from "../define.ts";
import { failureWordsDetector } from "./failure-words.ts";

export const TEXT_DETECTORS: readonly AnyDetector[] = [failureWordsDetector];
