import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { offsetOf, readLayout, sniffExecutable } from "./exec-format.ts";
import { syntheticGoElf } from "./synthetic-elf.ts";

function machO(): Buffer {
  const file = Buffer.alloc(32 + 72);
  file.writeUInt32LE(0xfeedfacf, 0);
  file.writeUInt32LE(1, 16); // ncmds
  file.writeUInt32LE(72, 20); // sizeofcmds
  file.writeUInt32LE(0x19, 32); // LC_SEGMENT_64
  file.writeUInt32LE(72, 36);
  file.writeBigUInt64LE(0x100000000n, 32 + 24); // vmaddr
  file.writeBigUInt64LE(0x4000n, 32 + 32); // vmsize
  file.writeBigUInt64LE(0n, 32 + 40); // fileoff
  file.writeBigUInt64LE(0x4000n, 32 + 48); // filesize
  return file;
}

function pe(): Buffer {
  const file = Buffer.alloc(0x200);
  file.write("MZ", 0, "latin1");
  file.writeUInt32LE(0x80, 0x3c);
  file.writeUInt32BE(0x50450000, 0x80);
  file.writeUInt16LE(1, 0x86); // sections
  file.writeUInt16LE(0xf0, 0x94); // optional header size
  file.writeUInt16LE(0x20b, 0x98); // PE32+
  file.writeBigUInt64LE(0x140000000n, 0x98 + 24); // image base
  const section = 0x98 + 0xf0;
  file.write(".data", section, "latin1");
  file.writeUInt32LE(0x3000, section + 8); // virtual size
  file.writeUInt32LE(0x5000, section + 12); // virtual address
  file.writeUInt32LE(0x3000, section + 16); // raw size
  file.writeUInt32LE(0x1000, section + 20); // raw pointer
  return file;
}

describe("executable layouts", () => {
  test("ELF: loaded segments map addresses to file offsets", () => {
    const layout = readLayout(syntheticGoElf({ version: "go1.16" }));
    expect(layout?.format).toBe("elf");
    expect(offsetOf(layout, 0x412100n)).toBe(0x12100);
    expect(offsetOf(layout, 0x10n)).toBeUndefined();
  });

  test("Mach-O and PE", () => {
    expect(sniffExecutable(machO())).toBe("macho");
    expect(offsetOf(readLayout(machO()), 0x100000010n)).toBe(0x10);
    expect(sniffExecutable(pe())).toBe("pe");
    expect(offsetOf(readLayout(pe()), 0x140005010n)).toBe(0x1010);
  });

  test("headers cut short give no layout yet", () => {
    expect(readLayout(syntheticGoElf({ version: "go1.16" }).subarray(0, 80))).toBeUndefined();
    expect(sniffExecutable(Buffer.from("#!/bin/sh\n"))).toBeUndefined();
  });

  test.prop([fc.constantFrom("\x7fELF", "MZ", "\xcf\xfa\xed\xfe"), fc.uint8Array({ maxLength: 600 })])(
    "random headers never throw",
    (magic, rest) => {
      const head = Buffer.concat([Buffer.from(magic, "latin1"), Buffer.from(rest)]);
      expect(() => offsetOf(readLayout(head), 0x400000n)).not.toThrow();
    },
  );
});
