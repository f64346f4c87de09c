import { describe, expect, test } from "vitest";
import type { GoBuildObservation } from "../../model/observations/binary.ts";
import { atLeast, clientGoChecksHealth, clientGoRelease, goRelease, moduleDate } from "./versions.ts";

function build(deps: GoBuildObservation["deps"], ldflags = ""): GoBuildObservation {
  return {
    type: "binary.go-build",
    ref: { source: "bin" },
    format: "elf",
    deps,
    settings: ldflags ? { "-ldflags": ldflags } : {},
    versionOverridden: false,
    http2Copies: [],
  };
}

describe("versions", () => {
  test("Go releases", () => {
    expect(goRelease("go1.13.15")).toEqual({ minor: 13, patch: 15 });
    expect(goRelease("go1.21rc2")).toEqual({ minor: 21, patch: 0 });
    expect(goRelease("devel go1.22-abc")).toBeUndefined();
    expect(atLeast({ minor: 13, patch: 0 }, 13)).toBe(true);
    expect(atLeast({ minor: 12, patch: 17 }, 13)).toBe(false);
  });

  test("module dates from pseudo-versions, and x/net tags", () => {
    expect(moduleDate({ path: "golang.org/x/net", version: "v0.0.0-20180110204900-ab555f366c4b" })).toBe("20180110");
    expect(moduleDate({ path: "golang.org/x/net", version: "v0.0.0-20171023152530-a04bdaca5b32" })).toBe("20171023");
    expect(moduleDate({ path: "golang.org/x/net", version: "v0.17.0" })).toBe("20221001");
    expect(moduleDate({ path: "example.com/m", version: "v1.2.3" })).toBeUndefined();
    expect(
      moduleDate({
        path: "golang.org/x/net",
        version: "v0.0.0",
        replacedBy: { path: "golang.org/x/net", version: "v0.0.0-20200324143707-d3edc9973b7e" },
      }),
    ).toBe("20200324");
  });

  test("client-go releases: v0.N, the old majors, and the stamped git version", () => {
    expect(clientGoRelease(build([{ path: "k8s.io/client-go", version: "v0.19.4" }]))).toEqual({ minor: 19, patch: 4 });
    expect(clientGoRelease(build([{ path: "k8s.io/client-go", version: "v8.0.0+incompatible" }]))).toEqual({
      minor: 11,
      patch: 0,
    });
    const staged = build(
      [
        {
          path: "k8s.io/client-go",
          version: "v0.0.0",
          replacedBy: { path: "./staging/src/k8s.io/client-go", version: "" },
        },
      ],
      "-X k8s.io/component-base/version.gitVersion=v1.20.2",
    );
    expect(clientGoRelease(staged)).toEqual({ minor: 20, patch: 2 });
    expect(clientGoRelease(build([]))).toBeUndefined();
  });

  test("the health check default arrived in 1.20 and the 1.19.5 / 1.18.18 patches", () => {
    expect(clientGoChecksHealth({ minor: 19, patch: 4 })).toBe(false);
    expect(clientGoChecksHealth({ minor: 19, patch: 5 })).toBe(true);
    expect(clientGoChecksHealth({ minor: 18, patch: 17 })).toBe(false);
    expect(clientGoChecksHealth({ minor: 18, patch: 18 })).toBe(true);
    expect(clientGoChecksHealth({ minor: 17, patch: 99 })).toBe(false);
    expect(clientGoChecksHealth({ minor: 25, patch: 0 })).toBe(true);
  });
});
