import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "./fixture-grid.ts";

/**
 * Incidents written from public reports that the readers and weights were not tuned on. The
 * bar of the diagnose issue: the right cause first most of the time, in the top three almost
 * always, and a request for more evidence when the evidence is thin.
 */
const ROOT = new URL("./incidents/", import.meta.url).pathname;
const cases = readdirSync(ROOT).sort();

interface Expect {
  cause?: string;
  thin?: boolean;
  /** A case still missed, and why: counted in the rates, not held to the top three on its own. */
  open?: string;
}

interface Report {
  causes: { id: string; confidence: number }[];
  needMoreEvidence: boolean;
  next: unknown[];
}

function expectationOf(name: string): Expect {
  return JSON.parse(readFileSync(join(ROOT, name, "expect.json"), "utf8")) as Expect;
}

async function diagnoseCase(name: string): Promise<{ expectation: Expect; report: Report }> {
  const expectation = expectationOf(name);
  const files = readdirSync(join(ROOT, name))
    .filter((f) => f !== "expect.json")
    .map((f) => join(ROOT, name, f));
  const run = await runCli(["diagnose", ...files, "--format", "json"]);
  if (!run.stdout.trim()) throw new Error(`diagnose printed nothing (exit ${run.code}): ${run.stderr}`);
  return { expectation, report: JSON.parse(run.stdout) as Report };
}

describe("unseen incidents", () => {
  test("the right cause is first in at least 80 % and in the top three in at least 95 %", async () => {
    let first = 0;
    let top3 = 0;
    let total = 0;
    const misses: string[] = [];
    for (const name of cases) {
      const { expectation, report } = await diagnoseCase(name);
      if (!expectation.cause) continue;
      total++;
      const ids = report.causes.map((c) => c.id);
      if (ids[0] === expectation.cause) first++;
      else misses.push(`${name}: expected ${expectation.cause}, got ${ids.slice(0, 3).join(", ") || "nothing"}`);
      if (ids.slice(0, 3).includes(expectation.cause)) top3++;
    }
    console.log(
      `unseen incidents: ${first}/${total} right cause first, ${top3}/${total} in the top three${misses.length ? `\n${misses.join("\n")}` : ""}`,
    );
    expect(total).toBeGreaterThanOrEqual(12);
    expect(first / total, misses.join("\n")).toBeGreaterThanOrEqual(0.8);
    expect(top3 / total, misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });

  const held = cases.filter((name) => !expectationOf(name).open);

  test("every open case says why it is still missed", () => {
    const open = cases.filter((name) => expectationOf(name).open !== undefined);
    for (const name of open) expect(expectationOf(name).open?.length ?? 0, name).toBeGreaterThan(20);
    expect(open.length).toBeLessThan(cases.length / 10);
  });

  test.each(held)("%s", async (name) => {
    const { expectation, report } = await diagnoseCase(name);
    if (expectation.thin) {
      expect(report.needMoreEvidence).toBe(true);
      expect(report.next.length).toBeGreaterThan(0);
    } else {
      expect(report.causes.slice(0, 3).map((c) => c.id)).toContain(expectation.cause);
    }
  });
});
