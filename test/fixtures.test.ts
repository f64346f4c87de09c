import { describe, expect, test } from "vitest";
import { caseInputs, codesIn, fixtureCases, runCli } from "./fixture-grid.ts";

const cases = fixtureCases();

describe("fixture grid", () => {
  test("has cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const argv = [c.expect.command, ...caseInputs(c), ...(c.expect.args ?? []), "--format", "json"];
    const run = await runCli(argv);
    expect(run.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(run.stdout) as { causes?: { id: string }[]; needMoreEvidence?: boolean };
    const codes = codesIn(report);
    for (const code of c.expect.codes ?? []) expect([...codes], `expected ${code}`).toContain(code);
    for (const code of c.expect.absent ?? []) expect([...codes], `expected no ${code}`).not.toContain(code);
    if (c.expect.topCause) expect(report.causes?.[0]?.id).toBe(c.expect.topCause);
    for (const cause of c.expect.causes ?? []) expect(report.causes?.map((x) => x.id)).toContain(cause);
    if (c.expect.exitCode !== undefined) expect(run.code).toBe(c.expect.exitCode);
    if (c.expect.needMoreEvidence !== undefined) expect(report.needMoreEvidence).toBe(c.expect.needMoreEvidence);
  });
});
