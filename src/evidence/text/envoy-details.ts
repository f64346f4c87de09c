import type { CurlLocalReply } from "../../model/observations/curl.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";

/**
 * Envoy's `%RESPONSE_CODE_DETAILS%` values quoted outside an access-log line Envoy's readers know:
 * a key=value log of a product built on Envoy (`response-code-details=route_not_found`), a JSON
 * fragment (`"response_code_details":"request_payload_too_large"`), a
 * dashboard cell, a paste of the value alone. The reset's reason uses the words of the reply body.
 */
const RESET_DETAILS = /\bupstream_reset_before_response_started\{([a-z_]{1,40})(?:\|([^}\s]{1,200}))?\}/;
const ROUTE_NOT_FOUND = /(?:^|[\s=:"'])route_not_found(?=$|[\s"',}])/;
const PAYLOAD_TOO_LARGE = /(?:^|[\s=:"'])request_payload_too_large(?=$|[\s"',}])/;
const STATUS = /(?:^|[\s=])([45]\d\d)(?=$|[\s,])|"response_code"\s*:\s*([45]\d\d)\b/;

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
  if (ROUTE_NOT_FOUND.test(text)) return { kind: "route-not-found" };
  return PAYLOAD_TOO_LARGE.test(text) ? { kind: "payload-too-large" } : undefined;
}

/** Read before the failure words, which would take the same lines for less. */
export const envoyDetailsReader: LineReaderFactory = {
  ...perLineReader("envoy-details", (line, source) => {
    if (!line.text.includes("_")) return undefined;
    const reply = replyOf(line.text.length > 4096 ? line.text.slice(0, 4096) : line.text);
    if (!reply) return undefined;
    const m = STATUS.exec(line.text);
    const status = m?.[1] ?? m?.[2];
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
  needles: [RESET_DETAILS, ROUTE_NOT_FOUND, PAYLOAD_TOO_LARGE],
};
