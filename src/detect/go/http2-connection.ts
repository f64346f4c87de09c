import { signatureDetector } from "./signature-detector.ts";

/**
 * ENHANCE_YOUR_CALM with no debug text: what nginx sends when a request's header field or header
 * list is over its limit (gRPC servers name their reason, `too_many_pings`, in the debug text).
 */
function calmWithoutDebug(code: string | undefined, debug: string | undefined): boolean {
  return code === "ENHANCE_YOUR_CALM" && (debug ?? "") === "";
}

/** The HTTP/2 connection-level errors of Go's transport: health check, pool, GOAWAY. */
export const http2ConnectionErrors = signatureDetector({
  id: "go.http2-connection",
  description: "Go HTTP/2 health-check failures, pool misses, GOAWAY closes, impossible retries and ALPN refusals",
  emits: ["PD1501", "PD1502", "PD1503", "PD1504", "PD1505", "PD1538", "PD1539", "PD1582"],
  rules: {
    "h2-client-connection-lost": () => ({ code: "PD1501" }),
    "h2-no-cached-connection": () => ({ code: "PD1502" }),
    "h2-goaway-closed": (o) => ({
      code:
        o.fields.code === "NO_ERROR" ? "PD1503" : calmWithoutDebug(o.fields.code, o.fields.debug) ? "PD1582" : "PD1504",
    }),
    "h2-cannot-retry-body": () => ({ code: "PD1538" }),
    "h2-alpn-mismatch": (o) => ({ code: "PD1539", vars: { got: o.fields.got ?? "nothing" } }),
    "h2-graceful-goaway": (o) =>
      o.fields.code && o.fields.code !== "NO_ERROR" ? { code: "PD1504", vars: { debug: "none" } } : { code: "PD1505" },
  },
});
