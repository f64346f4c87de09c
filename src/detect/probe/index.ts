import type { AnyDetector } from "../define.ts";
import { pathBlackHole, pathHealthy, pathPacketLoss, targetUnreachable } from "./watch-loss.ts";
import { connectionRefused, latencySpikes, lossDiffersBetweenPaths, pingFailures } from "./watch-signals.ts";

export const PROBE_DETECTORS: readonly AnyDetector[] = [
  pathPacketLoss,
  pathBlackHole,
  targetUnreachable,
  pathHealthy,
  pingFailures,
  connectionRefused,
  lossDiffersBetweenPaths,
  latencySpikes,
];
