import { parseHttp1 } from "../../src/wire/http1/parser.ts";
import type { Observation } from "./peers.ts";

/**
 * What a client of a proxy saw, from the raw bytes of the proxy's answer: a 5xx is a refusal,
 * a body cut short a truncation, anything else delivered (relayed garbage counts as altered).
 */
export function observeProxyAnswer(bytes: Buffer, head: boolean): Observation {
  if (bytes.length === 0) return { outcome: "reject", detail: "connection closed without a response" };
  const { messages } = parseHttp1(bytes, { expect: "response", head });
  const final = messages.find((m) => (m.startLine.status ?? 0) >= 200) ?? messages[0];
  if (!final) return { outcome: "reject", detail: "no response" };
  const status = final.startLine.status;
  const line = final.startLine.line?.bytes.toString("latin1") ?? "";
  if (status !== undefined && status >= 500 && status <= 504) return { outcome: "reject", status, detail: line };
  const cut = final.events.some((e) =>
    ["body-short", "chunked-incomplete", "chunk-size-invalid", "eof-in-head"].includes(e.kind),
  );
  if (cut) return { outcome: "truncate", ...(status ? { status } : {}), detail: `${line}, body cut` };
  if (final.startLine.kind !== "status" || final.startLine.problem)
    return { outcome: "alter", detail: `relayed: ${line.slice(0, 40)}` };
  return { outcome: "accept", ...(status ? { status } : {}), detail: line };
}
