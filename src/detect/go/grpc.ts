import type { GoSignatureObservation } from "../../model/observations/go.ts";
import { signatureDetector } from "./signature-detector.ts";

const GRPC_JS_RST_CODES: Readonly<Record<string, string>> = { "0": "NO_ERROR", "2": "INTERNAL_ERROR", "8": "CANCEL" };

/** Envoy's reset reasons, as printed in its local reply, sorted by what they blame. */
function proxyReset(observation: GoSignatureObservation) {
  const reason = (observation.fields.reason ?? "").trim();
  const transport = observation.fields.transport ?? "";
  const vars = { producer: "envoy", status: 503, reason, transport };
  if (/TLS|SSL|CERTIFICATE|WRONG_VERSION_NUMBER|handshake/i.test(transport)) return { code: "PD1535" as const, vars };
  if (/protocol error/i.test(reason)) return { code: "PD1534" as const, vars };
  if (/connect|connection failure|connection timeout|overflow/i.test(reason) && !/termination/i.test(reason)) {
    return { code: "PD1532" as const, vars };
  }
  if (/termination|reset/i.test(reason)) return { code: "PD1533" as const, vars };
  return undefined;
}

function rstStream(observation: GoSignatureObservation) {
  const numeric = observation.fields.jsCode;
  const rstCode = observation.fields.goCode ?? (numeric ? (GRPC_JS_RST_CODES[numeric] ?? numeric) : "?");
  return { code: "PD1528" as const, vars: { rstCode } };
}

export const grpcClientErrors = signatureDetector({
  id: "go.grpc",
  description: "gRPC client errors (grpc-go, grpc-js): closed transports, resets, keepalive, proxy replies",
  emits: ["PD1527", "PD1528", "PD1529", "PD1530", "PD1531", "PD1532", "PD1533", "PD1534", "PD1535"],
  rules: {
    "grpc-transport-closing": () => ({ code: "PD1527" }),
    "grpc-rst-stream": rstStream,
    "grpc-keepalive-failed": () => ({ code: "PD1529" }),
    "grpc-too-many-pings": () => ({ code: "PD1530" }),
    "grpc-unexpected-http-status": (o) => {
      const status = Number(o.fields.status ?? o.fields.jsStatus);
      return {
        code: "PD1531",
        vars: { producer: "proxy", status, contentType: o.fields.contentType ?? "no content-type" },
      };
    },
    "grpc-proxy-reset": proxyReset,
  },
});
