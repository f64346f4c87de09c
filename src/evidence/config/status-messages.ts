import type { Line } from "../lines.ts";

/** `message: …` in YAML or `"message": …` in JSON: where Kubernetes objects quote what went wrong. */
const MESSAGE_KEY = /^\s*(?:-\s+)?("?)message\1\s*:\s*(.*)$/;
/** A double-quoted value may go on over this many lines (YAML folds long ones). */
const MAX_CONTINUATION = 20;
const MAX_MESSAGES = 2000;

/**
 * The `message` values of a Kubernetes object in YAML or JSON (status conditions, container
 * states, events), each with the line and byte where it starts, unquoted and unescaped.
 */
export function statusMessages(text: string): Line[] {
  const lines = text.split("\n");
  const found: Line[] = [];
  let byte = 0;
  const starts: number[] = [];
  for (const line of lines) {
    starts.push(byte);
    byte += Buffer.byteLength(line) + 1;
  }
  for (let i = 0; i < lines.length && found.length < MAX_MESSAGES; i++) {
    const match = MESSAGE_KEY.exec((lines[i] as string).replace(/\r$/, ""));
    if (!match) continue;
    const raw = (match[2] ?? "").trim();
    const value = raw.startsWith('"') ? doubleQuoted(raw, lines, i) : raw.startsWith("'") ? singleQuoted(raw) : raw;
    if (value === "" || value === "|" || value === ">") continue;
    found.push({
      text: value,
      line: i + 1,
      byte: starts[i] as number,
      length: Buffer.byteLength(value),
      truncated: false,
    });
  }
  return found;
}

function doubleQuoted(first: string, lines: readonly string[], at: number): string {
  let body = first.slice(1);
  for (let more = 1; !closes(body) && more <= MAX_CONTINUATION && at + more < lines.length; more++) {
    body += ` ${(lines[at + more] as string).trim()}`;
  }
  const end = closingQuote(body);
  return unescapeQuoted(end < 0 ? body : body.slice(0, end));
}

function closes(body: string): boolean {
  return closingQuote(body) >= 0;
}

function closingQuote(body: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") i++;
    else if (body[i] === '"') return i;
  }
  return -1;
}

function unescapeQuoted(body: string): string {
  return body.replace(/\\(.)/g, (_, c: string) => (c === "n" || c === "t" ? " " : c));
}

function singleQuoted(raw: string): string {
  const end = raw.lastIndexOf("'");
  return (end > 0 ? raw.slice(1, end) : raw.slice(1)).replace(/''/g, "'");
}
