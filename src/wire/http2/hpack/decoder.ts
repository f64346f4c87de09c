import { huffmanDecode, latin1 } from "./huffman.ts";
import { STATIC_TABLE } from "./static-table.ts";
import { DynamicTable } from "./table.ts";

/**
 * One decoded field. Names and values are latin1 strings holding the octets exactly as sent
 * (so NUL, CR, obs-text and raw UTF-8 stay visible to the checks); see `fieldText` for display.
 */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
  /** Literal never indexed (RFC 7541 §6.2.3): an intermediary must keep it out of tables. */
  readonly sensitive?: boolean;
}

export type HpackErrorReason =
  | "truncated"
  | "integer-overflow"
  | "index-zero"
  | "index-out-of-range"
  | "huffman-eos"
  | "huffman-padding"
  | "table-size-update-too-large"
  | "table-size-update-misplaced"
  | "header-list-too-large";

/** A decoding failure: a COMPRESSION_ERROR for the connection (RFC 9113 §4.3), except list-size caps. */
export interface HpackError {
  readonly reason: HpackErrorReason;
  /** Octet offset inside the header block. */
  readonly offset: number;
  readonly message: string;
}

export interface HpackDecodeResult {
  readonly fields: readonly HeaderField[];
  /** Sum of name + value + 32 over all fields (RFC 9113 §6.5.2 SETTINGS_MAX_HEADER_LIST_SIZE). */
  readonly listSize: number;
  readonly tableSizeUpdates: readonly number[];
  readonly error?: HpackError;
}

export interface HpackDecoderOptions {
  /** SETTINGS_HEADER_TABLE_SIZE the decoding side advertised: the most a size update may ask for. */
  readonly maxTableSize?: number;
  /** Fields beyond this decoded size are dropped (and reported); the table stays in step. */
  readonly maxHeaderListSize?: number;
}

const MAX_INTEGER = 2 ** 32 - 1;

/** Reads an HPACK integer with an N-bit prefix (RFC 7541 §5.1) from `bytes` at `at`. */
export function decodeInteger(
  bytes: Uint8Array,
  at: number,
  prefixBits: number,
): { value: number; next: number } | HpackErrorReason {
  if (at >= bytes.length) return "truncated";
  const mask = (1 << prefixBits) - 1;
  let value = bytes[at]! & mask;
  let next = at + 1;
  if (value < mask) return { value, next };
  let scale = 1;
  for (;;) {
    if (next >= bytes.length) return "truncated";
    const byte = bytes[next++]!;
    value += (byte & 0x7f) * scale;
    if (value > MAX_INTEGER) return "integer-overflow";
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next };
  }
}

/**
 * HPACK decoder for one direction of a connection (RFC 7541). Never throws; after an error the
 * connection's compression state is undefined, so callers should stop decoding (as a peer would).
 */
export class HpackDecoder {
  readonly #table: DynamicTable;
  #maxTableSize: number;
  readonly #maxHeaderListSize: number;

  constructor(options: HpackDecoderOptions = {}) {
    this.#maxTableSize = options.maxTableSize ?? 4096;
    this.#maxHeaderListSize = options.maxHeaderListSize ?? 256 * 1024;
    this.#table = new DynamicTable(this.#maxTableSize);
  }

  /**
   * The decoding side's SETTINGS_HEADER_TABLE_SIZE took effect: the most a size update may ask
   * for. The table itself changes only when the encoder sends the update (RFC 7541 §4.2).
   */
  setMaxTableSize(size: number): void {
    this.#maxTableSize = size;
  }

  get tableSize(): number {
    return this.#table.size;
  }

  get tableCapacity(): number {
    return this.#table.capacity;
  }

  get tableLength(): number {
    return this.#table.length;
  }

  decode(block: Uint8Array): HpackDecodeResult {
    const fields: HeaderField[] = [];
    const tableSizeUpdates: number[] = [];
    let listSize = 0;
    let at = 0;
    let sawField = false;
    let overLimit = false;
    const fail = (reason: HpackErrorReason, offset: number, message: string): HpackDecodeResult => ({
      fields,
      listSize,
      tableSizeUpdates,
      error: { reason, offset, message },
    });
    while (at < block.length) {
      const start = at;
      const first = block[at]!;
      if (first & 0x80) {
        const index = decodeInteger(block, at, 7);
        if (typeof index === "string") return fail(index, start, "bad index integer");
        const entry = this.#lookup(index.value);
        if (typeof entry === "string")
          return fail(entry, start, `index ${index.value} is not in the static or dynamic table (RFC 7541 §2.3.3)`);
        at = index.next;
        sawField = true;
        listSize += entry[0].length + entry[1].length + 32;
        if (listSize > this.#maxHeaderListSize) overLimit = true;
        else fields.push({ name: entry[0], value: entry[1] });
        continue;
      }
      if ((first & 0xe0) === 0x20) {
        const size = decodeInteger(block, at, 5);
        if (typeof size === "string") return fail(size, start, "bad table size integer");
        if (sawField)
          return fail("table-size-update-misplaced", start, "dynamic table size update after a field (RFC 7541 §4.2)");
        if (size.value > this.#maxTableSize)
          return fail(
            "table-size-update-too-large",
            start,
            `table size update to ${size.value} above the limit ${this.#maxTableSize} (RFC 7541 §6.3)`,
          );
        this.#table.resize(size.value);
        tableSizeUpdates.push(size.value);
        at = size.next;
        continue;
      }
      // Literal: with incremental indexing (01), without indexing (0000), never indexed (0001).
      const indexing = (first & 0xc0) === 0x40;
      const prefixBits = indexing ? 6 : 4;
      const sensitive = !indexing && (first & 0xf0) === 0x10;
      const nameIndex = decodeInteger(block, at, prefixBits);
      if (typeof nameIndex === "string") return fail(nameIndex, start, "bad name index integer");
      at = nameIndex.next;
      let name: string;
      if (nameIndex.value === 0) {
        const literal = this.#readString(block, at);
        if ("reason" in literal) return fail(literal.reason, literal.offset, literal.message);
        name = literal.text;
        at = literal.next;
      } else {
        const entry = this.#lookup(nameIndex.value);
        if (typeof entry === "string")
          return fail(entry, start, `name index ${nameIndex.value} is not in the tables (RFC 7541 §2.3.3)`);
        name = entry[0];
      }
      const value = this.#readString(block, at);
      if ("reason" in value) return fail(value.reason, value.offset, value.message);
      at = value.next;
      sawField = true;
      if (indexing) this.#table.add(name, value.text);
      listSize += name.length + value.text.length + 32;
      if (listSize > this.#maxHeaderListSize) overLimit = true;
      else fields.push(sensitive ? { name, value: value.text, sensitive } : { name, value: value.text });
    }
    if (overLimit)
      return fail(
        "header-list-too-large",
        block.length,
        `decoded header list of ${listSize} octets exceeds the cap of ${this.#maxHeaderListSize}`,
      );
    return { fields, listSize, tableSizeUpdates };
  }

  #lookup(index: number): readonly [string, string] | HpackErrorReason {
    if (index === 0) return "index-zero";
    if (index <= STATIC_TABLE.length) return STATIC_TABLE[index - 1]!;
    return this.#table.get(index - STATIC_TABLE.length) ?? "index-out-of-range";
  }

  #readString(
    block: Uint8Array,
    at: number,
  ): { text: string; next: number } | { reason: HpackErrorReason; offset: number; message: string } {
    const length = decodeInteger(block, at, 7);
    if (typeof length === "string") return { reason: length, offset: at, message: "bad string length integer" };
    const end = length.next + length.value;
    if (end > block.length)
      return {
        reason: "truncated",
        offset: at,
        message: `string of ${length.value} octets runs past the end of the block`,
      };
    if ((block[at]! & 0x80) === 0) return { text: latin1(block, length.next, end), next: end };
    const decoded = huffmanDecode(block, length.next, end);
    if ("error" in decoded) {
      const message =
        decoded.error === "huffman-eos"
          ? "Huffman string contains EOS (RFC 7541 §5.2)"
          : "Huffman padding is longer than 7 bits or not all ones (RFC 7541 §5.2)";
      return { reason: decoded.error, offset: at, message };
    }
    return { text: decoded.text, next: end };
  }
}

/** A field's octets read as UTF-8 for display (invalid sequences become U+FFFD). */
export function fieldText(latin1Text: string): string {
  return Buffer.from(latin1Text, "latin1").toString("utf8");
}
