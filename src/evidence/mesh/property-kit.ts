import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fc } from "@fast-check/vitest";

/** Every input file of the fixture cases of one area, as text, to seed mutated inputs. */
export function fixtureTexts(area: string): string[] {
  const root = new URL(`../../../test/fixtures/${area}/`, import.meta.url).pathname;
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry !== "expect.json") texts.push(readFileSync(path, "utf8"));
    }
  };
  walk(root);
  return texts;
}

/** A real line with a few characters inserted, removed or replaced. */
export function mutatedLine(lines: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 4 }),
    insert: fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom("*", " ", "\t", "::", '"', "{", "}", "%", "ms", "\\"),
    ),
  });
  return fc.tuple(fc.constantFrom(...lines), fc.array(edit, { maxLength: 4 })).map(([line, edits]) => {
    let text = line;
    for (const { at, remove, insert } of edits) {
      const i = text.length === 0 ? 0 : at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i + remove);
    }
    return text;
  });
}

/** Sorted cut points in [0, 1) for whole-versus-pieces tests. */
export const cuts = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 12 });
