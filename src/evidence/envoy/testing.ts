import type { Observation } from "../../model/observation.ts";
import { splitLines } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";

/** Feeds byte pieces through the line splitter into one reader; returns what it emitted. */
export async function readPieces(
  factory: LineReaderFactory,
  pieces: readonly Uint8Array[],
): Promise<{ observations: Observation[]; accepted: number }> {
  const observations: Observation[] = [];
  const reader = factory.create({ source: "test.log", emit: (o) => observations.push(o) });
  async function* source() {
    yield* pieces;
  }
  let accepted = 0;
  for await (const line of splitLines(source())) if (reader.accept(line)) accepted++;
  reader.end();
  return { observations, accepted };
}

export { cutAt } from "../../../test/support/pieces.ts";

/** Replaces, inserts or deletes characters of a line at the given positions. */
export function mutate(line: string, edits: readonly { at: number; op: number; text: string }[]): string {
  let out = line;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    if (edit.op % 3 === 0) out = out.slice(0, at) + edit.text + out.slice(at);
    else if (edit.op % 3 === 1) out = out.slice(0, at) + out.slice(at + 1 + (edit.text.length % 5));
    else out = out.slice(0, at) + edit.text + out.slice(at + edit.text.length);
  }
  return out;
}
