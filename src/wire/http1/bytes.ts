import type { FieldLine } from "./types.ts";

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HTAB = 0x09;

const TCHAR = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

/** RFC 9110 §5.6.2 token character. */
export function isTchar(byte: number): boolean {
  return TCHAR[byte] === 1;
}

export function isWhitespace(byte: number | undefined): boolean {
  return byte === SP || byte === HTAB;
}

export function isControl(byte: number): boolean {
  return byte < 0x20 || byte === 0x7f;
}

/** How one byte of a field name breaks the token rule. */
export type NameByteClass = "whitespace" | "control" | "quote-or-non-ascii" | "separator";

export function classifyNameByte(byte: number): NameByteClass | undefined {
  if (isTchar(byte)) return undefined;
  if (isWhitespace(byte)) return "whitespace";
  if (isControl(byte)) return "control";
  if (byte === 0x22 || byte >= 0x80) return "quote-or-non-ascii";
  return "separator";
}

/** How one byte of a field value breaks RFC 9110 §5.5 (`obs-text` is allowed but noted). */
export type ValueByteClass = "nul" | "cr" | "control" | "obs-text";

export function classifyValueByte(byte: number): ValueByteClass | undefined {
  if (byte === 0) return "nul";
  if (byte === CR) return "cr";
  if (byte === HTAB) return undefined;
  if (isControl(byte)) return "control";
  if (byte >= 0x80) return "obs-text";
  return undefined;
}

/** One syntax problem inside a field line, at an absolute offset. */
export interface FieldProblem {
  readonly kind:
    | "name-empty"
    | "no-colon"
    | "name-whitespace"
    | "name-control"
    | "name-quote-or-non-ascii"
    | "name-separator"
    | "value-nul"
    | "value-cr"
    | "value-control"
    | "value-obs-text"
    | "obs-fold"
    | "before-first-field";
  readonly offset: number;
  readonly byte?: number;
  /** RFC 9112 says a recipient must reject (or, for obs-fold, may reject) the message. */
  readonly strict: boolean;
}

const problemsSeen = new WeakMap<FieldLine, readonly FieldProblem[]>();

/** Every syntax problem of a field line, first byte first; at most one per kind (memoised). */
export function fieldProblems(field: FieldLine): readonly FieldProblem[] {
  let problems = problemsSeen.get(field);
  if (!problems) {
    problems =
      firstStrictProblem(field) || field.continuations.length > 0 || hasHighBytes(field) ? scanField(field) : [];
    problemsSeen.set(field, problems);
  }
  return problems;
}

function hasHighBytes(field: FieldLine): boolean {
  for (const byte of field.line.bytes) if (byte >= 0x80) return true;
  return false;
}

function scanField(field: FieldLine): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const add = (problem: FieldProblem): void => {
    if (seen.has(problem.kind)) return;
    seen.add(problem.kind);
    problems.push(problem);
  };
  const { line } = field;
  if (field.beforeFirstField) add({ kind: "before-first-field", offset: line.offset, strict: true });
  if (field.colon < 0) add({ kind: "no-colon", offset: line.offset, strict: true });
  else if (field.colon === 0) add({ kind: "name-empty", offset: line.offset, strict: true });
  const nameEnd = field.beforeFirstField || field.colon < 0 ? 0 : field.colon;
  for (let i = 0; i < nameEnd; i++) {
    const byte = line.bytes[i] as number;
    const cls = classifyNameByte(byte);
    if (cls) add({ kind: `name-${cls}`, offset: line.offset + i, byte, strict: true });
  }
  const valueLines = field.colon < 0 ? [] : [{ line, from: field.colon + 1 }];
  for (const continuation of field.continuations) valueLines.push({ line: continuation, from: 0 });
  for (const { line: valueLine, from } of valueLines) {
    for (let i = from; i < valueLine.bytes.length; i++) {
      const byte = valueLine.bytes[i] as number;
      const cls = classifyValueByte(byte);
      if (cls) add({ kind: `value-${cls}`, offset: valueLine.offset + i, byte, strict: cls !== "obs-text" });
    }
  }
  const fold = field.continuations[0];
  if (fold) add({ kind: "obs-fold", offset: fold.offset, strict: true });
  return problems.sort((a, b) => a.offset - b.offset);
}

/**
 * The first problem a strict parser stops at in a field line, without allocating: the common
 * case (a clean line) costs one pass over the bytes.
 */
export function firstStrictProblem(field: FieldLine): { offset: number; kind: string } | undefined {
  const { line } = field;
  if (field.beforeFirstField) return { offset: line.offset, kind: "before-first-field" };
  if (field.colon <= 0) return { offset: line.offset, kind: field.colon < 0 ? "no-colon" : "name-empty" };
  const bytes = line.bytes;
  for (let i = 0; i < field.colon; i++) {
    const cls = classifyNameByte(bytes[i] as number);
    if (cls) return { offset: line.offset + i, kind: `name-${cls}` };
  }
  for (let i = field.colon + 1; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x20 && byte !== 0x7f) continue;
    const cls = classifyValueByte(byte);
    if (cls && cls !== "obs-text") return { offset: line.offset + i, kind: `value-${cls}` };
  }
  const fold = field.continuations[0];
  return fold ? { offset: fold.offset, kind: "obs-fold" } : undefined;
}

/** Latin1 view of bytes: one character per byte, so offsets carry over. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString("latin1", start, end);
}

/** A printable rendering of bytes: printable ASCII as is, everything else as \xNN. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    if (byte === 0x5c) out += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else if (byte === CR) out += "\\r";
    else if (byte === LF) out += "\\n";
    else if (byte === HTAB) out += "\\t";
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return out;
}
