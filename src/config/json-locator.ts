import type { FieldPath, Locator, Position } from "./resource.ts";

type Children = Map<string | number, number>;

const MAX_DEPTH = 512;

/**
 * Positions of fields in JSON text, found lazily: the first lookup through a container records
 * where each of its members starts, so the text is scanned at most once in total. Values are
 * parsed with JSON.parse elsewhere; this only answers "where".
 */
export function jsonLocator(text: string, root: number, lineStarts: () => number[]): Locator {
  const cache = new Map<number, Children>();
  const position = (offset: number): Position => positionAt(lineStarts(), offset);
  return {
    lineText: (line) => {
      const starts = lineStarts();
      const start = starts[line - 1];
      if (start === undefined) return undefined;
      const end = starts[line] ?? text.length + 1;
      return text.slice(start, end - 1).replace(/\r$/, "");
    },
    locate(path: FieldPath): Position | undefined {
      let offset = skipSpace(text, root);
      let found = offset;
      for (const step of path) {
        let children = cache.get(offset);
        if (!children) {
          children = membersOf(text, offset);
          cache.set(offset, children);
        }
        const next = children.get(step);
        if (next === undefined) break;
        found = next;
        offset = valueStart(text, next);
      }
      return position(found);
    },
  };
}

/** 1-based line and column of an offset, given the offsets where lines start. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function skipSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\r" || text[i] === "\t")) i++;
  return i;
}

/** For a key offset, where its value starts; for an array element, the element itself. */
function valueStart(text: string, offset: number): number {
  if (text[offset] !== '"') return offset;
  const end = skipString(text, offset);
  const colon = skipSpace(text, end);
  return text[colon] === ":" ? skipSpace(text, colon + 1) : offset;
}

function skipString(text: string, offset: number): number {
  let i = offset + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === "\\") i += 2;
    else if (char === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/** Skips one JSON value of any kind; tolerant of malformed text (never loops forever). */
function skipValue(text: string, offset: number): number {
  const first = text[offset];
  if (first === '"') return skipString(text, offset);
  if (first !== "{" && first !== "[") {
    let i = offset;
    while (i < text.length && !",}]".includes(text[i] as string)) i++;
    return i;
  }
  let depth = 0;
  let i = offset;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      i = skipString(text, i);
      continue;
    }
    if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}

/** The members of the object or array at offset: key (or index) → offset of the key (or element). */
function membersOf(text: string, offset: number): Children {
  const children: Children = new Map();
  const open = text[offset];
  if (open !== "{" && open !== "[") return children;
  let i = skipSpace(text, offset + 1);
  let index = 0;
  let guard = 0;
  while (i < text.length && text[i] !== "}" && text[i] !== "]" && guard++ < 10_000_000 && index < MAX_DEPTH * 100_000) {
    if (open === "{") {
      if (text[i] !== '"') break;
      const keyEnd = skipString(text, i);
      let key: string;
      try {
        key = JSON.parse(text.slice(i, keyEnd)) as string;
      } catch {
        break;
      }
      children.set(key, i);
      const value = valueStart(text, i);
      i = skipValue(text, value);
    } else {
      children.set(index++, i);
      i = skipValue(text, i);
    }
    i = skipSpace(text, i);
    if (text[i] === ",") i = skipSpace(text, i + 1);
  }
  return children;
}
