import { describe, expect, test } from "vitest";
import { HpackDecoder } from "./decoder.ts";
import { HpackEncoder } from "./encoder.ts";

/** RFC 7541 Appendix C, typed in from the RFC: each block with the fields it decodes to and the table size after it. */
interface Vector {
  readonly hex: string;
  readonly fields: readonly (readonly [string, string])[];
  readonly tableSize: number;
}

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));

const REQUEST_1: readonly (readonly [string, string])[] = [
  [":method", "GET"],
  [":scheme", "http"],
  [":path", "/"],
  [":authority", "www.example.com"],
];
const REQUEST_2 = [...REQUEST_1, ["cache-control", "no-cache"]] as const;
const REQUEST_3: readonly (readonly [string, string])[] = [
  [":method", "GET"],
  [":scheme", "https"],
  [":path", "/index.html"],
  [":authority", "www.example.com"],
  ["custom-key", "custom-value"],
];
const RESPONSE_1: readonly (readonly [string, string])[] = [
  [":status", "302"],
  ["cache-control", "private"],
  ["date", "Mon, 21 Oct 2013 20:13:21 GMT"],
  ["location", "https://www.example.com"],
];
const RESPONSE_2: readonly (readonly [string, string])[] = [[":status", "307"], ...RESPONSE_1.slice(1)];
const RESPONSE_3: readonly (readonly [string, string])[] = [
  [":status", "200"],
  ["cache-control", "private"],
  ["date", "Mon, 21 Oct 2013 20:13:22 GMT"],
  ["location", "https://www.example.com"],
  ["content-encoding", "gzip"],
  ["set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"],
];

const SEQUENCES: Record<string, { tableSize: number; huffman: boolean; vectors: readonly Vector[] }> = {
  "C.3 requests without Huffman": {
    tableSize: 4096,
    huffman: false,
    vectors: [
      { hex: "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d", fields: REQUEST_1, tableSize: 57 },
      { hex: "8286 84be 5808 6e6f 2d63 6163 6865", fields: REQUEST_2, tableSize: 110 },
      {
        hex: "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
        fields: REQUEST_3,
        tableSize: 164,
      },
    ],
  },
  "C.4 requests with Huffman": {
    tableSize: 4096,
    huffman: true,
    vectors: [
      { hex: "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", fields: REQUEST_1, tableSize: 57 },
      { hex: "8286 84be 5886 a8eb 1064 9cbf", fields: REQUEST_2, tableSize: 110 },
      { hex: "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf", fields: REQUEST_3, tableSize: 164 },
    ],
  },
  "C.5 responses without Huffman": {
    tableSize: 256,
    huffman: false,
    vectors: [
      {
        hex: `4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133
              3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d`,
        fields: RESPONSE_1,
        tableSize: 222,
      },
      { hex: "4803 3330 37c1 c0bf", fields: RESPONSE_2, tableSize: 222 },
      {
        hex: `88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970
              7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61
              6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31`,
        fields: RESPONSE_3,
        tableSize: 215,
      },
    ],
  },
  "C.6 responses with Huffman": {
    tableSize: 256,
    huffman: true,
    vectors: [
      {
        hex: `4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad
              1718 63c7 8f0b 97c8 e9ae 82ae 43d3`,
        fields: RESPONSE_1,
        tableSize: 222,
      },
      { hex: "4883 640e ffc1 c0bf", fields: RESPONSE_2, tableSize: 222 },
      {
        hex: `88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2
              e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07`,
        fields: RESPONSE_3,
        tableSize: 215,
      },
    ],
  },
};

const asPairs = (fields: readonly { name: string; value: string }[]) => fields.map((f) => [f.name, f.value]);

describe("RFC 7541 C.2 single representations", () => {
  test("C.2.1 literal with indexing enters the table", () => {
    const decoder = new HpackDecoder();
    const result = decoder.decode(hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
    expect(result.error).toBeUndefined();
    expect(asPairs(result.fields)).toEqual([["custom-key", "custom-header"]]);
    expect(decoder.tableSize).toBe(55);
  });

  test("C.2.2 literal without indexing leaves the table empty", () => {
    const decoder = new HpackDecoder();
    const result = decoder.decode(hex("040c 2f73 616d 706c 652f 7061 7468"));
    expect(asPairs(result.fields)).toEqual([[":path", "/sample/path"]]);
    expect(decoder.tableLength).toBe(0);
  });

  test("C.2.3 never-indexed literal is marked sensitive", () => {
    const decoder = new HpackDecoder();
    const result = decoder.decode(hex("1008 7061 7373 776f 7264 0673 6563 7265 74"));
    expect(result.fields).toEqual([{ name: "password", value: "secret", sensitive: true }]);
    expect(decoder.tableLength).toBe(0);
    expect(
      new HpackEncoder({ huffman: "never" }).encode([{ name: "password", value: "secret", sensitive: true }]),
    ).toEqual(hex("1008 7061 7373 776f 7264 0673 6563 7265 74"));
  });

  test("C.2.4 indexed field from the static table", () => {
    const result = new HpackDecoder().decode(hex("82"));
    expect(asPairs(result.fields)).toEqual([[":method", "GET"]]);
  });
});

describe.each(Object.entries(SEQUENCES))("RFC 7541 %s", (_, sequence) => {
  test("decodes each block with the shared dynamic table", () => {
    const decoder = new HpackDecoder({ maxTableSize: sequence.tableSize });
    for (const vector of sequence.vectors) {
      const result = decoder.decode(hex(vector.hex));
      expect(result.error).toBeUndefined();
      expect(asPairs(result.fields)).toEqual(vector.fields);
      expect(decoder.tableSize).toBe(vector.tableSize);
    }
  });

  test("our encoder writes the RFC's octets", () => {
    const encoder = new HpackEncoder({ tableSize: sequence.tableSize, huffman: sequence.huffman ? "always" : "never" });
    for (const vector of sequence.vectors) {
      const block = encoder.encode(vector.fields.map(([name, value]) => ({ name, value })));
      expect(Buffer.from(block).toString("hex")).toBe(vector.hex.replace(/\s+/g, ""));
    }
  });
});
