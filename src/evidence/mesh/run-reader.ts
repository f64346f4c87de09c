import { Readable } from "node:stream";
import type { Observation } from "../../model/observation.ts";
import { splitLines } from "../lines.ts";
import { readEvidence } from "../read-evidence.ts";
import type { LineReaderFactory } from "../reader.ts";

/** Runs one line reader over text given as chunks, the way the evidence pipeline splits it. */
export async function runLineReader(
  factory: LineReaderFactory,
  chunks: readonly (string | Uint8Array)[],
  source = "test.log",
): Promise<{ observations: Observation[]; accepted: number; lines: number }> {
  const observations: Observation[] = [];
  const reader = factory.create({ source, emit: (observation) => observations.push(observation) });
  let accepted = 0;
  let lines = 0;
  const buffers = chunks.map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk)));
  for await (const line of splitLines(toIterable(buffers))) {
    lines++;
    if (reader.accept(line)) accepted++;
  }
  reader.end();
  return { observations, accepted, lines };
}

/** Runs the readers over the chunks through the evidence pipeline, as `proxydoc diagnose` reads one file. */
export async function runReaders(
  lineReaders: readonly LineReaderFactory[],
  chunks: readonly (string | Uint8Array)[],
): Promise<Observation[]> {
  const buffers = chunks.map((chunk) => Buffer.from(chunk));
  const read = await readEvidence([{ id: "evidence.txt", open: () => Readable.from(buffers) }], {
    lineReaders,
    fileReaders: [],
  });
  return read.observations;
}

async function* toIterable(buffers: readonly Buffer[]): AsyncGenerator<Buffer> {
  for (const buffer of buffers) yield buffer;
}

/** Cuts text into pieces at the given fractions of its length (for whole-versus-pieces tests). */
export function cutAt(text: string, cuts: readonly number[]): Uint8Array[] {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}
