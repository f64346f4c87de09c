import type { AnyDetector } from "../define.ts";
import { curlNginxCutBodyDetector, curlStreamResetDetector, curlTransferErrorDetector } from "./errors.ts";
import {
  curlErrorStatusDetector,
  curlGoawayDetector,
  curlRejectedHeaderDetector,
  curlUpgradeRefusedDetector,
} from "./exchange.ts";
import { curlProxyReplyDetector } from "./local-reply.ts";

export const CURL_DETECTORS: readonly AnyDetector[] = [
  curlStreamResetDetector,
  curlNginxCutBodyDetector,
  curlTransferErrorDetector,
  curlGoawayDetector,
  curlErrorStatusDetector,
  curlRejectedHeaderDetector,
  curlUpgradeRefusedDetector,
  curlProxyReplyDetector,
];
