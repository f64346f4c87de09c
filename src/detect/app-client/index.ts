import type { AnyDetector } from "../define.ts";
import { appClientErrors } from "./client-errors.ts";

export const APP_CLIENT_DETECTORS: readonly AnyDetector[] = [appClientErrors];
