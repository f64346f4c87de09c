import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { expandSources } from "../open-source.ts";
import { readEvidence } from "../read-evidence.ts";
import type { LineReaderFactory } from "../reader.ts";
import { FILE_READERS, LINE_READERS } from "../registry.ts";

const withoutNeedles = (factory: LineReaderFactory): LineReaderFactory => ({
  format: factory.format,
  create: (context) => factory.create(context),
});

/** The same readers without their needles: every line is offered to every reader. */
const UNGATED: readonly LineReaderFactory[] = LINE_READERS.map(withoutNeedles);

/** `GATE_ONLY=format,format` compares the gates of those readers alone (while they are being written). */
const only = process.env.GATE_ONLY?.split(",");
const GATED: readonly LineReaderFactory[] = only
  ? LINE_READERS.map((factory) => (only.includes(factory.format) ? factory : withoutNeedles(factory)))
  : LINE_READERS;

const CORPUS = ["test/fixtures", "test/incidents", "examples"];

describe("reader gate", () => {
  it("changes nothing that the readers find in the fixtures, incidents and examples", {
    timeout: 180_000,
  }, async () => {
    const sources = await expandSources(CORPUS, () => Readable.from([]));
    expect(sources.length).toBeGreaterThan(1000);
    const read = (lineReaders: readonly LineReaderFactory[], ungatedLines: number) =>
      readEvidence(sources, { lineReaders, fileReaders: FILE_READERS, maxObservations: 10_000_000, ungatedLines });
    const ungated = await read(UNGATED, 0);
    // Gated from the first line, and gated from the eighth line on (as a long input is).
    for (const after of [0, 7]) {
      const gated = await read(GATED, after);
      expect(gated.inputs).toEqual(ungated.inputs);
      expect(gated.observations.length).toBe(ungated.observations.length);
      for (let i = 0; i < gated.observations.length; i++) {
        expect(gated.observations[i]).toEqual(ungated.observations[i]);
      }
    }
  });
});
