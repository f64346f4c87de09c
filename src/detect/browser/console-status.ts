import type { FindingCode } from "../../model/finding.ts";
import { placeVars, subjectOf } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

const BY_STATUS: Readonly<Record<number, FindingCode>> = { 502: "PD1121", 503: "PD1122", 504: "PD1123" };

/** Gateway statuses a console line reports; a lead only, since the line cannot say which hop answered. */
export const browserConsoleStatusDetector = defineDetector({
  id: "browser.console-status",
  description: "502, 503 and 504 statuses reported by browser console lines, read as leads",
  inputs: ["browser.console-status"],
  emits: ["PD1121", "PD1122", "PD1123"],
  each(line, emit) {
    const code = BY_STATUS[line.status];
    if (!code) return;
    emit({
      code,
      subject: subjectOf(line.correlation, line.url ?? "a request"),
      vars: { ...placeVars(line.correlation), status: line.status },
      evidence: [line.ref],
    });
  },
});
