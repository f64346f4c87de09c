import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fc, test as prop } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Line } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";
import { LINE_READERS } from "../registry.ts";
import { needlesOf } from "./reader-gate.ts";

const CORPUS = ["test/fixtures", "test/incidents", "examples"];
const MAX_FILE = 2 << 20;

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) return filesBelow(path);
    return name === "expect.json" || !info.isFile() || info.size > MAX_FILE ? [] : [path];
  });
}

const CORPUS_LINES: readonly string[] = CORPUS.flatMap(filesBelow).flatMap((file) => {
  const bytes = readFileSync(file);
  return bytes.includes(0) ? [] : bytes.toString("utf8").split(/\r?\n/);
});

const asLine = (text: string, n: number): Line => ({ text, line: n, byte: 0, length: text.length, truncated: false });

/**
 * Offers every line to one reader of the format and returns the lines it took while it was
 * neither in a block nor continuing the line before, and that hold none of its needles: the lines
 * the gate would have kept from it.
 */
function missedByGate(factory: LineReaderFactory, lines: readonly string[]): string[] {
  const needles = needlesOf(factory);
  if (!needles) return [];
  const reader = factory.create({ source: "gate", emit() {} });
  const missed: string[] = [];
  let tookLast = false;
  lines.forEach((text, i) => {
    const open = tookLast || reader.inBlock?.() === true;
    let took = false;
    try {
      took = reader.accept(asLine(text, i + 1));
    } catch {
      took = false;
    }
    if (took && !open) {
      const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^\x00-\x7f]/g, "\u0080");
      const hit = needles.some((needle) => folded.includes(needle.replace(/[^\x00-\x7f]/g, "\u0080")));
      if (!hit) missed.push(text);
    }
    tookLast = took;
  });
  try {
    reader.end();
  } catch {
    // The readers' own tests see to their ends.
  }
  return missed;
}

const GATED = LINE_READERS.filter((factory) => needlesOf(factory) !== undefined);

describe("reader needles", () => {
  it("holds lines from the fixtures, incidents and examples", () => {
    expect(CORPUS_LINES.length).toBeGreaterThan(20_000);
  });

  it("gates every reader: a declared pattern without fixed text would leave its reader offered every line", () => {
    const ungated = LINE_READERS.filter((factory) => needlesOf(factory) === undefined).map((f) => f.format);
    expect(ungated).toEqual([]);
  });

  for (const factory of GATED) {
    it(`${factory.format}: every corpus line it takes holds one of its needles`, () => {
      expect(missedByGate(factory, CORPUS_LINES).slice(0, 5)).toEqual([]);
    });
  }

  const corpusLine = fc.integer({ min: 0, max: CORPUS_LINES.length - 1 }).map((i) => CORPUS_LINES[i] ?? "");
  const mutated = fc
    .tuple(corpusLine, fc.integer({ min: 0, max: 400 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 8 }))
    .map(([text, at, insert, cut]) => text.slice(0, at) + insert + text.slice(at + cut));

  prop.prop([fc.array(fc.oneof(corpusLine, mutated), { minLength: 1, maxLength: 40 })], { numRuns: 300 })(
    "every mutated line a gated reader takes holds one of its needles",
    (lines) => {
      for (const factory of GATED) expect(missedByGate(factory, lines)).toEqual([]);
    },
  );
});
