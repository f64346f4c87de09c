import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Readable } from "node:stream";
import type { LintInput } from "./lint.ts";

/** Inputs larger than this are refused rather than read into memory. */
export const MAX_INPUT_BYTES = 256 << 20;
const MAX_FILES = 20_000;
const LINTABLE = new Set([".yaml", ".yml", ".json", ".conf", ".txt", ""]);

export class LintInputError extends Error {
  override readonly name = "LintInputError";
}

/** Reads files, folders (YAML, JSON, nginx .conf, Envoy admin dumps) and `-` for standard input. */
export async function readLintInputs(args: readonly string[], stdin: () => Readable): Promise<LintInput[]> {
  const inputs: LintInput[] = [];
  for (const arg of args) {
    if (arg === "-") {
      inputs.push({ source: "-", text: await readStream(stdin()) });
      continue;
    }
    const info = await stat(arg).catch(() => {
      throw new LintInputError(`Cannot read ${arg}: no such file or folder`);
    });
    const files = info.isDirectory() ? await listLintable(arg) : [arg];
    for (const file of files) inputs.push({ source: file, text: await readText(file) });
  }
  return inputs;
}

async function readText(path: string): Promise<string> {
  const info = await stat(path);
  if (info.size > MAX_INPUT_BYTES)
    throw new LintInputError(`Cannot read ${path}: larger than ${MAX_INPUT_BYTES >> 20} MiB`);
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new LintInputError(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new LintInputError(`Standard input is larger than ${MAX_INPUT_BYTES >> 20} MiB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function listLintable(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || found.length >= MAX_FILES) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && LINTABLE.has(extname(entry.name).toLowerCase()) && entry.name !== "expect.json")
        found.push(path);
    }
  };
  await walk(dir);
  return found;
}
