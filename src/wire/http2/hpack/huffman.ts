import { HUFFMAN_CODES, HUFFMAN_LENGTHS } from "./huffman-table.ts";

const EOS = 256;
const NONE = -1;

/**
 * A decoding automaton that consumes four bits at a time. Every state is an inner node of the
 * Huffman tree; since the shortest code has five bits, one nibble completes at most one symbol.
 */
interface Automaton {
  /** next[state * 16 + nibble] */
  readonly next: Uint16Array;
  /** Symbol completed by the nibble, NONE when none, EOS when the EOS code was met (an error). */
  readonly emit: Int16Array;
  /** Whether ending in this state is valid padding: at most 7 bits, all ones (RFC 7541 §5.2). */
  readonly accepting: Uint8Array;
}

function buildAutomaton(): Automaton {
  // Binary tree over the codes: children[node * 2 + bit], a leaf is stored as -(symbol + 1).
  const children: number[] = [0, 0];
  let nodes = 1;
  for (let symbol = 0; symbol <= EOS; symbol++) {
    const code = HUFFMAN_CODES[symbol]!;
    const length = HUFFMAN_LENGTHS[symbol]!;
    let node = 0;
    for (let bit = length - 1; bit >= 0; bit--) {
      const b = Math.floor(code / 2 ** bit) & 1;
      const slot = node * 2 + b;
      if (bit === 0) {
        children[slot] = -(symbol + 1);
        break;
      }
      if (!children[slot]) {
        children[slot] = nodes++;
        children.push(0, 0);
      }
      node = children[slot]!;
    }
  }
  const depth = new Uint8Array(nodes);
  const allOnes = new Uint8Array(nodes);
  allOnes[0] = 1;
  for (let node = 0; node < nodes; node++) {
    for (const bit of [0, 1]) {
      const child = children[node * 2 + bit]!;
      if (child > 0) {
        depth[child] = depth[node]! + 1;
        allOnes[child] = allOnes[node]! && bit === 1 ? 1 : 0;
      }
    }
  }
  const next = new Uint16Array(nodes * 16);
  const emit = new Int16Array(nodes * 16).fill(NONE);
  const accepting = new Uint8Array(nodes);
  for (let state = 0; state < nodes; state++) {
    accepting[state] = allOnes[state]! && depth[state]! <= 7 ? 1 : 0;
    for (let nibble = 0; nibble < 16; nibble++) {
      let node = state;
      for (let bit = 3; bit >= 0; bit--) {
        const child = children[node * 2 + ((nibble >> bit) & 1)]!;
        if (child < 0) {
          emit[state * 16 + nibble] = -child - 1;
          node = 0;
        } else node = child;
      }
      next[state * 16 + nibble] = node;
    }
  }
  return { next, emit, accepting };
}

const AUTOMATON = buildAutomaton();

export type HuffmanError = "huffman-eos" | "huffman-padding";

/** Reused output buffer for Huffman decoding; grows to the longest string seen (bounded by the block cap). */
let scratch = Buffer.allocUnsafeSlow(4096);

/** Decodes a Huffman string into latin1 characters (one per octet); returns an error for EOS or bad padding. */
export function huffmanDecode(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
): { text: string } | { error: HuffmanError } {
  const { next, emit, accepting } = AUTOMATON;
  const most = Math.ceil(((end - start) * 8) / 5);
  if (most > scratch.length) scratch = Buffer.allocUnsafeSlow(most);
  const out = scratch;
  let length = 0;
  let state = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    const high = state * 16 + (byte >> 4);
    const first = emit[high]!;
    if (first === EOS) return { error: "huffman-eos" };
    if (first !== NONE) out[length++] = first;
    const low = next[high]! * 16 + (byte & 0xf);
    const second = emit[low]!;
    if (second === EOS) return { error: "huffman-eos" };
    if (second !== NONE) out[length++] = second;
    state = next[low]!;
  }
  if (!accepting[state]) return { error: "huffman-padding" };
  return { text: latin1(out, 0, length) };
}

/** Octets `[start, end)` as a latin1 string, one character per octet. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start <= 24) {
    let text = "";
    for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
    return text;
  }
  if (Buffer.isBuffer(bytes)) return bytes.toString("latin1", start, end);
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}

/** How many octets the Huffman encoding of a latin1 string takes. */
export function huffmanLength(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) bits += HUFFMAN_LENGTHS[text.charCodeAt(i) & 0xff]!;
  return Math.ceil(bits / 8);
}

/** Huffman-encodes a latin1 string (characters above 0xff are taken modulo 256), padding with ones. */
export function huffmanEncode(text: string): Uint8Array {
  const out = new Uint8Array(huffmanLength(text));
  let at = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const symbol = text.charCodeAt(i) & 0xff;
    const length = HUFFMAN_LENGTHS[symbol]!;
    acc = acc * 2 ** length + HUFFMAN_CODES[symbol]!;
    bits += length;
    while (bits >= 8) {
      bits -= 8;
      const scale = 2 ** bits;
      out[at++] = Math.floor(acc / scale) & 0xff;
      acc %= scale;
    }
  }
  if (bits > 0) out[at] = ((acc << (8 - bits)) | (0xff >> bits)) & 0xff;
  return out;
}
