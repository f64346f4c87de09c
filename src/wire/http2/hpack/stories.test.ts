import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fieldText, HpackDecoder } from "./decoder.ts";
import { HpackEncoder } from "./encoder.ts";

/** http2jp/hpack-test-case, kept beside the repository (not copied into it). */
const STORIES = new URL("../../../../../shared/data/hpack-test-case/", import.meta.url).pathname;
const present = existsSync(STORIES);

interface StoryCase {
  readonly header_table_size?: number;
  readonly wire?: string;
  readonly headers: readonly Record<string, string>[];
}

function readStory(dir: string, file: string): readonly StoryCase[] {
  return (JSON.parse(readFileSync(`${STORIES}${dir}/${file}`, "utf8")) as { cases: StoryCase[] }).cases;
}

const pairs = (headers: readonly Record<string, string>[]): [string, string][] =>
  headers.map((h) => Object.entries(h)[0] as [string, string]);

/** Story values are Unicode text; on the wire they are UTF-8 octets, our fields latin1 octet strings. */
const toOctets = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

const ENCODED_SETS = present
  ? readdirSync(STORIES).filter((d) => d !== "raw-data" && existsSync(`${STORIES}${d}/story_00.json`))
  : [];

describe.skipIf(!present)("hpack-test-case stories (skipped: ../shared/data/hpack-test-case is absent)", () => {
  test.each(ENCODED_SETS)("decodes every story encoded by %s", (dir) => {
    const files = readdirSync(`${STORIES}${dir}`).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    let blocks = 0;
    for (const file of files) {
      const decoder = new HpackDecoder();
      for (const c of readStory(dir, file)) {
        if (c.header_table_size !== undefined) decoder.setMaxTableSize(c.header_table_size);
        const result = decoder.decode(Uint8Array.from(Buffer.from(c.wire ?? "", "hex")));
        expect(result.error, `${dir}/${file}`).toBeUndefined();
        expect(
          result.fields.map((f) => [fieldText(f.name), fieldText(f.value)]),
          `${dir}/${file}`,
        ).toEqual(pairs(c.headers));
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(100);
  });

  const encoderModes = [
    { huffman: "auto", indexing: true, tableSize: 4096 },
    { huffman: "never", indexing: false, tableSize: 4096 },
    { huffman: "always", indexing: true, tableSize: 256 },
  ] as const;

  test.each(encoderModes)("encodes every raw-data story and decodes it back (%o)", (mode) => {
    const files = readdirSync(`${STORIES}raw-data`).filter((f) => f.endsWith(".json"));
    for (const file of files) {
      const encoder = new HpackEncoder(mode);
      const decoder = new HpackDecoder({ maxTableSize: mode.tableSize });
      for (const c of readStory("raw-data", file)) {
        const fields = pairs(c.headers).map(([name, value]) => ({ name: toOctets(name), value: toOctets(value) }));
        const result = decoder.decode(encoder.encode(fields));
        expect(result.error, file).toBeUndefined();
        expect(
          result.fields.map((f) => [f.name, f.value]),
          file,
        ).toEqual(fields.map((f) => [f.name, f.value]));
      }
    }
  });
});
