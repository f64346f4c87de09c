import type { AnyDetector } from "../define.ts";

export const NGINX_DETECTORS: readonly AnyDetector[] = [];
