import { basename } from "node:path";
import { defineDetector } from "../define.ts";
import { binaryFinding, factsOf } from "./facts.ts";

/** Reports what the executable says about its build, and when the version was forced at link time. */
export const goBuildInfo = defineDetector({
  id: "binary.go-build-info",
  description: "Go version and module versions embedded in an executable",
  inputs: ["binary.go-build"],
  emits: ["PD6001", "PD6011"],
  each(observation, emit) {
    const facts = factsOf(observation);
    emit(binaryFinding(observation, facts, "PD6001", { versionSource: observation.versionSource ?? "none" }));
    if (observation.versionOverridden) emit(binaryFinding(observation, facts, "PD6011"));
  },
});

export const foreignExecutable = defineDetector({
  id: "binary.foreign-executable",
  description: "Executables without Go build information",
  inputs: ["binary.executable"],
  emits: ["PD6010"],
  each(observation, emit) {
    emit({
      code: "PD6010",
      subject: basename(observation.ref.source),
      vars: {
        format: observation.format.toUpperCase(),
        reason: observation.reason === "not-go" ? "none found" : "damaged",
      },
      evidence: [observation.ref],
    });
  },
});
