import { HTTP1_FINDINGS } from "../../catalogue/codes/http1.ts";
import type { FindingCode } from "../../model/finding.ts";
import { checkMessages } from "../../wire/http1/analyze.ts";
import { defineDetector } from "../define.ts";

/** Runs the HTTP/1 wire checks over every message recovered from raw bytes in the evidence. */
export const http1WireDefects = defineDetector({
  id: "wire.http1-defects",
  description: "HTTP/1 defects in raw bytes or hex dumps found in the evidence",
  inputs: ["wire.http1-stream"],
  emits: HTTP1_FINDINGS.map((def) => def.code as FindingCode),
  each(stream, emit) {
    for (const { defects } of checkMessages(stream.messages, stream.partial)) {
      for (const defect of defects) {
        emit({
          code: defect.code,
          subject: defect.subject,
          vars: { ...defect.vars, message: defect.message + 1, stream: stream.label },
          evidence: [{ ...stream.ref, path: `${stream.label}, byte ${defect.offset}` }],
        });
      }
    }
  },
});
