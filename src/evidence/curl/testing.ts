import { Readable } from "node:stream";
import type { Observation } from "../../model/observation.ts";
import { readEvidence } from "../read-evidence.ts";
import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

/** Reads bytes delivered in the given pieces with the given readers, as `diagnose` would. */
export async function readPieces(
  pieces: readonly Uint8Array[],
  lineReaders: readonly LineReaderFactory[],
  fileReaders: readonly FileReaderFactory[] = [],
): Promise<Observation[]> {
  const source = { id: "input.txt", open: () => Readable.from(pieces.map((p) => Buffer.from(p))) };
  const read = await readEvidence([source], { lineReaders, fileReaders });
  return read.observations;
}

/** Cuts bytes at the given points (taken modulo the length), keeping every byte once. */
export function cutAt(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const sorted = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const p of sorted) {
    pieces.push(bytes.subarray(start, p));
    start = p;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

/** Applies small edits (insert, delete, replace) to a text, driven by the given numbers. */
export function mutate(text: string, edits: readonly (readonly [number, number, string])[]): string {
  let out = text;
  for (const [at, kind, piece] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    if (kind % 3 === 0) out = out.slice(0, i) + piece + out.slice(i);
    else if (kind % 3 === 1) out = out.slice(0, i) + out.slice(i + piece.length + 1);
    else out = out.slice(0, i) + piece + out.slice(i + piece.length);
  }
  return out;
}
