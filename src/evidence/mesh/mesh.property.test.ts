import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { MESH_LINE_READERS } from "./index.ts";
import { cuts, fixtureTexts, mutatedLine } from "./property-kit.ts";
import { cutAt, runLineReader, runReaders } from "./run-reader.ts";

const texts = fixtureTexts("mesh");
const lines = texts.flatMap((text) => text.split("\n")).filter((line) => line.length > 0);

describe("mesh readers on hostile input", () => {
  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), { maxLength: 20 })])(
    "never throw on random text or bytes",
    async (chunks) => {
      for (const factory of MESH_LINE_READERS) await runLineReader(factory, chunks);
    },
  );

  test.prop([fc.array(mutatedLine(lines), { minLength: 1, maxLength: 30 })])(
    "never throw on mutated real lines, and every observation points at a line it read",
    async (mutated) => {
      const text = mutated.join("\n");
      for (const factory of MESH_LINE_READERS) {
        const { observations, lines: count } = await runLineReader(factory, [text]);
        for (const observation of observations) expect(observation.ref.line).toBeLessThanOrEqual(count);
      }
    },
  );

  test.prop([fc.array(mutatedLine(lines), { maxLength: 40 }), cuts], { numRuns: 60 })(
    "give the same observations for mutated text whole or in random pieces",
    async (mutated, points) => {
      const text = mutated.join("\n");
      expect(await runReaders(MESH_LINE_READERS, cutAt(text, points))).toEqual(
        await runReaders(MESH_LINE_READERS, [text]),
      );
    },
  );

  test.prop([fc.constantFrom(...texts), cuts], { numRuns: 60 })(
    "give the same observations whole or in random pieces",
    async (text, points) => {
      const whole = await runReaders(MESH_LINE_READERS, [text]);
      const pieces = await runReaders(MESH_LINE_READERS, cutAt(text, points));
      expect(pieces).toEqual(whole);
    },
  );
});

describe("mesh readers on large input", () => {
  test("keep a bounded number of metric samples however many lines arrive", async () => {
    const { metricsReader } = await import("./metrics-reader.ts");
    const many = Array.from({ length: 20_000 }, (_, i) => `pilot_xds_pushes{type="eds",n="${i}"} ${i}`).join("\n");
    const { observations, accepted } = await runLineReader(metricsReader, [many]);
    expect(accepted).toBe(20_000);
    expect(observations.length).toBe(5000);
  });

  test("finish on long pathological lines", async () => {
    const long = [
      `${"lookup istiod".repeat(20_000)} no such host`,
      `skipping server on gateway ${"a".repeat(100_000)}`,
      `m{${'a="\\\\",'.repeat(10_000)}} 1`,
      `${"x::".repeat(50_000)}`,
    ];
    for (const factory of MESH_LINE_READERS) await runLineReader(factory, [long.join("\n")]);
  });
});
