import { CR, LF } from "./bytes.ts";

function escapeByte(byte: number): string {
  if (byte === 0x5c) return "\\\\";
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  if (byte === CR) return "\\r";
  if (byte === LF) return "\\n";
  if (byte === 0x09) return "\\t";
  return `\\x${byte.toString(16).padStart(2, "0")}`;
}

/**
 * The wire line around a byte range, escaped, with a marker line under the bytes in question:
 * `Time : Tue…\r\n` over `    ^`. Long lines are cut around the range.
 */
export function highlightBytes(bytes: Uint8Array, offset: number, length: number, width = 100): [string, string] {
  const at = Math.max(0, Math.min(offset, bytes.length));
  let start = at;
  while (start > 0 && bytes[start - 1] !== LF && at - start < width) start--;
  let end = at;
  while (end < bytes.length && at + Math.max(1, length) > end && end - start < width * 2) end++;
  while (end < bytes.length && bytes[end - 1] !== LF && end - start < width) end++;
  let text = "";
  let marks = "";
  for (let i = start; i < end; i++) {
    const shown = escapeByte(bytes[i] as number);
    text += shown;
    const hit = i >= at && i < at + Math.max(1, length);
    marks += (hit ? "^" : " ").repeat(shown.length);
  }
  if (at >= bytes.length) {
    text += "<end of input>";
    marks += "^";
  }
  return [text, marks.replace(/\s+$/, "")];
}
