import type { AnyDetector } from "../define.ts";
import { pingLoss, pingSpikes } from "./ping.ts";
import { intermediateLossOnly, lossAtTarget, neverReachesTarget, repeatedTracesClean } from "./trace.ts";

export const NETWORK_DETECTORS: readonly AnyDetector[] = [
  pingLoss,
  pingSpikes,
  lossAtTarget,
  intermediateLossOnly,
  neverReachesTarget,
  repeatedTracesClean,
];
