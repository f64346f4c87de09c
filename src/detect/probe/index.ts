import type { AnyDetector } from "../define.ts";
import {
  bodyShorterThanDeclared,
  chunkedWithoutLastChunk,
  connectFailed,
  goawayDuringExchange,
  noResponseInTime,
  resetBeforeResponse,
  streamResetMidResponse,
} from "./exchange-completeness.ts";
import {
  certificateExpiring,
  certificateHostnameMismatch,
  http2NotNegotiated,
  tlsHandshakeFailed,
} from "./exchange-tls.ts";
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
  bodyShorterThanDeclared,
  chunkedWithoutLastChunk,
  streamResetMidResponse,
  resetBeforeResponse,
  noResponseInTime,
  goawayDuringExchange,
  connectFailed,
  tlsHandshakeFailed,
  certificateHostnameMismatch,
  certificateExpiring,
  http2NotNegotiated,
];
