import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Line } from "./lines.ts";
import { type JoinedLine, PrettyJsonJoiner } from "./pretty-json.ts";

function linesOf(text: string): Line[] {
  let byte = 0;
  return text.split("\n").map((t, i) => {
    const line = { text: t, line: i + 1, byte, length: Buffer.byteLength(t), truncated: false };
    byte += line.length + 1;
    return line;
  });
}

function join(text: string): JoinedLine[] {
  const joiner = new PrettyJsonJoiner();
  const out: JoinedLine[] = [];
  for (const line of linesOf(text)) out.push(...(joiner.passes(line) ? [{ line, span: 1 }] : joiner.push(line)));
  out.push(...joiner.flush());
  return out;
}

describe("pretty-printed JSON records", () => {
  test("an object over several lines is read as one line at its opening brace", () => {
    const out = join('before\n{\n  "response_code": 404,\n  "response_flags": "NR"\n}\nafter');
    expect(out.map((j) => [j.line.text, j.line.line, j.span])).toEqual([
      ["before", 1, 1],
      ['{"response_code":404,"response_flags":"NR"}', 2, 4],
      ["after", 6, 1],
    ]);
  });

  test("records in an array, indented, each become one line", () => {
    const out = join('[\n  {\n    "a": 1\n  },\n  {\n    "a": 2\n  }\n]');
    expect(out.map((j) => j.line.text)).toEqual(["[", '{"a":1}', '{"a":2}', "]"]);
  });

  test("a block that does not parse or never closes comes back line by line", () => {
    expect(join("{\n  not json\n}").map((j) => j.line.text)).toEqual(["{", "  not json", "}"]);
    expect(join('{\n  "a": 1').map((j) => j.line.text)).toEqual(["{", '  "a": 1']);
  });

  test("a block longer than the limit is not held", () => {
    const long = `{\n${Array.from({ length: 300 }, (_, i) => `  "k${i}": ${i},`).join("\n")}\n  "z": 0\n}`;
    const out = join(long);
    expect(out).toHaveLength(303);
    expect(out.every((j) => j.span === 1)).toBe(true);
  });

  test.prop([
    fc.array(fc.constantFrom("{", "}", "},", '  "a": 1', "x", "  {", "  }", "[", "]", ""), { maxLength: 60 }),
  ])("never loses or reorders a line: the spans add up and the places rise", (pieces) => {
    const out = join(pieces.join("\n"));
    expect(out.reduce((sum, j) => sum + j.span, 0)).toBe(pieces.length === 0 ? 1 : pieces.length);
    const places = out.map((j) => j.line.line);
    expect([...places].sort((a, b) => a - b)).toEqual(places);
  });
});
