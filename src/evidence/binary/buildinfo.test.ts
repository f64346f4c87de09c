import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { decodeHeader, MODINFO_END, MODINFO_START, parseModinfo, readVarString, unframeModinfo } from "./buildinfo.ts";

function header(pointerSize: number, flags: number): Buffer {
  const bytes = Buffer.alloc(32);
  bytes.write("\xff Go buildinf:", 0, "latin1");
  bytes[14] = pointerSize;
  bytes[15] = flags;
  bytes.writeBigUInt64LE(0x1234n, 16);
  bytes.writeBigUInt64LE(0x5678n, 24);
  return bytes;
}

describe("build-info header", () => {
  test("tells the inline format from the pointer format", () => {
    expect(decodeHeader(header(8, 2))).toEqual({ inline: true, pointerSize: 8, bigEndian: false });
    expect(decodeHeader(header(8, 0))).toEqual({
      inline: false,
      pointerSize: 8,
      bigEndian: false,
      versionPointer: 0x1234n,
      modinfoPointer: 0x5678n,
    });
  });

  test("refuses impossible pointer sizes and flags", () => {
    expect(decodeHeader(header(5, 2))).toBeUndefined();
    expect(decodeHeader(header(8, 9))).toBeUndefined();
    expect(decodeHeader(Buffer.from("\xff Go buildinf:", "latin1"))).toBeUndefined();
  });

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 64 })])("any 32 bytes decode or are refused", (bytes) => {
    const withMagic = Buffer.concat([Buffer.from("\xff Go buildinf:", "latin1"), Buffer.from(bytes)]);
    expect(() => decodeHeader(withMagic)).not.toThrow();
  });
});

describe("varint strings", () => {
  test("reads a length-prefixed string and where the next one starts", () => {
    const bytes = Buffer.concat([Buffer.from([9]), Buffer.from("go1.19.8x")]);
    expect(readVarString(bytes, 0)).toEqual({ value: "go1.19.8x", next: 10 });
  });

  test("multi-byte lengths, and lengths that run past the end", () => {
    const long = Buffer.concat([Buffer.from([0x80, 0x01]), Buffer.alloc(128, 0x61)]);
    expect(readVarString(long, 0)?.value).toHaveLength(128);
    expect(readVarString(Buffer.from([0x05, 0x61]), 0)).toBeUndefined();
    expect(readVarString(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0)).toBeUndefined();
  });
});

describe("module information", () => {
  const text = [
    "path\tk8s.io/kubernetes/cmd/kubelet",
    "mod\tk8s.io/kubernetes\t(devel)\t",
    "dep\tgolang.org/x/net\tv0.17.0\th1:abc=",
    "dep\tk8s.io/client-go\tv0.0.0\t",
    "=>\t./staging/src/k8s.io/client-go\t(devel)\t",
    'build\t-ldflags="-X k8s.io/component-base/version.gitVersion=v1.29.0 -s"',
    "build\tGOOS=linux",
    "",
  ].join("\n");

  test("parses paths, versions, replacements and quoted build settings", () => {
    expect(parseModinfo(text)).toEqual({
      path: "k8s.io/kubernetes/cmd/kubelet",
      main: { path: "k8s.io/kubernetes", version: "(devel)" },
      deps: [
        { path: "golang.org/x/net", version: "v0.17.0" },
        {
          path: "k8s.io/client-go",
          version: "v0.0.0",
          replacedBy: { path: "./staging/src/k8s.io/client-go", version: "(devel)" },
        },
      ],
      settings: { "-ldflags": "-X k8s.io/component-base/version.gitVersion=v1.29.0 -s", GOOS: "linux" },
    });
  });

  test("the start and end markers are stripped only when both frame the text", () => {
    const framed = Buffer.concat([MODINFO_START, Buffer.from(text), MODINFO_END]).toString("latin1");
    expect(unframeModinfo(framed)).toBe(text);
    expect(unframeModinfo("path\tx")).toBe("");
  });

  test.prop([fc.string({ maxLength: 2000 })])("any text parses without throwing", (any) => {
    expect(() => parseModinfo(any)).not.toThrow();
  });
});
