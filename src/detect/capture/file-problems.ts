import type { FindingCode } from "../../model/finding.ts";
import type { CaptureFileProblem } from "../../model/observations/capture.ts";
import { defineDetector } from "../define.ts";

const CODE_OF_PROBLEM: Readonly<Record<CaptureFileProblem["problem"], FindingCode>> = {
  "truncated-file": "PD4101",
  "corrupt-block": "PD4102",
  "not-a-capture": "PD4102",
  "snaplen-cut": "PD4103",
  "unsupported-link": "PD4104",
  "missing-segments": "PD4105",
  "fragments-dropped": "PD4106",
};

export const captureFileProblems = defineDetector({
  id: "capture.file-problems",
  description: "Parts of a capture that were skipped: a cut or corrupt file, snaplen, unknown links, gaps, fragments",
  inputs: ["capture.file-problem"],
  emits: ["PD4101", "PD4102", "PD4103", "PD4104", "PD4105", "PD4106"],
  each(o, emit) {
    emit({
      code: CODE_OF_PROBLEM[o.problem],
      subject: o.ref.source,
      vars: { detail: o.detail, count: o.count, bytes: o.bytes },
      evidence: [o.ref],
    });
  },
});
