import { describe, expect, test } from "vitest";
import type { GoBuildObservation, Http2Copy } from "../../model/observations/binary.ts";
import { runDetectors } from "../run.ts";
import { BINARY_DETECTORS } from "./index.ts";

const XNET_CLIENT: Http2Copy = {
  path: "golang.org/x/net/http2",
  vendored: false,
  client: true,
  noCachedMarker: false,
  healthCheck: false,
};

function binary(overrides: Partial<GoBuildObservation>): GoBuildObservation {
  return {
    type: "binary.go-build",
    ref: { source: "/usr/local/bin/kube-controller-manager" },
    format: "elf",
    goVersion: "go1.19.8",
    deps: [],
    settings: {},
    versionOverridden: false,
    http2Copies: [],
    ...overrides,
  };
}

function codes(observation: GoBuildObservation): string[] {
  return runDetectors(BINARY_DETECTORS, [observation])
    .findings.map((f) => f.code)
    .sort();
}

describe("binary detectors", () => {
  test("Go 1.13 with a vendored x/net copy lacking the marker method", () => {
    const vendored = { ...XNET_CLIENT, path: "k8s.io/kubernetes/vendor/golang.org/x/net/http2", vendored: true };
    expect(codes(binary({ goVersion: "go1.13.15", http2Copies: [vendored] }))).toEqual([
      "PD6001",
      "PD6002",
      "PD6003",
      "PD6008",
    ]);
  });

  test("Go 1.12 with the same copy: no mismatch, but still no health check", () => {
    const vendored = { ...XNET_CLIENT, path: "k8s.io/kubernetes/vendor/golang.org/x/net/http2", vendored: true };
    expect(codes(binary({ goVersion: "go1.12.17", http2Copies: [vendored] }))).toEqual(["PD6001", "PD6003", "PD6008"]);
  });

  test("the module version wins over the markers for a module build", () => {
    const deps = [{ path: "golang.org/x/net", version: "v0.0.0-20210405180319-a5a99cb37ef4" }];
    expect(codes(binary({ goVersion: "go1.16.3", deps, http2Copies: [XNET_CLIENT] }))).toEqual(["PD6001", "PD6006"]);
  });

  test("an x/net linked only for its server or framer is not judged as a client", () => {
    const server = { ...XNET_CLIENT, client: false };
    const deps = [{ path: "golang.org/x/net", version: "v0.0.0-20170101000000-aaaaaaaaaaaa" }];
    expect(codes(binary({ goVersion: "go1.13.15", deps, http2Copies: [server] }))).toEqual(["PD6001"]);
  });

  test("without module versions, apimachinery's transport defaults tell whether client-go pings", () => {
    expect(codes(binary({ kubeTransportDefaults: { healthCheck: false } }))).toEqual(["PD6001", "PD6004"]);
    expect(codes(binary({ kubeTransportDefaults: { healthCheck: true } }))).toEqual(["PD6001", "PD6005"]);
  });

  test("the finding names the binary for the next-step command", () => {
    const { findings } = runDetectors(BINARY_DETECTORS, [binary({ goVersion: "go1.7.6" })]);
    expect(findings.find((f) => f.code === "PD6009")?.vars.binary).toBe("kube-controller-manager");
  });
});
