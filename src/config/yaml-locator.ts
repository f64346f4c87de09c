import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { FieldPath, Locator, Position } from "./resource.ts";

/** Splits text into lines once, on first use. */
export function lazyLines(text: string): (line: number) => string | undefined {
  let lines: string[] | undefined;
  return (line) => {
    lines ??= text.split(/\r?\n/);
    return lines[line - 1];
  };
}

/**
 * Maps a field path onto a parsed YAML node tree. A missing step stops the walk: the position of
 * the deepest field found is returned, so a finding about an absent field points at its parent.
 * `shift` moves positions of a document embedded in another one (a mesh config inside a ConfigMap).
 */
export function yamlLocator(
  root: Node | null | undefined,
  counter: LineCounter,
  lineText: (line: number) => string | undefined,
  shift: (position: Position) => Position = (p) => p,
): Locator {
  const at = (offset: number): Position => {
    const { line, col } = counter.linePos(offset);
    return shift({ line, column: col });
  };
  return {
    lineText,
    locate(path: FieldPath): Position | undefined {
      if (!root?.range) return undefined;
      let node: unknown = root;
      let found = root.range[0];
      for (const step of path) {
        if (isMap(node) && typeof step === "string") {
          const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === step);
          if (!pair) break;
          const key = pair.key as Node;
          if (key.range) found = key.range[0];
          node = pair.value;
        } else if (isSeq(node) && typeof step === "number") {
          const item = node.items[step] as Node | undefined;
          if (!item) break;
          if (item.range) found = item.range[0];
          node = item;
        } else break;
      }
      return at(found);
    },
  };
}
