import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { AccessSummariser } from "./access-summary.ts";
import { scannedByTextSearches } from "./access-text.ts";
import { LineFinder } from "./line-search.ts";
import { ChunkSummariser } from "./summarise.ts";

const ISTIO =
  '[2026-01-02T03:04:05.678Z] "GET /api/items HTTP/1.1" 503 UC upstream_reset_before_response_started{connection_termination} - "-" 0 95 7 - "-" "curl/8.5.0" "rid-1" "items:8080" "10.0.0.2:8080" outbound|8080||items.shop.svc.cluster.local 10.1.9.9:1 10.96.0.10:8080 10.1.9.9:2 - default';

/** The first occurrence of `needle` wholly inside `s[from, to)`, searched the slow, obvious way. */
function naiveFind(s: string, needle: string, from: number, to: number): number {
  const at = s.slice(from, to).indexOf(needle);
  return at < 0 ? -1 : from + at;
}

describe("searching inside one line of a chunk", () => {
  test.prop([
    fc.stringMatching(/^[ab" \]]{0,80}$/),
    fc.constantFrom(" ", '" ', "]", "ab"),
    fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
  ])("finds what a search of the line alone finds, in any order of searches", (s, needle, ranges) => {
    const finder = new LineFinder(needle);
    for (const [a, b] of ranges) {
      const from = a % (s.length + 1);
      const to = from + (b % (s.length - from + 1));
      expect(finder.find(s, from, to)).toBe(naiveFind(s, needle, from, to));
    }
  });

  test("searches for an absent needle pass over a chunk once, not once per line", () => {
    const finder = new LineFinder("]");
    const line = "x".repeat(99);
    const chunk = `${line}\n`.repeat(10_000);
    for (let start = 0; start < chunk.length; start += 100) expect(finder.find(chunk, start, start + 99)).toBe(-1);
    expect(finder.scanned).toBeLessThanOrEqual(chunk.length);
  });

  const hostileKinds: [string, string][] = [
    ["no closing bracket", '[2026-01-02T03:04:05.678Z "GET / HTTP/1.1" 503 UC x'],
    ["no end of the request", '[2026-01-02T03:04:05.678Z] "GET / HTTP/1.1 503 UC x'],
    ["no space after the flags", '[2026-01-02T03:04:05.678Z] "GET / HTTP/1.1" 503 UC'],
    ["no space after the details", '[2026-01-02T03:04:05.678Z] "GET / HTTP/1.1" 503 UC details"a"b'],
    ["failed, no duration", '[2026-01-02T03:04:05.678Z] "GET / HTTP/1.1" 503 UC d "a" "b"'],
    ["a timestamp prefix without a record", "2026-01-02T03:04:05.678123456 info nothing here at all"],
    ["JSON without its keys", '{"a":1,"b":"2","c":[3]}'],
  ];

  test.each(hostileKinds)("a 1 MiB chunk of lines with %s costs linear search work", (_name, hostile) => {
    // The separator a hostile line lacks comes only at the chunk's end, in one whole record.
    const hostileLines = `${hostile}\n`.repeat(Math.ceil((1 << 20) / hostile.length));
    const chunk = Buffer.from(`${hostileLines}${ISTIO}\n`, "latin1");
    const before = scannedByTextSearches();
    const reader = new ChunkSummariser();
    reader.push(chunk);
    const summary = reader.end();
    // A handful of finders, each passing over the chunk about once: far from lines × chunk.
    expect(scannedByTextSearches() - before).toBeLessThan(16 * chunk.length);
    expect(summary.records).toBeGreaterThanOrEqual(1);
  });

  test.prop([fc.array(fc.tuple(fc.nat(ISTIO.length), fc.nat(ISTIO.length)), { minLength: 1, maxLength: 20 })])(
    "lines cut short anywhere read the same inside a chunk as on their own",
    (cuts) => {
      const lines = cuts.map(([a, b]) => ISTIO.slice(0, Math.max(a, b)) + ISTIO.slice(Math.max(a, b) + (a % 7)));
      const chunk = new ChunkSummariser();
      chunk.push(Buffer.from(`${lines.join("\n")}\n`, "latin1"));
      const alone = new AccessSummariser(true);
      let byte = 0;
      lines.forEach((line, i) => {
        alone.addRange(line, 0, line.length, i + 1, byte);
        byte += line.length + 1;
      });
      expect(chunk.end().state()).toEqual(alone.state());
    },
  );
});
