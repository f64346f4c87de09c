import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { cutAt } from "../../test/support/pieces.ts";
import { type Line, splitLines } from "./lines.ts";

async function collect(chunks: Uint8Array[], maxLineBytes?: number): Promise<Line[]> {
  const lines: Line[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const line of splitLines(source(), maxLineBytes ? { maxLineBytes } : {})) lines.push(line);
  return lines;
}

describe("splitLines", () => {
  test("numbers lines and keeps byte offsets, with CRLF and a last line without LF", async () => {
    const lines = await collect([Buffer.from("first\r\nsecond\n\nlast")]);
    expect(lines.map((l) => [l.text, l.line, l.byte])).toEqual([
      ["first", 1, 0],
      ["second", 2, 7],
      ["", 3, 14],
      ["last", 4, 15],
    ]);
  });

  test("cuts lines longer than the cap without buffering them, and says so", async () => {
    const lines = await collect([Buffer.from(`${"x".repeat(100)}\nok\n`)], 10);
    expect(lines[0]).toMatchObject({ text: "x".repeat(10), truncated: true, length: 100 });
    expect(lines[1]).toMatchObject({ text: "ok", byte: 101, truncated: false });
  });

  test.prop([fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 12 })])(
    "gives the same lines whole or in random pieces",
    async (bytes, points) => {
      const whole = await collect([bytes]);
      const pieces = await collect(cutAt(bytes, points));
      expect(pieces).toEqual(whole);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 2000 })])("offsets point at the line's bytes", async (bytes) => {
    const buffer = Buffer.from(bytes);
    for (const line of await collect([bytes])) {
      const raw = buffer.subarray(line.byte, line.byte + line.length);
      expect(raw.toString("utf8")).toBe(line.text);
    }
  });
});
