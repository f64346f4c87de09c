import type { AnyDetector } from "../define.ts";
import { eventStreamCutDetector } from "./event-stream-cut.ts";
import { failureWordsDetector } from "./failure-words.ts";
import { streamingCutDetector } from "./streaming-cut.ts";

export const TEXT_DETECTORS: readonly AnyDetector[] = [
  failureWordsDetector,
  streamingCutDetector,
  eventStreamCutDetector,
];
