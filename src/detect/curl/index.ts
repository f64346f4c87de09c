import type { AnyDetector } from "../define.ts";
import {
  curlCutNearOneGibDetector,
  curlFailStatusDetector,
  curlNginxCutBodyDetector,
  curlStreamResetDetector,
  curlTransferErrorDetector,
} from "./errors.ts";
import {
  curlAwsElbStatusDetector,
  curlEnvoyOverloadedDetector,
  curlErrorStatusDetector,
  curlGoawayDetector,
  curlRejectedHeaderDetector,
  curlTlsStallDetector,
  curlUpgradeRefusedByAppDetector,
  curlUpgradeRefusedDetector,
  curlWorksOnOneVersionDetector,
} from "./exchange.ts";
import { curlProxyReplyDetector } from "./local-reply.ts";

export const CURL_DETECTORS: readonly AnyDetector[] = [
  curlStreamResetDetector,
  curlFailStatusDetector,
  curlNginxCutBodyDetector,
  curlCutNearOneGibDetector,
  curlTransferErrorDetector,
  curlGoawayDetector,
  curlErrorStatusDetector,
  curlRejectedHeaderDetector,
  curlTlsStallDetector,
  curlUpgradeRefusedDetector,
  curlUpgradeRefusedByAppDetector,
  curlAwsElbStatusDetector,
  curlEnvoyOverloadedDetector,
  curlWorksOnOneVersionDetector,
  curlProxyReplyDetector,
];
