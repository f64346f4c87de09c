import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runCli } from "./fixture-grid.ts";

const ROOT = new URL("../", import.meta.url).pathname;

const EXAMPLES = new URL("../examples/", import.meta.url).pathname;

const CASES: readonly [folder: string, firstCause: string][] = [
  ["kong-blank-page", "proxy.temp-storage-failure"],
  ["kubectl-connection-lost", "network.path-loss"],
  ["istio-502-chunked", "upstream.malformed-header"],
  ["go-no-cached-connection", "client.go-h2-pool-bug"],
  ["istio-time-header", "upstream.malformed-header"],
];

interface Report {
  inputs: { source: string; unknown: number; lines: number }[];
  causes: { id: string; confidence: number; fix: string; supportedBy: { evidence: { source: string }[] }[] }[];
}

describe("founding examples", () => {
  test.each(CASES)("%s names %s first, with its fix and evidence", async (folder, firstCause) => {
    const run = await runCli(["diagnose", `${EXAMPLES}${folder}/`, "--format", "json"]);
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(1);
    expect(report.causes[0]?.id).toBe(firstCause);
    expect(report.causes[0]?.fix.length).toBeGreaterThan(20);
    expect(report.causes[0]?.supportedBy.length).toBeGreaterThan(0);
    const evidenceFiles = new Set(report.causes[0]?.supportedBy.flatMap((f) => f.evidence.map((e) => e.source)));
    expect(evidenceFiles.size).toBeGreaterThan(0);
  });

  test("the README's example prints a readable report", async () => {
    const run = await runCli(["diagnose", `${EXAMPLES}kong-blank-page/`]);
    expect(run.stdout).toMatch(/1\. .*proxy\.temp-storage-failure/);
    expect(run.stdout).toMatch(/fix:/);
    expect(run.stdout).toMatch(/kong-proxy\.log:\d+/);
  });

  test("the installed command (bin/proxydoc.js on the bundled build) prints the same report", async () => {
    expect(existsSync(`${ROOT}dist/bundle/main.js`), "dist/bundle is missing: run npm run build").toBe(true);
    const args = ["diagnose", "examples/kong-blank-page/", "--format", "json"];
    let stdout = "";
    try {
      execFileSync(process.execPath, ["bin/proxydoc.js", ...args], { cwd: ROOT, encoding: "utf8" });
    } catch (error) {
      stdout = (error as { stdout: string; status: number }).stdout;
      expect((error as { status: number }).status).toBe(1);
    }
    const inProcess = await runCli(args.map((a) => (a.startsWith("examples/") ? `${ROOT}${a}` : a)));
    const shape = (text: string) => (JSON.parse(text) as Report).causes.map((c) => [c.id, c.confidence]);
    expect(shape(stdout)).toEqual(shape(inProcess.stdout));
  });
});
