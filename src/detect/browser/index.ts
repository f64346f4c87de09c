import type { AnyDetector } from "../define.ts";
import { browserConsoleStatusDetector } from "./console-status.ts";
import {
  harErrorStatusDetector,
  harGatewayTimeoutDetector,
  harShortBodyDetector,
  harSizeDependentFailureDetector,
} from "./har.ts";
import { browserHttp2ErrorAfterSuccessDetector, browserNetErrorDetector } from "./net-errors.ts";
import { webSocketFailureDetector } from "./websocket.ts";

export const BROWSER_DETECTORS: readonly AnyDetector[] = [
  browserNetErrorDetector,
  browserHttp2ErrorAfterSuccessDetector,
  harShortBodyDetector,
  harErrorStatusDetector,
  harGatewayTimeoutDetector,
  harSizeDependentFailureDetector,
  browserConsoleStatusDetector,
  webSocketFailureDetector,
];
