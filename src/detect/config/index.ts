import type { AnyDetector } from "../define.ts";
import { configurationChecks } from "./configuration.ts";

export const CONFIG_DETECTORS: readonly AnyDetector[] = [configurationChecks];
