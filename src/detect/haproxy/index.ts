import type { AnyDetector } from "../define.ts";
import { haproxyInvalidMessages } from "./invalid-messages.ts";
import { haproxyNoServer, haproxyServerDown } from "./server-states.ts";
import { haproxyTerminations } from "./terminations.ts";

export const HAPROXY_DETECTORS: readonly AnyDetector[] = [
  haproxyTerminations,
  haproxyServerDown,
  haproxyNoServer,
  haproxyInvalidMessages,
];
