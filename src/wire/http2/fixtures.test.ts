import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { buildCases, expectJson } from "../../../test/fixtures/http2/generate.ts";

const ROOT = new URL("../../../test/fixtures/http2/", import.meta.url).pathname;

describe("HTTP/2 fixture cases", () => {
  const cases = buildCases();

  test("the committed files are what the generator writes", () => {
    const dirs = readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(dirs.sort()).toEqual(cases.map((c) => c.name).sort());
    for (const c of cases) {
      expect(new Uint8Array(readFileSync(`${ROOT}${c.name}/input.bin`)), c.name).toEqual(c.bytes);
      expect(readFileSync(`${ROOT}${c.name}/expect.json`, "utf8"), c.name).toBe(expectJson(c));
    }
  });

  test("every PD30xx code has a producing case and a near miss", () => {
    const produced = new Set(cases.flatMap((c) => c.codes));
    const nearMissed = new Set(cases.filter((c) => c.codes.length === 0).flatMap((c) => c.absent));
    for (let n = 1; n <= 35; n++) {
      const code = `PD30${String(n).padStart(2, "0")}`;
      expect(produced.has(code), code).toBe(true);
      expect(nearMissed.has(code), code).toBe(true);
    }
  });
});
