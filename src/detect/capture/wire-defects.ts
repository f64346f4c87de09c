import { HTTP1_FINDINGS } from "../../catalogue/codes/http1.ts";
import { HTTP2_FINDINGS } from "../../catalogue/codes/http2.ts";
import { defineDetector } from "../define.ts";

/** Wire defects found in a capture's messages, reported with their packet numbers. */
export const captureWireDefects = defineDetector({
  id: "capture.wire-defects",
  description: "HTTP/1 and HTTP/2 defects (PD2xxx, PD3xxx) in the messages of a capture",
  inputs: ["capture.wire-defect"],
  emits: [...HTTP1_FINDINGS, ...HTTP2_FINDINGS].map((def) => def.code),
  each(o, emit) {
    emit({ code: o.code, subject: o.subject, vars: o.vars, evidence: [o.ref] });
  },
});
