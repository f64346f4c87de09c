import type { AnyDetector } from "../define.ts";
import { foreignExecutable, goBuildInfo } from "./build-info.ts";
import { http2HealthCheck } from "./health-check.ts";
import { noCachedConnectionDefects } from "./no-cached-connection.ts";
import { http2ConfigAvailable, vendoredHttp2Copy } from "./toolchain.ts";

export const BINARY_DETECTORS: readonly AnyDetector[] = [
  goBuildInfo,
  foreignExecutable,
  noCachedConnectionDefects,
  http2HealthCheck,
  http2ConfigAvailable,
  vendoredHttp2Copy,
];
