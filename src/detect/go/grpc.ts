import type { GoSignatureObservation } from "../../model/observations/go.ts";
import { signatureDetector } from "./signature-detector.ts";

const GRPC_JS_RST_CODES: Readonly<Record<string, string>> = { "0": "NO_ERROR", "2": "INTERNAL_ERROR", "8": "CANCEL" };

function rstStream(observation: GoSignatureObservation) {
  const numeric = observation.fields.jsCode;
  const rstCode = observation.fields.goCode ?? (numeric ? (GRPC_JS_RST_CODES[numeric] ?? numeric) : "?");
  return { code: rstCode === "NO_ERROR" ? ("PD1552" as const) : ("PD1528" as const), vars: { rstCode } };
}

export const grpcClientErrors = signatureDetector({
  id: "go.grpc",
  description:
    "gRPC client errors (grpc-go, grpc-js): closed transports, resets, keepalive, non-gRPC replies, streams ended without trailers",
  emits: [
    "PD1527",
    "PD1528",
    "PD1529",
    "PD1530",
    "PD1531",
    "PD1541",
    "PD1544",
    "PD1545",
    "PD1548",
    "PD1549",
    "PD1550",
    "PD1551",
    "PD1552",
    "PD1558",
    "PD1584",
  ],
  rules: {
    "grpc-transport-closing": () => ({ code: "PD1527" }),
    "grpc-server-handshake-failed": (o) => ({
      code: o.fields.agent ? "PD1550" : "PD1551",
      vars: { client: o.fields.client ?? "?", error: o.fields.error ?? "?" },
    }),
    "grpc-xds-max-requests": (o) => ({
      code: "PD1549",
      vars: { limit: o.fields.limit ?? "?", service: o.fields.service ?? "?" },
    }),
    "grpc-prior-goaway": (o) =>
      o.fields.code === "ENHANCE_YOUR_CALM" || o.fields.debug === "too_many_pings"
        ? { code: "PD1530" }
        : { code: "PD1548", vars: { goawayCode: o.fields.code ?? "?", debug: o.fields.debug || "none" } },
    "grpc-server-preface": (o) => ({ code: "PD1541", vars: { prefaceError: o.fields.prefaceError ?? "?" } }),
    "grpc-rst-stream": rstStream,
    "grpc-keepalive-failed": () => ({ code: "PD1529" }),
    "grpc-no-trailers": () => ({ code: "PD1584" }),
    "grpc-too-many-pings": () => ({ code: "PD1530" }),
    "grpc-xds-bootstrap": (o) =>
      o.fields.missing
        ? { code: "PD1544", vars: { file: o.fields.file ?? "?" } }
        : { code: "PD1545", vars: { error: (o.fields.error ?? "").replace(/^[:\s]+/, "").slice(0, 200) } },
    "grpc-unexpected-http-status": (o) => {
      const status = o.fields.status ?? o.fields.jsStatus;
      const contentType = o.fields.contentType ?? o.fields.loneContentType ?? "no content-type";
      if (!status) return { code: "PD1558", vars: { producer: "proxy", contentType } };
      return { code: "PD1531", vars: { producer: "proxy", status: Number(status), contentType } };
    },
  },
});
