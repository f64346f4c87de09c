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

export { cutAt } from "../../../test/support/pieces.ts";

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
