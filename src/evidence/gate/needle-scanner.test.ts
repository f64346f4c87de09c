import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { NeedleScanner } from "./needle-scanner.ts";

const hitsOf = (scanner: NeedleScanner, text: string): number[] => {
  const hits = new Uint8Array(scanner.groups);
  scanner.scan(text, hits);
  return [...hits];
};

/** What the scanner must find, the slow way. */
const naive = (groups: readonly (readonly string[])[], text: string): number[] => {
  const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^\x00-\x7f]/g, "\u0080");
  return groups.map((needles) =>
    needles.some((needle) => folded.includes(needle.replace(/[^\x00-\x7f]/g, "\u0080"))) ? 1 : 0,
  );
};

describe("needle scanner", () => {
  test("finds every group whose needles occur, ASCII case ignored", () => {
    const scanner = new NeedleScanner([["timed out"], ["reset", "refused"], ["he"], []]);
    expect(hitsOf(scanner, "upstream Timed Out while reading")).toEqual([1, 0, 0, 0]);
    expect(hitsOf(scanner, "connection refused; the peer reset")).toEqual([0, 1, 1, 0]);
    expect(hitsOf(scanner, "")).toEqual([0, 0, 0, 0]);
  });

  test("overlapping needles and needles inside others are all found", () => {
    const scanner = new NeedleScanner([["abcd"], ["bc"], ["cde"], ["abcx"]]);
    expect(hitsOf(scanner, "xabcdex")).toEqual([1, 1, 1, 0]);
  });

  test("characters outside ASCII count as one character", () => {
    const scanner = new NeedleScanner([["1µs"], ["ü"]]);
    expect(hitsOf(scanner, "took 1µs")).toEqual([1, 1]);
    expect(hitsOf(scanner, "took 1ns")).toEqual([0, 0]);
  });

  const alphabet = fc.constantFrom(..."abcABC xyé.");
  const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 });
  test.prop([
    fc.array(fc.array(word, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.string({ unit: alphabet, maxLength: 60 }), { maxLength: 20 }),
  ])("finds exactly what a search for each needle finds", (groups, texts) => {
    const lowered = groups.map((needles) => needles.map((needle) => needle.replace(/[A-Z]/g, (c) => c.toLowerCase())));
    const scanner = new NeedleScanner(lowered);
    for (const text of texts) expect(hitsOf(scanner, text)).toEqual(naive(lowered, text));
  });
});
