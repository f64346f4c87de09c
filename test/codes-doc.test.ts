import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { renderCodesDoc } from "../src/catalogue/codes-doc.ts";
import { allFindings } from "../src/catalogue/index.ts";

describe("docs/codes.md", () => {
  const written = readFileSync(new URL("../docs/codes.md", import.meta.url), "utf8");

  test("is what the catalogue renders (run `npm run docs` after changing codes)", () => {
    expect(written).toBe(renderCodesDoc());
  });

  test("has an anchor for every code, as the SARIF help links expect", () => {
    for (const def of allFindings()) expect(written).toContain(`### ${def.code}\n`);
  });
});
