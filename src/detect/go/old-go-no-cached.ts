import { defineDetector } from "../define.ts";
import { signatureFinding } from "./signature-detector.ts";

/**
 * `no cached connection` wrapped in an unquoted URL: the client was built with Go before 1.14,
 * the era of the bundled-versus-vendored HTTP/2 error mismatch.
 */
export const oldGoNoCachedConnection = defineDetector({
  id: "go.old-go-no-cached-connection",
  description: "no-cached-connection errors printed by Go releases before 1.14",
  inputs: ["go.signature"],
  emits: ["PD1526"],
  each(observation, emit) {
    if (observation.signature !== "h2-no-cached-connection" || observation.era !== "before-go1.14") return;
    emit(signatureFinding(observation, "PD1526"));
  },
});
