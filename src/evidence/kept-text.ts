/** The text a multi-line block keeps: its lines, and their length in all. */
export interface KeptText {
  readonly parts: string[];
  chars: number;
}

/** Keeps `text` in the block until `max` characters are kept in all; what is beyond is dropped. */
export function keepBounded(kept: KeptText, text: string, max: number): void {
  if (kept.chars >= max) return;
  const part = text.slice(0, max - kept.chars);
  kept.parts.push(part);
  kept.chars += part.length;
}
