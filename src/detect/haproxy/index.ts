import type { AnyDetector } from "../define.ts";
import { haproxyTerminations } from "./terminations.ts";

export const HAPROXY_DETECTORS: readonly AnyDetector[] = [haproxyTerminations];
