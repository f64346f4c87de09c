/**
 * istiod logs its push status every few seconds as indented JSON spread over many lines
 * (`Push Status: {` … `}`): for each metric, the clusters or proxies it counts and a message.
 * This collects one such block, bounded, and reads the entries out of it.
 */
export interface PushStatusEntry {
  readonly metric: string;
  /** The cluster (`outbound|9080|v1|reviews…`) or the proxy id the entry is about. */
  readonly key: string;
  readonly message?: string;
}

const MAX_BLOCK_CHARS = 1 << 20;
const MAX_BLOCK_LINES = 20_000;
const MAX_ENTRIES = 2000;

export class PushStatusBlock {
  private text = "";
  private lines = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private overflow = false;

  /** Adds text; returns true once the outermost object has closed. */
  add(piece: string): boolean {
    this.lines++;
    if (this.lines > MAX_BLOCK_LINES || this.text.length + piece.length > MAX_BLOCK_CHARS) this.overflow = true;
    if (!this.overflow) this.text += `${piece}\n`;
    for (let i = 0; i < piece.length; i++) {
      const ch = piece[i];
      if (this.escaped) this.escaped = false;
      else if (this.inString) {
        if (ch === "\\") this.escaped = true;
        else if (ch === '"') this.inString = false;
      } else if (ch === '"') this.inString = true;
      else if (ch === "{") this.depth++;
      else if (ch === "}" && --this.depth <= 0) return true;
    }
    return this.overflow && this.lines > MAX_BLOCK_LINES;
  }

  /** The entries, or none when the block was cut or is not the expected JSON. */
  entries(): PushStatusEntry[] {
    if (this.overflow) return [];
    let value: unknown;
    try {
      value = JSON.parse(this.text);
    } catch {
      return [];
    }
    const entries: PushStatusEntry[] = [];
    if (!isRecord(value)) return entries;
    for (const [metric, byKey] of Object.entries(value)) {
      if (!isRecord(byKey)) continue;
      for (const [key, detail] of Object.entries(byKey)) {
        if (entries.length >= MAX_ENTRIES) return entries;
        const message = isRecord(detail) && typeof detail.message === "string" ? detail.message : undefined;
        entries.push(message ? { metric, key, message } : { metric, key });
      }
    }
    return entries;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
