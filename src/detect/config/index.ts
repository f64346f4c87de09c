import type { AnyDetector } from "../define.ts";
import { configurationChecks } from "./configuration.ts";
import { h2BackendUnreadable } from "./h2-backend.ts";
import { proxyProtocolConfigured } from "./proxy-protocol.ts";
import { strictMtlsInForce } from "./strict-mtls.ts";

export const CONFIG_DETECTORS: readonly AnyDetector[] = [
  configurationChecks,
  strictMtlsInForce,
  proxyProtocolConfigured,
  h2BackendUnreadable,
];
