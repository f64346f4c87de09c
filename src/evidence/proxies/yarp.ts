import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { LineReaderFactory } from "../reader.ts";
import { type FoundFailure, failureLineReader } from "./emit.ts";

/**
 * YARP's forwarder names each failure with a ForwarderError and a fixed sentence; these tell what
 * failed by themselves (the generic `Request:` one leaves it to the .NET exception below it).
 */
const FORWARDER_ERRORS: readonly (readonly [RegExp, ProxyFailureKind, number])[] = [
  [/\bRequestTimedOut: The request timed out before receiving a response\b/, "header-timeout", 504],
  [/\bRequestCanceled: The request was canceled before receiving a response\b/, "client-gone", 502],
];
/** YARP answers 503 when a cluster has no destination left to send to. */
const NO_DESTINATIONS = /No available destinations after load balancing for cluster '([^']{1,200})'/;

/**
 * YARP (Yarp.ReverseProxy), the .NET reverse proxy: the forwarder's own failure sentences and the
 * load balancer's `No available destinations`.
 */
export const yarpReader: LineReaderFactory = {
  ...failureLineReader("yarp", yarpFailure),
  needles: [NO_DESTINATIONS, ...FORWARDER_ERRORS.map(([pattern]) => pattern)],
};

function yarpFailure(text: string): FoundFailure | undefined {
  const cluster = NO_DESTINATIONS.exec(text);
  if (cluster) {
    const message = cluster[0];
    return { proxy: "yarp", kind: "no-healthy-upstream", message, upstream: cluster[1] as string, status: 503 };
  }
  const known = FORWARDER_ERRORS.find(([pattern]) => pattern.test(text));
  if (!known) return undefined;
  const [pattern, kind, status] = known;
  return { proxy: "yarp", kind, message: pattern.exec(text)?.[0] ?? "", status };
}
