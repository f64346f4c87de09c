import type { CurlLocalReply } from "../../model/observations/curl.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";

/**
 * Envoy's `%RESPONSE_CODE_DETAILS%` values quoted outside an access-log line Envoy's readers know:
 * a key=value log of a product built on Envoy (`response-code-details=route_not_found`), a
 * dashboard cell, a paste of the value alone. The reset's reason uses the words of the reply body.
 */
const RESET_DETAILS = /\bupstream_reset_before_response_started\{([a-z_]{1,40})(?:\|([^}\s]{1,200}))?\}/;
const ROUTE_NOT_FOUND = /(?:^|[\s=:"'])route_not_found(?=$|[\s"',}])/;
const STATUS = /(?:^|[\s=])([45]\d\d)(?=$|[\s,])/;

function replyOf(text: string): Pick<CurlLocalReply, "kind" | "reason" | "transportFailure"> | undefined {
  const reset = RESET_DETAILS.exec(text);
  if (reset) {
    const failure = reset[2]?.replace(/_/g, " ");
    return {
      kind: "upstream-reset",
      reason: (reset[1] as string).replace(/_/g, " "),
      ...(failure ? { transportFailure: failure } : {}),
    };
  }
  return ROUTE_NOT_FOUND.test(text) ? { kind: "route-not-found" } : undefined;
}

/** Read before the failure words, which would take the same lines for less. */
export const envoyDetailsReader: LineReaderFactory = {
  ...perLineReader("envoy-details", (line, source) => {
    if (!line.text.includes("_")) return undefined;
    const reply = replyOf(line.text.length > 4096 ? line.text.slice(0, 4096) : line.text);
    if (!reply) return undefined;
    const status = STATUS.exec(line.text)?.[1];
    return {
      type: "curl.local-reply",
      ref: lineRef(source, line),
      producer: "envoy",
      ...reply,
      retried: false,
      ...(status ? { status: Number(status) } : {}),
      standalone: true,
    };
  }),
  needles: [RESET_DETAILS, ROUTE_NOT_FOUND],
};
