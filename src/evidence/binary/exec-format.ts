import type { ExecutableFormat } from "../../model/observations/binary.ts";

/** A stretch of the file that is loaded at a virtual address. */
export interface Mapping {
  readonly address: bigint;
  readonly offset: number;
  readonly size: number;
}

/** What the executable's headers say, read from its first bytes. */
export interface ExecutableLayout {
  readonly format: ExecutableFormat;
  readonly pointerSize: 4 | 8;
  readonly bigEndian: boolean;
  readonly mappings: readonly Mapping[];
}

const MAX_MAPPINGS = 64;

export function sniffExecutable(head: Buffer): ExecutableFormat | undefined {
  if (head.length >= 16 && head.readUInt32BE(0) === 0x7f454c46) return "elf";
  if (head.length >= 32) {
    const magic = head.readUInt32LE(0);
    if (magic === 0xfeedfacf || magic === 0xfeedface || magic === 0xcffaedfe || magic === 0xcefaedfe) return "macho";
  }
  if (head.length >= 0x40 && head[0] === 0x4d && head[1] === 0x5a) {
    const pe = head.readUInt32LE(0x3c);
    if (pe + 4 <= head.length && head.readUInt32BE(pe) === 0x50450000) return "pe";
  }
  return undefined;
}

/** Reads the loaded segments from the headers; undefined until `head` holds all the header tables. */
export function readLayout(head: Buffer): ExecutableLayout | undefined {
  try {
    switch (sniffExecutable(head)) {
      case "elf":
        return elfLayout(head);
      case "macho":
        return machoLayout(head);
      case "pe":
        return peLayout(head);
      default:
        return undefined;
    }
  } catch {
    // A header that points outside the bytes read: no mappings, the inline build info still works.
    return undefined;
  }
}

/** The file offset of a virtual address, when a mapping holds it. */
export function offsetOf(layout: ExecutableLayout | undefined, address: bigint): number | undefined {
  if (!layout) return undefined;
  for (const mapping of layout.mappings) {
    const delta = address - mapping.address;
    if (delta >= 0n && delta < BigInt(mapping.size)) return mapping.offset + Number(delta);
  }
  return undefined;
}

class Reader {
  readonly bytes: Buffer;
  readonly bigEndian: boolean;
  constructor(bytes: Buffer, bigEndian: boolean) {
    this.bytes = bytes;
    this.bigEndian = bigEndian;
  }
  /** Fails the parse when the headers reach past the bytes at hand: more bytes may follow. */
  need(end: number): void {
    if (end > this.bytes.length) throw new RangeError("headers reach past the bytes read");
  }
  u16(at: number): number {
    return this.bigEndian ? this.bytes.readUInt16BE(at) : this.bytes.readUInt16LE(at);
  }
  u32(at: number): number {
    return this.bigEndian ? this.bytes.readUInt32BE(at) : this.bytes.readUInt32LE(at);
  }
  u64(at: number): bigint {
    return this.bigEndian ? this.bytes.readBigUInt64BE(at) : this.bytes.readBigUInt64LE(at);
  }
  word(at: number, size: 4 | 8): bigint {
    return size === 8 ? this.u64(at) : BigInt(this.u32(at));
  }
}

function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function elfLayout(head: Buffer): ExecutableLayout {
  const pointerSize = head[4] === 2 ? 8 : 4;
  const bigEndian = head[5] === 2;
  const r = new Reader(head, bigEndian);
  const phoff = safeNumber(r.word(pointerSize === 8 ? 0x20 : 0x1c, pointerSize));
  const phentsize = r.u16(pointerSize === 8 ? 0x36 : 0x2a);
  const phnum = Math.min(r.u16(pointerSize === 8 ? 0x38 : 0x2c), MAX_MAPPINGS);
  if (phentsize < (pointerSize === 8 ? 56 : 32)) return { format: "elf", pointerSize, bigEndian, mappings: [] };
  r.need(phoff + phnum * phentsize);
  const mappings: Mapping[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (r.u32(at) !== 1) continue; // PT_LOAD
    if (pointerSize === 8) {
      mappings.push({ offset: safeNumber(r.u64(at + 8)), address: r.u64(at + 16), size: safeNumber(r.u64(at + 32)) });
    } else {
      mappings.push({ offset: r.u32(at + 4), address: BigInt(r.u32(at + 8)), size: r.u32(at + 16) });
    }
  }
  return { format: "elf", pointerSize, bigEndian, mappings };
}

function machoLayout(head: Buffer): ExecutableLayout {
  const magicLE = head.readUInt32LE(0);
  const bigEndian = magicLE === 0xcffaedfe || magicLE === 0xcefaedfe;
  const r = new Reader(head, bigEndian);
  const pointerSize = r.u32(0) === 0xfeedfacf ? 8 : 4;
  const ncmds = Math.min(r.u32(16), 512);
  let at = pointerSize === 8 ? 32 : 28;
  r.need(at + Math.min(r.u32(20), 1 << 20));
  const mappings: Mapping[] = [];
  for (let i = 0; i < ncmds && at + 8 <= head.length && mappings.length < MAX_MAPPINGS; i++) {
    const cmd = r.u32(at);
    const size = r.u32(at + 4);
    if (size < 8) break;
    if (cmd === 0x19 && at + 72 <= head.length) {
      mappings.push({ address: r.u64(at + 24), offset: safeNumber(r.u64(at + 40)), size: safeNumber(r.u64(at + 48)) });
    } else if (cmd === 0x1 && at + 56 <= head.length) {
      mappings.push({ address: BigInt(r.u32(at + 24)), offset: r.u32(at + 32), size: r.u32(at + 36) });
    }
    at += size;
  }
  return { format: "macho", pointerSize, bigEndian, mappings };
}

function peLayout(head: Buffer): ExecutableLayout {
  const r = new Reader(head, false);
  const pe = r.u32(0x3c);
  const sections = Math.min(r.u16(pe + 6), MAX_MAPPINGS);
  const optionalSize = r.u16(pe + 20);
  const optional = pe + 24;
  const pe32plus = r.u16(optional) === 0x20b;
  const imageBase = pe32plus ? r.u64(optional + 24) : BigInt(r.u32(optional + 28));
  r.need(optional + optionalSize + sections * 40);
  const mappings: Mapping[] = [];
  for (let i = 0; i < sections; i++) {
    const at = optional + optionalSize + i * 40;
    if (at + 40 > head.length) break;
    mappings.push({
      address: imageBase + BigInt(r.u32(at + 12)),
      size: Math.min(r.u32(at + 8), r.u32(at + 16)) || r.u32(at + 16),
      offset: r.u32(at + 20),
    });
  }
  return { format: "pe", pointerSize: pe32plus ? 8 : 4, bigEndian: false, mappings };
}
