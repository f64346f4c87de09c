import type { FindingCode } from "../../model/finding.ts";
import { defineDetector } from "../define.ts";
import { compactVars, correlationVars } from "./vars.ts";

/** The `istioctl analyze` messages that bear on traffic failures, by the finding they become. */
const ANALYZE_CODES: Readonly<Record<string, FindingCode>> = {
  IST0101: "PD1734",
  IST0174: "PD1734",
  IST0173: "PD1735",
  IST0145: "PD1736",
  IST0102: "PD1737",
  IST0103: "PD1737",
  IST0118: "PD1738",
};

export const istioctlAnalyze = defineDetector({
  id: "mesh.istioctl-analyze",
  description: "istioctl analyze messages about references, subsets, gateways, injection and port protocols",
  inputs: ["mesh.signal"],
  emits: ["PD1734", "PD1735", "PD1736", "PD1737", "PD1738"],
  each(signal, emit) {
    if (signal.signal !== "istioctl-analyze") return;
    const istCode = signal.details.code ?? "";
    const code = ANALYZE_CODES[istCode];
    if (!code) return;
    emit({
      code,
      subject: signal.details.resource ?? "a resource",
      vars: compactVars({
        istCode,
        kind: signal.details.kind,
        message: signal.details.message,
        level: signal.details.level,
        ...correlationVars(signal),
      }),
      evidence: [signal.ref],
    });
  },
});
