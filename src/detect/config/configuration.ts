import { CONFIG_FINDINGS } from "../../catalogue/codes/config.ts";
import { lintTexts } from "../../config/lint.ts";
import type { FindingCode } from "../../model/finding.ts";
import { defineDetector } from "../define.ts";

/** Runs the configuration analyzers of `proxydoc lint` over every configuration document given. */
export const configurationChecks = defineDetector({
  id: "config.analyzers",
  description:
    "Kubernetes, Istio, Kong, Envoy admin and nginx configuration checks over the configuration files in the evidence",
  inputs: ["config.document"],
  emits: CONFIG_FINDINGS.map((def) => def.code as FindingCode),
  all(documents, emit) {
    const run = lintTexts(documents.map((d) => ({ source: d.ref.source, text: d.text })));
    for (const finding of run.findings) emit(finding);
  },
});
