import type { Observation } from "../../model/observation.ts";
import type { SourceRef } from "../../model/source.ts";
import { defineDetector } from "../define.ts";

/** How clients say a response body stopped before its end. */
const BROWSER_CUTS = new Set(["ERR_INCOMPLETE_CHUNKED_ENCODING", "ERR_HTTP2_PROTOCOL_ERROR", "ERR_CONNECTION_RESET"]);

function streamShown(o: Observation): boolean {
  if (o.type === "text.event-stream") return true;
  return (
    o.type === "curl.exchange" &&
    o.headers.some(([name, value]) => name === "content-type" && value.toLowerCase().startsWith("text/event-stream"))
  );
}

function cutOf(o: Observation): SourceRef | undefined {
  if (o.type === "curl.error" && (o.kind === "partial" || o.kind === "recv-failure")) return o.ref;
  if (o.type === "browser.net-error" && BROWSER_CUTS.has(o.canonical)) return o.ref;
  return undefined;
}

/**
 * A Server-Sent Events stream that was cut, both shown in one file: the response stays open and
 * quiet between events, so the connection is ended by an idle or read timeout on the way (a
 * proxy's, a load balancer's, the server's own), not by a body that went wrong.
 */
export const eventStreamCutDetector = defineDetector({
  id: "text.event-stream-cut",
  description: "an event-stream response (SSE) whose transfer was cut",
  inputs: ["text.event-stream", "curl.exchange", "curl.error", "browser.net-error"],
  emits: ["PD1932"],
  all(observations, emit) {
    const streams = new Map<string, SourceRef>();
    for (const o of observations) if (streamShown(o) && !streams.has(o.ref.source)) streams.set(o.ref.source, o.ref);
    for (const o of observations) {
      const cut = cutOf(o);
      const stream = cut && streams.get(cut.source);
      if (!cut || !stream) continue;
      emit({
        code: "PD1932",
        subject: cut.source,
        vars: { cut: cut.excerpt?.trim().slice(0, 160) ?? o.type },
        evidence: [stream, cut],
      });
      return;
    }
  },
});
