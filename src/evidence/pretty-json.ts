import type { Line } from "./lines.ts";

/** Longest pretty-printed object joined; longer ones (a config dump) are left to be read line by line. */
const MAX_LINES = 200;
const MAX_BYTES = 64 << 10;

/** A logical line and how many lines of the file it stands for. */
export interface JoinedLine {
  readonly line: Line;
  readonly span: number;
}

/**
 * Joins a JSON object pretty-printed over several lines (a log record passed through `jq`, a
 * dashboard's expanded view) into the one-line record readers expect. The block runs from a line
 * that is only `{` to the first line that is only `}` (or `},`) at the same indentation; a block
 * that does not parse, or grows past the limits, comes back line by line unchanged. The joined
 * line keeps the place of its opening brace.
 */
export class PrettyJsonJoiner {
  #block: Line[] = [];
  #indent = "";
  #bytes = 0;

  /** True for a line that neither opens a block nor falls inside one: the caller reads it as it is. */
  passes(line: Line): boolean {
    return this.#block.length === 0 && !line.text.endsWith("{");
  }

  /** Feeds one line; returns the lines ready to be read, in order. */
  push(line: Line): JoinedLine[] {
    if (this.#block.length === 0) {
      const open = /^(\s*)\{\s*$/.exec(line.text);
      if (!open) return [{ line, span: 1 }];
      this.#indent = open[1] as string;
      this.#block.push(line);
      this.#bytes = line.length;
      return [];
    }
    this.#block.push(line);
    this.#bytes += line.length;
    if (line.text.trimEnd() === `${this.#indent}}` || line.text.trimEnd() === `${this.#indent}},`) return this.#close();
    if (this.#block.length >= MAX_LINES || this.#bytes > MAX_BYTES) return this.flush();
    return [];
  }

  /** Gives back whatever is held, line by line (at the end of the input). */
  flush(): JoinedLine[] {
    const lines = this.#block.map((line) => ({ line, span: 1 }));
    this.#block = [];
    return lines;
  }

  #close(): JoinedLine[] {
    const block = this.#block;
    const text = block
      .map((line) => line.text)
      .join("\n")
      .replace(/,\s*$/, "");
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return this.flush();
    }
    this.#block = [];
    const first = block[0] as Line;
    const joined = JSON.stringify(record);
    return [{ line: { ...first, text: joined, length: Buffer.byteLength(joined) }, span: block.length }];
  }
}
