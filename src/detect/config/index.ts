import type { AnyDetector } from "../define.ts";
import { configurationChecks } from "./configuration.ts";
import { proxyProtocolConfigured } from "./proxy-protocol.ts";
import { strictMtlsInForce } from "./strict-mtls.ts";

export const CONFIG_DETECTORS: readonly AnyDetector[] = [
  configurationChecks,
  strictMtlsInForce,
  proxyProtocolConfigured,
];
