import { defineFindings } from "../define.ts";

export const GENERAL_FINDINGS = defineFindings([
  {
    code: "PD1901",
    name: "UnrecognisedEvidence",
    severity: "info",
    summary: "None of the {lines} lines of {subject} matched a known format",
    detail:
      "proxydoc read the input but no reader recognised any line of it, so it contributes nothing to the diagnosis. Check that it is the log or output you meant to send (for Envoy, the istio-proxy container; for Kong, the proxy container), or open an issue with a sample so a reader can be added.",
    reference: "proxydoc evidence readers",
    causes: [],
  },
  {
    code: "PD1902",
    name: "UnreadableEvidence",
    severity: "warning",
    summary: "{subject} could not be read: {error}",
    detail: "The input could not be opened or decoded, so nothing from it was used.",
    reference: "proxydoc evidence readers",
    causes: [],
  },
]);
