import type { GoSignatureObservation } from "../../model/observations/go.ts";
import { signatureDetector } from "./signature-detector.ts";

const REFUSAL_CODES = new Set(["REFUSED_STREAM", "ENHANCE_YOUR_CALM"]);

/** Splits `stream error` lines by what their code says about the stream's fate. */
function streamRule(observation: GoSignatureObservation) {
  const code = observation.fields.code ?? "";
  const fromPeer = observation.fields.cause === "received from peer";
  const vars = { fromPeer, cause: observation.fields.cause ?? "detected locally" };
  if (code === "PROTOCOL_ERROR") return { code: "PD1508" as const, vars };
  if (REFUSAL_CODES.has(code)) return { code: "PD1507" as const, vars };
  // Without the `received from peer` suffix (x/net before September 2021) the code is still the peer's
  // RST_STREAM for these codes, which Go never sends for its own reasons.
  return { code: "PD1506" as const, vars };
}

export const http2StreamErrors = signatureDetector({
  id: "go.http2-stream",
  description: "Go HTTP/2 stream errors: resets by the peer, refusals, protocol errors",
  emits: ["PD1506", "PD1507", "PD1508"],
  rules: { "h2-stream-error": streamRule },
});
