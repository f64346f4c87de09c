import { HTTP1_FINDINGS } from "../../catalogue/codes/http1.ts";
import { defineDetector } from "../define.ts";

/** HTTP/1 wire defects found in a capture's messages, reported with their packet numbers. */
export const captureWireDefects = defineDetector({
  id: "capture.wire-defects",
  description: "HTTP/1 defects (PD2xxx) in the message heads of a capture",
  inputs: ["capture.wire-defect"],
  emits: HTTP1_FINDINGS.map((def) => def.code),
  each(o, emit) {
    emit({ code: o.code, subject: o.subject, vars: o.vars, evidence: [o.ref] });
  },
});
