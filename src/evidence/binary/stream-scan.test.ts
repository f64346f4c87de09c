import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { StreamScanner } from "./stream-scan.ts";

interface Seen {
  hits: [number, string][];
  ranges: [number, string, boolean][];
}

function scan(pieces: readonly string[], needle: string, ranges: readonly [number, number][] = []): Seen {
  const seen: Seen = { hits: [], ranges: [] };
  const scanner = new StreamScanner({ before: 4, maxNeedle: needle.length });
  scanner.addNeedle({
    bytes: Buffer.from(needle),
    onHit: ({ offset, before }) => seen.hits.push([offset, before.toString()]),
  });
  for (const [start, length] of ranges) {
    scanner.requestRange(start, length, (bytes, complete) => seen.ranges.push([start, bytes.toString(), complete]));
  }
  for (const piece of pieces) scanner.push(Buffer.from(piece));
  scanner.finish();
  return seen;
}

describe("StreamScanner", () => {
  test("reports a needle split across chunks once, with the bytes before it", () => {
    expect(scan(["abcdefNE", "EDLEgh"], "NEEDLE").hits).toEqual([[6, "cdef"]]);
  });

  test("finds overlapping hits", () => {
    expect(scan(["aaa", "a"], "aa").hits.map(([offset]) => offset)).toEqual([0, 1, 2]);
  });

  test("delivers a range that spans chunks, and cuts one that runs past the end", () => {
    expect(
      scan(["0123", "4567", "89"], "zz", [
        [2, 5],
        [8, 5],
      ]).ranges,
    ).toEqual([
      [2, "23456", true],
      [8, "89", false],
    ]);
  });

  test("a range asked for after its bytes went by comes back empty", () => {
    const scanner = new StreamScanner({ before: 2, maxNeedle: 2 });
    scanner.push(Buffer.from("0123456789"));
    const results: [string, boolean][] = [];
    scanner.requestRange(0, 3, (bytes, complete) => results.push([bytes.toString(), complete]));
    scanner.requestRange(7, 3, (bytes, complete) => results.push([bytes.toString(), complete]));
    expect(results).toEqual([
      ["", false],
      ["789", true],
    ]);
  });

  test.prop([
    fc.string({ maxLength: 300 }),
    fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
  ])("hits and ranges do not depend on how the input is cut", (text, sizes) => {
    const pieces: string[] = [];
    for (let at = 0, i = 0; at < text.length; i++) {
      const size = sizes[i % sizes.length] as number;
      pieces.push(text.slice(at, at + size));
      at += size;
    }
    const ranges: [number, number][] = [
      [0, 7],
      [13, 30],
    ];
    const ascii = text.replace(/[^\x20-\x7e]/g, "x");
    const asciiPieces = pieces.map((p) => p.replace(/[^\x20-\x7e]/g, "x"));
    expect(scan(asciiPieces, "ab", ranges)).toEqual(scan([ascii], "ab", ranges));
  });
});
