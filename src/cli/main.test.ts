import { describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";

describe("command line", () => {
  test("no arguments prints help and exits 2", async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/diagnose/);
  });

  test("an unknown command is a usage error", async () => {
    const run = await runCli(["frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command/);
  });

  test("a missing file is a usage error with a clear message", async () => {
    const run = await runCli(["diagnose", "no/such/file.log"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Cannot read no\/such\/file.log: no such file/);
  });

  test("explain prints a cause in full", async () => {
    const run = await runCli(["explain", "proxy.temp-storage-failure"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/proxy_temp/);
    expect(run.stdout).toMatch(/How to verify/);
  });

  test("explain of an unknown code exits 2", async () => {
    const run = await runCli(["explain", "PD0000"]);
    expect(run.code).toBe(2);
  });

  test("explain --list --format json lists causes and codes", async () => {
    const run = await runCli(["explain", "--list", "--format", "json"]);
    const doc = JSON.parse(run.stdout);
    expect(doc.schema).toBe("proxydoc.explain/v1");
    expect(doc.causes.length).toBeGreaterThanOrEqual(19);
  });

  test("diagnose reads standard input with -", async () => {
    const run = await runCli(["diagnose", "-", "--format", "json"], "nothing known here\n");
    const doc = JSON.parse(run.stdout);
    expect(doc.schema).toBe("proxydoc.diagnose/v1");
    expect(doc.inputs[0]).toMatchObject({ source: "-", lines: 1, unknown: 1 });
  });
});
