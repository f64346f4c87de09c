import { signatureDetector } from "./signature-detector.ts";

export const tcpAndTlsErrors = signatureDetector({
  id: "go.tcp-tls",
  description: "Go TCP and TLS errors: timeouts, resets, refusals, certificates, plaintext answers",
  emits: ["PD1516", "PD1517", "PD1518", "PD1519", "PD1520", "PD1521"],
  rules: {
    "io-timeout": (o) => ({ code: "PD1516", vars: { op: o.fields.op ?? "read" } }),
    "connection-reset": (o) => ({ code: "PD1517", vars: { op: o.fields.op ?? "read" } }),
    "connection-refused": () => ({ code: "PD1518" }),
    "tls-handshake-timeout": () => ({ code: "PD1519" }),
    x509: (o) => ({
      code: "PD1520",
      vars: {
        reason: o.fields.reason ?? `peer alert: ${o.fields.alert ?? "?"}`,
        rejectedBy: o.fields.alert ? "peer" : "client",
      },
    }),
    "http-response-to-https-client": () => ({ code: "PD1521" }),
  },
});
