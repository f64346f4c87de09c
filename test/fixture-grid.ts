import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
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
  /** diagnose only: whether the report must say the evidence is too thin to decide. */
  readonly needMoreEvidence?: boolean;
  /** A program to build first; the executable is passed as one more input. */
  readonly build?: GoBuild;
}

/**
 * A Go program built with the local toolchain. `go` is the program's folder (relative to the case);
 * `require` and `replace` (module path → version, or → folder relative to the case) are set with
 * `go mod edit` on a copy; with `gopath`, `go` is a GOPATH root and that package is built with
 * GO111MODULE=off.
 */
export interface GoBuild {
  readonly go: string;
  readonly require?: Readonly<Record<string, string>>;
  readonly replace?: Readonly<Record<string, string>>;
  readonly ldflags?: string;
  readonly gopath?: string;
  /** The executable's name. */
  readonly name?: string;
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

/** An Io whose output is kept in memory, for running commands in-process in tests. */
export function capturedIo(
  stdin: string | Buffer = "",
  env: Readonly<Record<string, string | undefined>> = {},
): { io: Io; stdout: () => string; stderr: () => string } {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: () => {
      const stream = new PassThrough();
      stream.end(stdin);
      return stream;
    },
    env: { NO_COLOR: "1", ...env },
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: readonly string[], stdinText = ""): Promise<CapturedRun> {
  const captured = capturedIo(stdinText);
  const code = await main(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

export function caseInputs(c: FixtureCase): string[] {
  const built = c.expect.build ? [buildGo(c.dir, c.expect.build)] : [];
  if (c.expect.inputs) return [...c.expect.inputs.map((input) => join(c.dir, input)), ...built];
  const files = readdirSync(c.dir)
    .filter((entry) => entry !== "expect.json" && !entry.startsWith("."))
    .sort()
    .map((entry) => join(c.dir, entry));
  return [...files, ...built];
}

const GO_BUILDS = join(tmpdir(), "proxydoc-fixture-go");
/** Flags of every build; part of the cache key. -trimpath is left out: it hides -ldflags from the build info. */
const GO_BUILD_FLAGS: readonly string[] = ["-buildvcs=false"];

/** Builds once per content: the output is kept under the temp folder, keyed by a hash of all inputs. */
export function buildGo(caseDir: string, build: GoBuild): string {
  const source = resolve(caseDir, build.go);
  const replace = Object.entries(build.replace ?? {}).map(([path, dir]) => [path, resolve(caseDir, dir)] as const);
  const key = createHash("sha256")
    .update(JSON.stringify({ build, toolchain: goVersion(), flags: GO_BUILD_FLAGS }))
    .update(treeDigest(source));
  for (const [, dir] of replace) key.update(treeDigest(dir));
  const out = join(GO_BUILDS, key.digest("hex").slice(0, 16));
  const binary = join(out, build.name ?? basename(build.gopath ?? source));
  if (existsSync(binary)) return binary;
  const work = join(out, "src");
  cpSync(source, work, { recursive: true, dereference: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOPROXY: "off",
    GOWORK: "off",
    GOFLAGS: "-mod=mod",
    GOTOOLCHAIN: "local",
  };
  let dir = work;
  if (build.gopath) {
    Object.assign(env, { GOPATH: work, GO111MODULE: "off", GOFLAGS: "" });
    dir = join(work, "src", build.gopath);
  } else {
    const edits = [
      ...Object.entries(build.require ?? {}).map(([path, version]) => `-require=${path}@${version}`),
      ...replace.map(([path, target]) => `-replace=${path}=${target}`),
    ];
    if (edits.length > 0) run("go", ["mod", "edit", ...edits], dir, env);
  }
  const args = ["build", ...GO_BUILD_FLAGS, "-o", `${binary}.tmp`];
  if (build.ldflags) args.push(`-ldflags=${build.ldflags}`);
  run("go", [...args, "."], dir, env);
  renameSync(`${binary}.tmp`, binary);
  return binary;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): void {
  mkdirSync(cwd, { recursive: true });
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed: ${result.error?.message ?? result.stderr}`);
  }
}

let toolchain: string | undefined;
function goVersion(): string {
  toolchain ??= spawnSync("go", ["version"], { encoding: "utf8" }).stdout ?? "";
  return toolchain;
}

function treeDigest(dir: string): string {
  const hash = createHash("sha256");
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path.slice(dir.length)).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest("hex");
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
