import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { NetworkTraceSummary } from "../../model/observations/network.ts";
import { cuts, fixtureTexts, mutatedLine } from "../mesh/property-kit.ts";
import { cutAt, runLineReader, runReaders } from "../mesh/run-reader.ts";
import { NETWORK_LINE_READERS } from "./index.ts";
import { mtrJsonReader } from "./mtr-json-reader.ts";
import { tracerouteReader } from "./traceroute-reader.ts";

const texts = fixtureTexts("network");
const lines = texts.flatMap((text) => text.split("\n")).filter((line) => line.length > 0);

describe("network readers on hostile input", () => {
  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), { maxLength: 20 })])(
    "never throw on random text or bytes",
    async (chunks) => {
      for (const factory of NETWORK_LINE_READERS) await runLineReader(factory, chunks);
    },
  );

  test.prop([fc.array(mutatedLine(lines), { minLength: 1, maxLength: 40 })])(
    "never throw on mutated real lines, and keep loss within what was sent",
    async (mutated) => {
      for (const factory of NETWORK_LINE_READERS) {
        const { observations } = await runLineReader(factory, [mutated.join("\n")]);
        for (const observation of observations) {
          if (observation.type !== "network.trace-summary") continue;
          for (const hop of observation.hops) expect(hop.lost).toBeLessThanOrEqual(hop.sent);
        }
      }
    },
  );

  test.prop([fc.array(mutatedLine(lines), { maxLength: 40 }), cuts], { numRuns: 60 })(
    "give the same observations for mutated text whole or in random pieces",
    async (mutated, points) => {
      const text = mutated.join("\n");
      expect(await runReaders(NETWORK_LINE_READERS, cutAt(text, points))).toEqual(
        await runReaders(NETWORK_LINE_READERS, [text]),
      );
    },
  );

  test.prop([fc.constantFrom(...texts), cuts], { numRuns: 60 })(
    "give the same observations whole or in random pieces",
    async (text, points) => {
      expect(await runReaders(NETWORK_LINE_READERS, cutAt(text, points))).toEqual(
        await runReaders(NETWORK_LINE_READERS, [text]),
      );
    },
  );

  test.prop([fc.oneof(fc.json(), fc.string({ maxLength: 300 }), mutatedLine(texts.filter((t) => t.startsWith("{"))))])(
    "the mtr --json reader never throws and emits only well-formed summaries",
    async (text) => {
      const emitted: unknown[] = [];
      mtrJsonReader.sniff(Buffer.from(text), "x.json");
      const result = await mtrJsonReader.read(
        (async function* () {
          yield Buffer.from(text);
        })(),
        { source: "x.json", emit: (o) => emitted.push(o) },
      );
      expect(result.records).toBeGreaterThanOrEqual(0);
      for (const o of emitted) expect(o).toMatchObject({ type: "network.trace-summary", tool: "mtr" });
    },
  );

  test("stay bounded on thousands of runs to thousands of targets", async () => {
    const runs: string[] = [];
    for (let i = 0; i < 3000; i++) {
      runs.push(`traceroute to 10.0.${i % 250}.${i % 200} (10.0.${i % 250}.${i % 200}), 30 hops max, 60 byte packets`);
      for (let hop = 1; hop <= 100; hop += 33) runs.push(` ${hop}  10.1.1.${hop} (10.1.1.${hop})  1.0 ms * *`);
    }
    const { observations } = await runLineReader(tracerouteReader, [runs.join("\n")]);
    expect(observations.length).toBe(64);
    for (const summary of observations as NetworkTraceSummary[]) {
      for (const hop of summary.hops) expect(hop.lossRefs.length).toBeLessThanOrEqual(5);
    }
  });
});
