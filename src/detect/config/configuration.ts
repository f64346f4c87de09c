import { CONFIG_FINDINGS } from "../../catalogue/codes/config.ts";
import { lintResources, sortFindings } from "../../config/lint.ts";
import type { FindingCode } from "../../model/finding.ts";
import { defineDetector } from "../define.ts";
import { loadedDocuments } from "./documents.ts";

/** Runs the configuration analyzers of `proxydoc lint` over every configuration document given. */
export const configurationChecks = defineDetector({
  id: "config.analyzers",
  description:
    "Kubernetes, Istio, Kong, Envoy admin and nginx configuration checks over the configuration files in the evidence",
  inputs: ["config.document"],
  emits: CONFIG_FINDINGS.map((def) => def.code as FindingCode),
  all(documents, emit) {
    const loaded = loadedDocuments(documents);
    const run = lintResources(loaded.resources);
    for (const finding of sortFindings([...loaded.findings, ...run.findings])) emit(finding);
  },
});
