import { defineDetector } from "../define.ts";

export const protocolMismatch = defineDetector({
  id: "capture.protocol-mismatch",
  description: "The two ends of a connection speaking different HTTP versions",
  inputs: ["capture.protocol-mismatch"],
  emits: ["PD4501", "PD4502"],
  each(o, emit) {
    emit({
      code: o.kind === "prior-knowledge-refused" ? "PD4501" : "PD4502",
      subject: o.server,
      vars: {
        connection: o.connection,
        server: o.server,
        statusText: o.status !== undefined ? ` (status ${o.status})` : "",
        upstream: o.server,
      },
      evidence: [o.ref],
    });
  },
});
