import type { AnyDetector } from "../define.ts";
import { envoyFailuresOnFewHostsDetector } from "./access-hosts.ts";
import { envoyLocalRepliesDetector } from "./access-local-replies.ts";
import { ACCESS_GROUP_DETECTORS } from "./access-rules.ts";
import { envoyTimeoutAtFixedLimitDetector } from "./access-timeouts.ts";
import { envoyRejectedHeaderInCaptureDetector } from "./debug-capture.ts";
import { envoyCodecErrorDetector } from "./debug-codec.ts";
import {
  envoyConnectRefusedDetector,
  envoyGoawayDetector,
  envoyPendingResetDetector,
  envoyRemoteEarlyCloseDetector,
  envoyReusedConnectionClosedDetector,
  envoyTlsErrorDetector,
} from "./debug-events.ts";
import { envoyHeaderDefectsDetector, envoyUpstream5xxDetector } from "./debug-headers.ts";
import { envoyLocalReplyDetector, envoyReplyBodyDetector, envoyUpstreamResetDetector } from "./debug-resets.ts";
import { envoyRouteTimeoutDetector } from "./debug-timeouts.ts";

export const ENVOY_DETECTORS: readonly AnyDetector[] = [
  ...ACCESS_GROUP_DETECTORS,
  envoyLocalRepliesDetector,
  envoyFailuresOnFewHostsDetector,
  envoyTimeoutAtFixedLimitDetector,
  envoyCodecErrorDetector,
  envoyRejectedHeaderInCaptureDetector,
  envoyHeaderDefectsDetector,
  envoyUpstream5xxDetector,
  envoyUpstreamResetDetector,
  envoyLocalReplyDetector,
  envoyRouteTimeoutDetector,
  envoyReplyBodyDetector,
  envoyGoawayDetector,
  envoyConnectRefusedDetector,
  envoyPendingResetDetector,
  envoyReusedConnectionClosedDetector,
  envoyRemoteEarlyCloseDetector,
  envoyTlsErrorDetector,
];
