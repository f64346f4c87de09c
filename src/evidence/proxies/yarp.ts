import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { LineReaderFactory } from "../reader.ts";
import { MAX_TEXT } from "./classify.ts";
import { defined, emitFailure } from "./emit.ts";

/**
 * YARP's forwarder names each failure with a ForwarderError and a fixed sentence; these tell what
 * failed by themselves (the generic `Request:` one leaves it to the .NET exception below it).
 */
const FORWARDER_ERRORS: readonly (readonly [RegExp, ProxyFailureKind, number])[] = [
  [/\bRequestTimedOut: The request timed out before receiving a response\b/, "header-timeout", 504],
  [/\bRequestCanceled: The request was canceled before receiving a response\b/, "client-gone", 502],
];
const NO_DESTINATIONS = /No available destinations after load balancing for cluster '([^']{1,200})'/;
/** YARP answers 503 when a cluster has no destination left to send to. */
const NO_DESTINATIONS_STATUS = 503;

/**
 * YARP (Yarp.ReverseProxy), the .NET reverse proxy: the forwarder's own failure sentences and the
 * load balancer's `No available destinations`.
 */
export const yarpReader: LineReaderFactory = {
  format: "yarp",
  create(context) {
    return {
      accept(line) {
        const text = line.text.length > MAX_TEXT ? line.text.slice(0, MAX_TEXT) : line.text;
        const cluster = NO_DESTINATIONS.exec(text);
        if (cluster) {
          const fields = { proxy: "yarp", kind: "no-healthy-upstream", message: cluster[0] } as const;
          emitFailure(context, line, defined({ ...fields, upstream: cluster[1], status: NO_DESTINATIONS_STATUS }));
          return true;
        }
        const known = FORWARDER_ERRORS.find(([pattern]) => pattern.test(text));
        if (!known) return false;
        const [pattern, kind, status] = known;
        emitFailure(context, line, { proxy: "yarp", kind, message: pattern.exec(text)?.[0] ?? "", status });
        return true;
      },
      end() {},
    };
  },
};
