import type { HeaderField } from "./decoder.ts";
import { huffmanEncode, huffmanLength } from "./huffman.ts";
import { STATIC_TABLE } from "./static-table.ts";
import { DynamicTable, entrySize } from "./table.ts";

export interface HpackEncoderOptions {
  /** Dynamic table capacity to use (at most the peer's SETTINGS_HEADER_TABLE_SIZE). */
  readonly tableSize?: number;
  /** "auto" uses Huffman when it is shorter. */
  readonly huffman?: "auto" | "always" | "never";
  /** Add literals to the dynamic table (incremental indexing); false writes literals without indexing. */
  readonly indexing?: boolean;
}

/** Appends an HPACK integer with an N-bit prefix (RFC 7541 §5.1); `high` holds the bits above the prefix. */
export function encodeInteger(out: number[], value: number, prefixBits: number, high: number): void {
  const mask = (1 << prefixBits) - 1;
  if (value < mask) {
    out.push(high | value);
    return;
  }
  out.push(high | mask);
  let rest = value - mask;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

const STATIC_EXACT = new Map<string, number>();
const STATIC_NAME = new Map<string, number>();
STATIC_TABLE.forEach(([name, value], i) => {
  const key = `${name}\u0000${value}`;
  if (!STATIC_EXACT.has(key)) STATIC_EXACT.set(key, i + 1);
  if (!STATIC_NAME.has(name)) STATIC_NAME.set(name, i + 1);
});

/**
 * HPACK encoder (RFC 7541) for the probe and for tests: indexed fields, literals with or without
 * indexing, never-indexed literals for sensitive fields, Huffman, and table size updates.
 */
export class HpackEncoder {
  readonly #table: DynamicTable;
  readonly #huffman: "auto" | "always" | "never";
  readonly #indexing: boolean;
  readonly #exact = new Map<string, number>();
  readonly #names = new Map<string, number>();
  #pendingSizeUpdates: number[] = [];

  constructor(options: HpackEncoderOptions = {}) {
    this.#table = new DynamicTable(options.tableSize ?? 4096);
    this.#huffman = options.huffman ?? "auto";
    this.#indexing = options.indexing ?? true;
  }

  /** Changes the table capacity; the next block starts with the size update (RFC 7541 §6.3). */
  setTableSize(size: number): void {
    this.#table.resize(size);
    this.#pendingSizeUpdates.push(size);
  }

  encode(fields: readonly HeaderField[]): Uint8Array {
    const out: number[] = [];
    const updates = this.#pendingSizeUpdates;
    this.#pendingSizeUpdates = [];
    // Only the smallest and the final size matter to the decoder.
    if (updates.length > 0) {
      const smallest = Math.min(...updates);
      const last = updates[updates.length - 1]!;
      if (smallest !== last) encodeInteger(out, smallest, 5, 0x20);
      encodeInteger(out, last, 5, 0x20);
    }
    for (const field of fields) this.#encodeField(out, field);
    return Uint8Array.from(out);
  }

  #dynamicIndex(map: Map<string, number>, key: string): number | undefined {
    const insertion = map.get(key);
    if (insertion === undefined) return undefined;
    const index = this.#table.indexOf(insertion);
    return index === undefined ? undefined : STATIC_TABLE.length + index;
  }

  #encodeField(out: number[], field: HeaderField): void {
    const key = `${field.name}\u0000${field.value}`;
    if (!field.sensitive) {
      const exact = STATIC_EXACT.get(key) ?? this.#dynamicIndex(this.#exact, key);
      if (exact !== undefined) {
        encodeInteger(out, exact, 7, 0x80);
        return;
      }
    }
    const nameIndex = STATIC_NAME.get(field.name) ?? this.#dynamicIndex(this.#names, field.name) ?? 0;
    const indexing = this.#indexing && !field.sensitive && entrySize(field.name, field.value) <= this.#table.capacity;
    if (indexing) encodeInteger(out, nameIndex, 6, 0x40);
    else encodeInteger(out, nameIndex, 4, field.sensitive ? 0x10 : 0x00);
    if (nameIndex === 0) this.#encodeString(out, field.name);
    this.#encodeString(out, field.value);
    if (indexing) {
      this.#table.add(field.name, field.value);
      this.#exact.set(key, this.#table.inserted);
      this.#names.set(field.name, this.#table.inserted);
      if (this.#exact.size > 4 * (this.#table.length + 64)) this.#prune();
    }
  }

  #encodeString(out: number[], text: string): void {
    const huffman = this.#huffman === "always" || (this.#huffman === "auto" && huffmanLength(text) < text.length);
    if (huffman) {
      const bytes = huffmanEncode(text);
      encodeInteger(out, bytes.length, 7, 0x80);
      for (const byte of bytes) out.push(byte);
      return;
    }
    encodeInteger(out, text.length, 7, 0x00);
    for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff);
  }

  /** Drops lookup entries for evicted table entries so the maps stay as small as the table. */
  #prune(): void {
    for (const map of [this.#exact, this.#names]) {
      for (const [key, insertion] of map) if (this.#table.indexOf(insertion) === undefined) map.delete(key);
    }
  }
}
