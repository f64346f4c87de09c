import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { cutAt, mutate, readPieces } from "../../src/evidence/curl/testing.ts";
import type { LineReaderFactory } from "../../src/evidence/reader.ts";

/**
 * The properties every line reader keeps on hostile input, over samples of real evidence: no
 * throw on random bytes or on mutated samples, and the same observations whole or in pieces.
 */
export function hostileInputProperties(readers: readonly LineReaderFactory[], samples: readonly string[]): void {
  const edit = fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 6 }));
  const read = (text: string) => readPieces([Buffer.from(text)], readers);

  test.prop([fc.uint8Array({ maxLength: 3000 })])("never throws on random bytes", async (bytes) => {
    await expect(readPieces([bytes], readers)).resolves.toBeDefined();
  });

  test.prop([fc.constantFrom(...samples), fc.array(edit, { maxLength: 8 })])(
    "never throws on mutated samples",
    async (sample, edits) => {
      await expect(read(mutate(sample, edits))).resolves.toBeDefined();
    },
  );

  test.prop([fc.constantFrom(...samples), fc.array(fc.nat(), { maxLength: 10 })])(
    "gives the same observations whole or in random pieces",
    async (sample, points) => {
      expect(await readPieces(cutAt(Buffer.from(sample), points), readers)).toEqual(await read(sample));
    },
  );
}
