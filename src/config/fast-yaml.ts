import { parse } from "yaml";
import type { Json, JsonObject } from "./access.ts";
import { yaml12Value } from "./load.ts";

/**
 * A fast reader for the plain block YAML that Kubernetes manifests are made of (mappings,
 * sequences, single-line scalars, one-line flow collections, literal block scalars). Anything
 * else — anchors, tags, folded or multi-line scalars, odd indentation, duplicate keys — makes it
 * give up (undefined), and the caller reads the document with the full `yaml` package instead.
 * Plain scalars are resolved by the `yaml` package itself with YAML 1.1 rules (cached), so both
 * paths give the same values; a differential test keeps them equal.
 */

/** Where a node starts (offset into the whole text) and where its members start. */
export interface PositionTree {
  readonly at: number;
  readonly members?: Map<string | number, PositionTree>;
}

export interface PlainScalar {
  readonly text: string;
  readonly offset: number;
  readonly yaml11: unknown;
}

export interface FastDocument {
  readonly value: Json;
  readonly positions: PositionTree;
  /** Plain scalars whose YAML 1.1 and 1.2 readings differ, in document order. */
  readonly divergent: PlainScalar[];
}

class GiveUp extends Error {}

interface Line {
  indent: number;
  /** Content after the indentation. */
  text: string;
  /** Offset of the content in the whole text. */
  offset: number;
}

const SPECIAL_WORDS = new Set(
  "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~".split(" "),
);
const resolved = new Map<string, unknown>();
/**
 * YAML 1.1 as Kubernetes reads it (go-yaml v2): without timestamps and without base-60 numbers
 * (`1:20` stays a string), which the yaml package's 1.1 schema would otherwise resolve.
 */
export const GO_YAML_TAGS = (tags: unknown[]) =>
  tags.filter((tag) => {
    const { tag: name, format } = tag as { tag?: string; format?: string };
    return name !== "tag:yaml.org,2002:timestamp" && format !== "TIME";
  }) as never;

/** A plain scalar that every YAML version reads as the same string. */
function isPlainWord(text: string): boolean {
  return /^[A-Za-z_/$]/.test(text) && !SPECIAL_WORDS.has(text);
}

/** The YAML 1.1 value of a plain scalar, as the `yaml` package reads it (strings skip the parser). */
function resolvePlain(text: string): unknown {
  if (text === "") return null;
  if (isPlainWord(text)) return text;
  if (/^(0|[1-9][0-9]{0,14})$/.test(text)) return Number(text);
  if (/^[0-9]+(\.[0-9]+){2,}$/.test(text)) return text;
  const cached = resolved.get(text);
  if (cached !== undefined || resolved.has(text)) return cached;
  let value: unknown;
  try {
    value = parse(text, { version: "1.1", customTags: GO_YAML_TAGS });
  } catch {
    throw new GiveUp();
  }
  if (typeof value === "object" && value !== null) throw new GiveUp();
  if (resolved.size < 10_000) resolved.set(text, value);
  return value;
}

function splitLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let at = start;
  while (at < end) {
    let stop = text.indexOf("\n", at);
    if (stop < 0 || stop > end) stop = end;
    let content = text.slice(at, stop);
    if (content.endsWith("\r")) content = content.slice(0, -1);
    let indent = 0;
    while (indent < content.length && content[indent] === " ") indent++;
    if (content[indent] === "\t") throw new GiveUp();
    lines.push({ indent, text: content.slice(indent), offset: at + indent });
    at = stop + 1;
  }
  return lines;
}

function isBlank(line: Line): boolean {
  return line.text === "" || line.text.startsWith("#");
}

/** Cuts a ` #` comment off a plain remainder; quoted text is handled by its own reader. */
function withoutComment(text: string): string {
  const hash = text.search(/(^|\s)#/);
  return (hash < 0 ? text : text.slice(0, hash)).trimEnd();
}

class Reader {
  private index = 0;
  private readonly lines: Line[];
  readonly divergent: PlainScalar[] = [];

  constructor(lines: Line[]) {
    this.lines = lines;
  }

  private nextSignificant(from: number): number {
    let i = from;
    while (i < this.lines.length && isBlank(this.lines[i] as Line)) i++;
    return i;
  }

  document(): { value: Json; positions: PositionTree } {
    const first = this.nextSignificant(0);
    if (first >= this.lines.length) return { value: null, positions: { at: this.lines[0]?.offset ?? 0 } };
    const line = this.lines[first] as Line;
    this.index = first;
    const result = this.block(line.indent);
    if (this.nextSignificant(this.index) < this.lines.length) throw new GiveUp();
    return result;
  }

  private block(indent: number): { value: Json; positions: PositionTree } {
    const line = this.lines[this.index] as Line;
    if (line.indent !== indent) throw new GiveUp();
    if (line.text === "-" || line.text.startsWith("- ")) return this.sequence(indent);
    return this.mapping(indent);
  }

  private plain(text: string, offset: number): Json {
    if (/^[[\]{}#&*!|>'"%@`,?]/.test(text) || /^-(\s|$)/.test(text) || /:(\s|$)/.test(text) || text.length > 4096) {
      throw new GiveUp();
    }
    const value = resolvePlain(text);
    if (text.length <= 40 && !isPlainWord(text)) {
      const modern = yaml12Value(text);
      if (!Object.is(value, modern) && !(typeof value === "number" && value === modern)) {
        if (this.divergent.length < 200) this.divergent.push({ text, offset, yaml11: value });
      }
    }
    return value as Json;
  }

  /** A value written on the same line as its key or dash: scalar, quoted, flow, or a literal block. */
  private inlineValue(text: string, offset: number, parentIndent: number): { value: Json; positions: PositionTree } {
    const first = text[0];
    if (first === '"' || first === "'") {
      const { value, end } = quoted(text, 0);
      const after = text.slice(end);
      if (/^\S/.test(after) || withoutComment(after) !== "") throw new GiveUp();
      return { value, positions: { at: offset } };
    }
    if (first === "[" || first === "{") {
      const flow = new FlowReader(withoutComment(text), offset, this);
      return flow.read();
    }
    if (first === "|") return this.literal(text, offset, parentIndent);
    const value = this.plain(withoutComment(text), offset);
    const next = this.nextSignificant(this.index);
    if (next < this.lines.length && (this.lines[next] as Line).indent > parentIndent) throw new GiveUp();
    return { value, positions: { at: offset } };
  }

  private literal(header: string, offset: number, parentIndent: number): { value: Json; positions: PositionTree } {
    const indicator = withoutComment(header);
    if (indicator !== "|" && indicator !== "|-" && indicator !== "|+") throw new GiveUp();
    const content: string[] = [];
    let contentIndent = -1;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as Line;
      const blank = line.text === "";
      if (!blank && line.indent <= parentIndent) break;
      if (!blank && contentIndent < 0) contentIndent = line.indent;
      if (!blank && line.indent < contentIndent) throw new GiveUp();
      if (blank && contentIndent < 0 && line.indent > 0) throw new GiveUp();
      content.push(
        blank
          ? " ".repeat(Math.max(0, line.indent - Math.max(contentIndent, 0)))
          : `${" ".repeat(line.indent - contentIndent)}${line.text}`,
      );
      this.index++;
    }
    let end = content.length;
    while (end > 0 && content[end - 1]?.trim() === "") end--;
    const body = content
      .slice(0, end)
      .map((l) => (l.trim() === "" ? "" : l))
      .join("\n");
    const trailing = content.length - end;
    let value: string;
    if (indicator === "|-") value = body;
    else if (indicator === "|+") value = end === 0 ? "\n".repeat(trailing) : `${body}\n${"\n".repeat(trailing)}`;
    else value = end === 0 ? "" : `${body}\n`;
    if (content.slice(end).some((l) => l !== "")) throw new GiveUp();
    return { value, positions: { at: offset } };
  }

  private mapping(indent: number): { value: Json; positions: PositionTree } {
    const value: JsonObject = {};
    const members = new Map<string | number, PositionTree>();
    const at = (this.lines[this.index] as Line).offset;
    while (this.index < this.lines.length) {
      const next = this.nextSignificant(this.index);
      if (next >= this.lines.length) {
        this.index = next;
        break;
      }
      const line = this.lines[next] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent || line.text === "-" || line.text.startsWith("- ")) throw new GiveUp();
      this.index = next;
      const { key, rest, restOffset } = this.key(line);
      if (Object.hasOwn(value, key)) throw new GiveUp();
      this.index++;
      let child: { value: Json; positions: PositionTree };
      if (rest === "") {
        const following = this.nextSignificant(this.index);
        const below = this.lines[following];
        if (below && below.indent > indent) {
          this.index = following;
          child = this.block(below.indent);
        } else if (below && below.indent === indent && (below.text === "-" || below.text.startsWith("- "))) {
          this.index = following;
          child = this.sequence(indent);
        } else child = { value: null, positions: { at: line.offset } };
      } else {
        child = this.inlineValue(rest, restOffset, indent);
      }
      value[key] = child.value;
      members.set(key, { ...child.positions, at: line.offset });
    }
    return { value, positions: { at, members } };
  }

  private key(line: Line): { key: string; rest: string; restOffset: number } {
    const text = line.text;
    let key: string;
    let after: number;
    if (text[0] === '"' || text[0] === "'") {
      const read = quoted(text, 0);
      if (typeof read.value !== "string") throw new GiveUp();
      key = read.value;
      after = read.end;
      if (text[after] !== ":") throw new GiveUp();
    } else {
      const colon = text.search(/:(\s|$)/);
      if (colon <= 0) throw new GiveUp();
      const raw = text.slice(0, colon).trimEnd();
      if (/^[[\]{}#&*!|>'"%@`,?-]/.test(raw) && !/^-[^\s]/.test(raw)) throw new GiveUp();
      if (/\s#/.test(raw)) throw new GiveUp();
      const resolvedKey = this.plain(raw, line.offset);
      if (typeof resolvedKey !== "string" && typeof resolvedKey !== "number") throw new GiveUp();
      key = String(resolvedKey);
      after = colon;
    }
    let restStart = after + 1;
    while (text[restStart] === " ") restStart++;
    const rest = text.slice(restStart);
    return { key, rest: rest.startsWith("#") ? "" : rest, restOffset: line.offset + restStart };
  }

  private sequence(indent: number): { value: Json; positions: PositionTree } {
    const value: Json[] = [];
    const members = new Map<string | number, PositionTree>();
    const at = (this.lines[this.index] as Line).offset;
    while (this.index < this.lines.length) {
      const next = this.nextSignificant(this.index);
      if (next >= this.lines.length) {
        this.index = next;
        break;
      }
      const line = this.lines[next] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new GiveUp();
      if (!(line.text === "-" || line.text.startsWith("- "))) break;
      this.index = next;
      let gap = 1;
      while (line.text[gap] === " ") gap++;
      const rest = line.text.slice(gap);
      let child: { value: Json; positions: PositionTree };
      if (rest === "" || rest.startsWith("#")) {
        this.index++;
        const following = this.nextSignificant(this.index);
        const below = this.lines[following];
        if (below && below.indent > indent) {
          this.index = following;
          child = this.block(below.indent);
        } else child = { value: null, positions: { at: line.offset + gap } };
      } else if (
        rest.startsWith("- ") ||
        rest === "-" ||
        /^[^\s"'[{|>&*!#][\s\S]*?:(\s|$)/.test(rest) ||
        /^["'][\s\S]*["']:(\s|$)/.test(rest)
      ) {
        this.lines[next] = { indent: indent + gap, text: rest, offset: line.offset + gap };
        child = this.block(indent + gap);
      } else {
        this.index++;
        if (rest.startsWith("|")) throw new GiveUp();
        child = this.inlineValue(rest, line.offset + gap, indent);
      }
      members.set(value.length, child.positions);
      value.push(child.value);
    }
    return { value, positions: { at, members } };
  }

  flowScalar(text: string, offset: number): Json {
    return this.plain(text, offset);
  }
}

/** A quoted scalar starting at `start`; only the escapes Kubernetes manifests use. */
function quoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (quote === '"' && char === "\\") {
      const escaped = text[i + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", n: "\n", t: "\t", r: "\r", "0": "\0" };
      if (escaped !== undefined && simple[escaped] !== undefined) {
        value += simple[escaped];
        i += 2;
        continue;
      }
      if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      throw new GiveUp();
    }
    value += char;
    i++;
  }
  throw new GiveUp();
}

/** One-line flow collections: `[a, b]`, `{k: v}`, nested. */
class FlowReader {
  private i = 0;
  private readonly text: string;
  private readonly offset: number;
  private readonly owner: Reader;

  constructor(text: string, offset: number, owner: Reader) {
    this.text = text;
    this.offset = offset;
    this.owner = owner;
  }

  read(): { value: Json; positions: PositionTree } {
    const result = this.node();
    this.space();
    if (this.i !== this.text.length) throw new GiveUp();
    return result;
  }

  private space(): void {
    while (this.text[this.i] === " ") this.i++;
  }

  private node(): { value: Json; positions: PositionTree } {
    this.space();
    const at = this.offset + this.i;
    const char = this.text[this.i];
    if (char === "[") return this.collection("]", at);
    if (char === "{") return this.collection("}", at);
    if (char === '"' || char === "'") {
      const read = quoted(this.text, this.i);
      this.i = read.end;
      return { value: read.value, positions: { at } };
    }
    const start = this.i;
    while (this.i < this.text.length && !",[]{}".includes(this.text[this.i] as string)) {
      if (this.text[this.i] === ":" && (this.text[this.i + 1] === " " || this.text[this.i + 1] === undefined)) break;
      this.i++;
    }
    const raw = this.text.slice(start, this.i).trim();
    if (raw === "" || raw.includes("#")) throw new GiveUp();
    return { value: this.owner.flowScalar(raw, at), positions: { at } };
  }

  private collection(close: "]" | "}", at: number): { value: Json; positions: PositionTree } {
    this.i++;
    const members = new Map<string | number, PositionTree>();
    const list: Json[] = [];
    const object: JsonObject = {};
    this.space();
    if (this.text[this.i] === close) {
      this.i++;
      return { value: close === "]" ? list : object, positions: { at, members } };
    }
    for (;;) {
      const keyAt = this.offset + this.i;
      const item = this.node();
      this.space();
      if (close === "}") {
        if (this.text[this.i] !== ":") throw new GiveUp();
        this.i++;
        const value = this.node();
        if (typeof item.value !== "string" && typeof item.value !== "number") throw new GiveUp();
        const key = String(item.value);
        if (Object.hasOwn(object, key)) throw new GiveUp();
        object[key] = value.value;
        members.set(key, { ...value.positions, at: keyAt });
      } else {
        if (this.text[this.i] === ":") throw new GiveUp();
        members.set(list.length, item.positions);
        list.push(item.value);
      }
      this.space();
      const separator = this.text[this.i];
      this.i++;
      if (separator === close) break;
      if (separator !== ",") throw new GiveUp();
      this.space();
      if (this.text[this.i] === close) throw new GiveUp();
    }
    return { value: close === "]" ? list : object, positions: { at, members } };
  }
}

/** Reads the document between two offsets, or undefined when it needs the full YAML reader. */
export function readFastDocument(text: string, start: number, end: number): FastDocument | undefined {
  try {
    const reader = new Reader(splitLines(text, start, end));
    const { value, positions } = reader.document();
    return { value, positions, divergent: reader.divergent };
  } catch (error) {
    if (error instanceof GiveUp || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Document boundaries (`---` lines); undefined when the stream uses directives or `...` ends. */
export function splitDocuments(text: string): { start: number; end: number }[] | undefined {
  const documents: { start: number; end: number }[] = [];
  let start = 0;
  let at = 0;
  while (at <= text.length) {
    let stop = text.indexOf("\n", at);
    if (stop < 0) stop = text.length;
    const line = text.slice(at, stop).replace(/\r$/, "");
    if (line.startsWith("%") || line === "..." || line.startsWith("... ")) return undefined;
    if (line === "---" || line.startsWith("--- ") || line.startsWith("---\t")) {
      if (withoutComment(line.slice(3)) !== "") return undefined;
      documents.push({ start, end: at });
      start = stop + 1;
    }
    at = stop + 1;
  }
  documents.push({ start: Math.min(start, text.length), end: text.length });
  return documents.filter((d, i) => i > 0 || text.slice(d.start, d.end).trim() !== "" || documents.length === 1);
}
