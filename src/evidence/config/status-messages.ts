import type { Json } from "../../config/access.ts";
import { loadText } from "../../config/load.ts";
import type { FieldPath } from "../../config/resource.ts";
import type { Line } from "../lines.ts";

const MAX_MESSAGES = 2000;
const MAX_DEPTH = 12;

/**
 * The `message` values of Kubernetes objects in YAML or JSON (status conditions, container
 * states, events), read by the project's configuration loader (so quoting, escapes and folded
 * scalars are the loader's), each with the line where it sits and that line's byte offset.
 */
export function statusMessages(text: string, source: string): Line[] {
  const { resources } = loadText(text, source, { namespace: "default", order: { next: 0 } });
  const found: Line[] = [];
  let lineStarts: number[] | undefined;
  for (const resource of resources) {
    walk(resource.body, [], 0, (path, message) => {
      if (found.length >= MAX_MESSAGES) return;
      const line = resource.locator.locate(path)?.line;
      if (line === undefined) return;
      lineStarts ??= byteStarts(text);
      const flat = message.replace(/\s*\n\s*/g, " ").trim();
      if (flat === "") return;
      found.push({
        text: flat,
        line,
        byte: lineStarts[line - 1] ?? 0,
        length: Buffer.byteLength(flat),
        truncated: false,
      });
    });
  }
  return found.sort((a, b) => a.line - b.line);
}

function walk(value: Json, path: FieldPath, depth: number, onMessage: (path: FieldPath, text: string) => void): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++)
      walk(value[index] as Json, [...path, index], depth + 1, onMessage);
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    if (key === "message" && typeof member === "string") onMessage([...path, key], member);
    else walk(member, [...path, key], depth + 1, onMessage);
  }
}

function byteStarts(text: string): number[] {
  const starts = [0];
  let byte = 0;
  for (const line of text.split("\n")) {
    byte += Buffer.byteLength(line) + 1;
    starts.push(byte);
  }
  return starts;
}
