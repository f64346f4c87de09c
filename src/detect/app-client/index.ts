import type { AnyDetector } from "../define.ts";
import { appClientErrors } from "./client-errors.ts";
import { appServerEvents } from "./server-events.ts";

export const APP_CLIENT_DETECTORS: readonly AnyDetector[] = [appClientErrors, appServerEvents];
