import type { AnyDetector } from "../define.ts";
import { proxyAccessDetector } from "./access.ts";
import { proxyFailuresDetector } from "./failures.ts";

export const PROXIES_DETECTORS: readonly AnyDetector[] = [proxyFailuresDetector, proxyAccessDetector];
