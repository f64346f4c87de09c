import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { Io } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";

/**
 * A fixture case is a folder under test/fixtures/<area>/<case>/ with its inputs and an
 * expect.json: `{ "command": "diagnose", "args": [], "inputs": ["a.log"], "codes": [...],
 * "absent": [...], "topCause": "…" }`. `absent` lists the codes the case is a near miss for.
 */
export interface FixtureExpectation {
  readonly command: string;
  readonly args?: readonly string[];
  readonly inputs?: readonly string[];
  readonly codes?: readonly string[];
  readonly absent?: readonly string[];
  readonly topCause?: string;
  readonly causes?: readonly string[];
  readonly exitCode?: number;
}

export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  readonly expect: FixtureExpectation;
}

export const FIXTURE_ROOT = new URL("./fixtures/", import.meta.url).pathname;

export function fixtureCases(root = FIXTURE_ROOT): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const walk = (dir: string, name: string): void => {
    const expectPath = join(dir, "expect.json");
    if (existsSync(expectPath)) {
      cases.push({ name, dir, expect: JSON.parse(readFileSync(expectPath, "utf8")) as FixtureExpectation });
      return;
    }
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path, name ? `${name}/${entry}` : entry);
    }
  };
  if (existsSync(root)) walk(root, "");
  return cases;
}

export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: readonly string[], stdinText = ""): Promise<CapturedRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: () => {
      const stream = new PassThrough();
      stream.end(stdinText);
      return stream;
    },
    env: { NO_COLOR: "1" },
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function caseInputs(c: FixtureCase): string[] {
  if (c.expect.inputs) return c.expect.inputs.map((input) => join(c.dir, input));
  return readdirSync(c.dir)
    .filter((entry) => entry !== "expect.json" && !entry.startsWith("."))
    .sort()
    .map((entry) => join(c.dir, entry));
}

/** Every finding code anywhere in a JSON report. */
export function codesIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) codesIn(item, into);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if ((key === "code" || key === "ruleId") && typeof item === "string" && /^PD\d{4}$/.test(item)) into.add(item);
      else codesIn(item, into);
    }
  }
  return into;
}
