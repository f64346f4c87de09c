import type { LineReaderFactory } from "../reader.ts";
import { foldAscii, MAX_NEEDLE, requiredLiterals } from "./literals.ts";
import { NeedleScanner } from "./needle-scanner.ts";

/** One scan per line that tells which readers could take it. */
export interface ReaderGate {
  readonly scanner: NeedleScanner;
  /** Per reader: whether it declared needles (an ungated reader is offered every line). */
  readonly gated: readonly boolean[];
}

const built = new WeakMap<readonly LineReaderFactory[], ReaderGate>();

/** The gate of a list of readers, built once per list. */
export function readerGate(factories: readonly LineReaderFactory[]): ReaderGate {
  let gate = built.get(factories);
  if (!gate) {
    const needles = factories.map(needlesOf);
    gate = {
      scanner: new NeedleScanner(needles.map((list) => list ?? [])),
      gated: needles.map((list) => list !== undefined),
    };
    built.set(factories, gate);
  }
  return gate;
}

/**
 * The strings a reader's lines contain, folded and cut for the scanner; `undefined` when it
 * declared none, or when one of its patterns has no string every match contains.
 */
export function needlesOf(factory: LineReaderFactory): string[] | undefined {
  if (!factory.needles) return undefined;
  const out = new Set<string>();
  for (const needle of factory.needles) {
    const strings = typeof needle === "string" ? [needle] : requiredLiterals(needle);
    if (!strings) return undefined;
    for (const value of strings) {
      if (value === "") return undefined;
      out.add(foldAscii(value.slice(0, MAX_NEEDLE)));
    }
  }
  return out.size > 0 ? [...out] : undefined;
}
