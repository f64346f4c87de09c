import { MODINFO_END, MODINFO_START } from "./buildinfo.ts";

/**
 * Builds a small ELF64 little-endian file laid out like a Go 1.13–1.17 executable: the version and
 * module strings in read-only data, then the pointer-style build-info blob, then the two Go string
 * headers it points at, then symbol names. For tests of the reader; not a runnable program.
 */
export interface SyntheticGoElf {
  readonly version: string;
  readonly modinfo?: string;
  readonly symbols?: readonly string[];
}

const BASE = 0x400000n;
const RODATA = 0x10000;
const BLOB = 0x12000;
const HEADERS = 0x12100;
const SYMBOLS = 0x12200;

export function syntheticGoElf(spec: SyntheticGoElf): Buffer {
  const symbols = Buffer.from(`${(spec.symbols ?? []).join("\0")}\0`, "latin1");
  const size = SYMBOLS + symbols.length + 64;
  const file = Buffer.alloc(size);
  writeElfHeader(file, size);
  const version = Buffer.from(spec.version, "latin1");
  const versionAt = RODATA + 0x40;
  file.write("runtime.gopark", RODATA, "latin1");
  version.copy(file, versionAt);
  file.write("sync.runtime_Semacquire", versionAt + version.length, "latin1");
  let modinfoLength = 0;
  const modinfoAt = RODATA + 0x200;
  if (spec.modinfo !== undefined) {
    const framed = Buffer.concat([MODINFO_START, Buffer.from(spec.modinfo, "latin1"), MODINFO_END]);
    framed.copy(file, modinfoAt);
    modinfoLength = framed.length;
  }
  file.write("\xff Go buildinf:", BLOB, "latin1");
  file[BLOB + 14] = 8;
  file[BLOB + 15] = 0;
  file.writeBigUInt64LE(BASE + BigInt(HEADERS), BLOB + 16);
  file.writeBigUInt64LE(BASE + BigInt(HEADERS + 16), BLOB + 24);
  file.writeBigUInt64LE(BASE + BigInt(versionAt), HEADERS);
  file.writeBigUInt64LE(BigInt(version.length), HEADERS + 8);
  file.writeBigUInt64LE(modinfoLength > 0 ? BASE + BigInt(modinfoAt) : 0n, HEADERS + 16);
  file.writeBigUInt64LE(BigInt(modinfoLength), HEADERS + 24);
  symbols.copy(file, SYMBOLS);
  return file;
}

function writeElfHeader(file: Buffer, size: number): void {
  file.write("\x7fELF", 0, "latin1");
  file[4] = 2; // 64-bit
  file[5] = 1; // little endian
  file[6] = 1;
  file.writeUInt16LE(2, 16); // ET_EXEC
  file.writeUInt16LE(0x3e, 18); // x86-64
  file.writeUInt32LE(1, 20);
  file.writeBigUInt64LE(BASE + 0x1000n, 24);
  file.writeBigUInt64LE(64n, 32); // e_phoff
  file.writeUInt16LE(64, 52); // e_ehsize
  file.writeUInt16LE(56, 54); // e_phentsize
  file.writeUInt16LE(1, 56); // e_phnum
  const ph = 64;
  file.writeUInt32LE(1, ph); // PT_LOAD
  file.writeUInt32LE(5, ph + 4);
  file.writeBigUInt64LE(0n, ph + 8);
  file.writeBigUInt64LE(BASE, ph + 16);
  file.writeBigUInt64LE(BASE, ph + 24);
  file.writeBigUInt64LE(BigInt(size), ph + 32);
  file.writeBigUInt64LE(BigInt(size), ph + 40);
  file.writeBigUInt64LE(0x1000n, ph + 48);
}
