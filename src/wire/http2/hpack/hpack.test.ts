import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { decodeInteger, type HeaderField, HpackDecoder } from "./decoder.ts";
import { encodeInteger, HpackEncoder } from "./encoder.ts";
import { huffmanDecode, huffmanEncode } from "./huffman.ts";

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));

describe("HPACK integers (RFC 7541 §5.1)", () => {
  test("C.1 examples: 10 and 1337 with a 5-bit prefix, 42 with 8 bits", () => {
    const out: number[] = [];
    encodeInteger(out, 10, 5, 0);
    encodeInteger(out, 1337, 5, 0);
    encodeInteger(out, 42, 8, 0);
    expect(out).toEqual([0x0a, 0x1f, 0x9a, 0x0a, 0x2a]);
    expect(decodeInteger(Uint8Array.from(out), 1, 5)).toEqual({ value: 1337, next: 4 });
  });

  test("the prefix maximum needs a zero continuation octet", () => {
    const out: number[] = [];
    encodeInteger(out, 31, 5, 0);
    expect(out).toEqual([0x1f, 0x00]);
    expect(decodeInteger(Uint8Array.from(out), 0, 5)).toEqual({ value: 31, next: 2 });
  });

  test("values above 2^32-1, endless continuation and missing octets are errors", () => {
    expect(decodeInteger(hex("1f ff ff ff ff 7f"), 0, 5)).toBe("integer-overflow");
    expect(decodeInteger(Uint8Array.from([0x1f, ...new Array(100).fill(0x80)]), 0, 5)).toBe("truncated");
    expect(decodeInteger(hex("1f 80"), 0, 5)).toBe("truncated");
    const max: number[] = [];
    encodeInteger(max, 2 ** 32 - 1, 7, 0);
    expect(decodeInteger(Uint8Array.from(max), 0, 7)).toEqual({ value: 2 ** 32 - 1, next: max.length });
  });
});

describe("Huffman (RFC 7541 §5.2, Appendix B)", () => {
  test("padding longer than 7 bits, padding with zeros and EOS are rejected", () => {
    expect(huffmanDecode(hex("1f"))).toEqual({ text: "a" });
    expect(huffmanDecode(hex("1f ff"))).toEqual({ error: "huffman-padding" });
    expect(huffmanDecode(hex("18"))).toEqual({ error: "huffman-padding" });
    expect(huffmanDecode(hex("ff ff ff ff"))).toEqual({ error: "huffman-eos" });
  });

  propTest.prop([fc.uint8Array({ maxLength: 300 })])("every octet string round-trips", (octets) => {
    const text = Buffer.from(octets).toString("latin1");
    expect(huffmanDecode(huffmanEncode(text))).toEqual({ text });
  });

  propTest.prop([fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 9 }), fc.uint8Array({ maxLength: 9 })])(
    "a string read in place from inside a larger block is the same",
    (octets, before, after) => {
      const text = Buffer.from(octets).toString("latin1");
      const encoded = huffmanEncode(text);
      const block = Buffer.concat([before, encoded, after]);
      expect(huffmanDecode(block, before.length, before.length + encoded.length)).toEqual({ text });
      expect(huffmanDecode(new Uint8Array(block), before.length, before.length + encoded.length)).toEqual({ text });
    },
  );
});

describe("HPACK decoder errors and caps", () => {
  const decode = (block: string, options = {}) => new HpackDecoder(options).decode(hex(block));

  test("index 0 and indexes beyond both tables", () => {
    expect(decode("80").error?.reason).toBe("index-zero");
    expect(decode("be").error).toMatchObject({ reason: "index-out-of-range", offset: 0 });
    expect(decode("82 c0").error).toMatchObject({ reason: "index-out-of-range", offset: 1 });
  });

  test("table size updates: above the limit, after a field, and shrinking evicts", () => {
    expect(decode("3f e2 1f", { maxTableSize: 4096 }).error?.reason).toBe("table-size-update-too-large");
    expect(decode("82 20").error?.reason).toBe("table-size-update-misplaced");
    const decoder = new HpackDecoder();
    decoder.decode(hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
    expect(decoder.tableLength).toBe(1);
    expect(decoder.decode(hex("20")).tableSizeUpdates).toEqual([0]);
    expect(decoder.tableLength).toBe(0);
    expect(decoder.decode(hex("be")).error?.reason).toBe("index-out-of-range");
  });

  test("a string running past the block is truncated, not read", () => {
    expect(decode("40 05 61 62").error?.reason).toBe("truncated");
  });

  test("an entry larger than the table empties it (RFC 7541 §4.4)", () => {
    const encoder = new HpackEncoder({ tableSize: 64, huffman: "never" });
    const decoder = new HpackDecoder({ maxTableSize: 64 });
    decoder.decode(encoder.encode([{ name: "a", value: "b" }]));
    expect(decoder.tableLength).toBe(1);
    const big = new HpackEncoder({ tableSize: 4096, huffman: "never" });
    const block = big.encode([{ name: "x", value: "y".repeat(100) }]);
    decoder.decode(block);
    expect(decoder.tableLength).toBe(0);
  });

  test("the decoded list is capped: fields beyond it are dropped and reported", () => {
    const encoder = new HpackEncoder();
    const fields = Array.from({ length: 50 }, (_, i) => ({ name: `x-${i}`, value: "v".repeat(100) }));
    const result = new HpackDecoder({ maxHeaderListSize: 1000 }).decode(encoder.encode(fields));
    expect(result.error?.reason).toBe("header-list-too-large");
    expect(result.fields.reduce((n, f) => n + f.name.length + f.value.length + 32, 0)).toBeLessThanOrEqual(1000);
    expect(result.listSize).toBeGreaterThan(5000);
  });
});

const field: fc.Arbitrary<HeaderField> = fc.record({
  name: fc.oneof(
    fc.constantFrom(":status", ":path", "content-type", "set-cookie", "x-a"),
    fc.string({ maxLength: 20 }),
  ),
  value: fc.oneof(
    fc.constantFrom("", "200", "gzip"),
    fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b).toString("latin1")),
  ),
});

describe("HPACK properties", () => {
  propTest.prop([
    fc.array(fc.array(field, { maxLength: 12 }), { maxLength: 6 }),
    fc.constantFrom("auto", "always", "never" as const),
    fc.boolean(),
    fc.integer({ min: 0, max: 4096 }),
  ])("encode then decode gives the same fields, block after block", (blocks, huffman, indexing, tableSize) => {
    const encoder = new HpackEncoder({ huffman, indexing, tableSize: 4096 });
    const decoder = new HpackDecoder();
    encoder.setTableSize(tableSize);
    for (const fields of blocks) {
      const safe = fields.map((f) => ({ name: Buffer.from(f.name, "utf8").toString("latin1"), value: f.value }));
      const result = decoder.decode(encoder.encode(safe));
      expect(result.error).toBeUndefined();
      expect(result.fields.map((f) => [f.name, f.value])).toEqual(safe.map((f) => [f.name, f.value]));
      expect(decoder.tableSize).toBeLessThanOrEqual(tableSize);
    }
  });

  propTest.prop([fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 5 })])(
    "random blocks never throw; the table stays within its size",
    (blocks) => {
      const decoder = new HpackDecoder({ maxTableSize: 4096, maxHeaderListSize: 8192 });
      for (const block of blocks) {
        const result = decoder.decode(block);
        expect(result.fields.length).toBeLessThanOrEqual(block.length);
        expect(decoder.tableSize).toBeLessThanOrEqual(4096);
      }
    },
  );
});
