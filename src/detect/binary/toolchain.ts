import { defineDetector } from "../define.ts";
import { binaryFinding, factsOf } from "./facts.ts";
import { atLeast } from "./versions.ts";

export const http2ConfigAvailable = defineDetector({
  id: "binary.http2-config",
  description: "Go releases whose net/http exposes HTTP/2 ping timeouts",
  inputs: ["binary.go-build"],
  emits: ["PD6007"],
  each(observation, emit) {
    const facts = factsOf(observation);
    if (facts.go && atLeast(facts.go, 24)) emit(binaryFinding(observation, facts, "PD6007"));
  },
});

export const vendoredHttp2Copy = defineDetector({
  id: "binary.vendored-http2",
  description: "A vendored golang.org/x/net/http2 linked beside net/http's own copy",
  inputs: ["binary.go-build"],
  emits: ["PD6008"],
  each(observation, emit) {
    const vendored = observation.http2Copies.find((copy) => copy.vendored);
    if (vendored) emit(binaryFinding(observation, factsOf(observation), "PD6008", { copy: vendored.path }));
  },
});
