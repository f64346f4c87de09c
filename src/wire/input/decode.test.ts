import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { decodeWireInput } from "./decode.ts";
import { parseHexLine } from "./hex-line.ts";

const SEED_004 = [
  "1 0x03d0: 7061 7468 3d2f 0d0a 5374 7269 6374 2d54 path=/..Strict-T",
  "2 0x03e0: 7261 6e73 706f 7274 2d53 6563 7572 6974 ransport-Securit",
  "3 0x03f0: 793a 206d 6178 2d61 6765 3d31 3732 3830 y:.max-age=17280",
  "4 0x0400: 300d 0a54 696d 6520 3a20 5475 6520 4f63 0..Time.:.Tue.Oc",
].join("\n");

/** A tcpdump -X packet: IPv4 + TCP (20 + 20 bytes) and an HTTP payload. */
function tcpdumpX(payload: string, ether = false): string {
  const body = Buffer.from(payload, "latin1");
  const ip = Buffer.alloc(40);
  ip[0] = 0x45;
  ip.writeUInt16BE(40 + body.length, 2);
  ip[9] = 6;
  ip[32] = 0x50;
  const eth = Buffer.alloc(14);
  eth.writeUInt16BE(0x0800, 12);
  const frame = Buffer.concat([...(ether ? [eth] : []), ip, body, Buffer.alloc(ether ? 6 : 0)]);
  const lines = ["12:00:00.000000 IP 10.0.0.5.8080 > 10.0.0.9.41234: Flags [P.], seq 1:9, ack 1, length 9"];
  for (let off = 0; off < frame.length; off += 16) {
    const row = frame.subarray(off, off + 16);
    const hex = (row.toString("hex").match(/.{1,4}/g) ?? []).join(" ");
    const text = [...row].map((c) => (c > 0x20 && c < 0x7f ? String.fromCharCode(c) : ".")).join("");
    lines.push(`\t0x${off.toString(16).padStart(4, "0")}:  ${hex.padEnd(39)}  ${text}`);
  }
  return lines.join("\n");
}

describe("decodeWireInput", () => {
  test("reads the seed 004 excerpt with its line numbers as a partial stream", () => {
    const decoded = decodeWireInput(Buffer.from(SEED_004));
    expect(decoded.format).toBe("hexdump");
    expect(decoded.streams[0]!.partial).toBe(true);
    expect(decoded.streams[0]!.bytes.toString("latin1")).toBe(
      "path=/\r\nStrict-Transport-Security: max-age=172800\r\nTime : Tue Oc",
    );
  });

  test("strips IP and TCP headers from tcpdump -X and Ethernet padding from -XX", () => {
    for (const ether of [false, true]) {
      const decoded = decodeWireInput(Buffer.from(tcpdumpX("HTTP/1.1 200 OK\r\nA: b\r\n\r\n", ether)));
      expect(decoded.format).toBe("tcpdump");
      expect(decoded.streams[0]).toMatchObject({ label: "10.0.0.5.8080 > 10.0.0.9.41234", partial: false });
      expect(decoded.streams[0]!.bytes.toString("latin1")).toBe("HTTP/1.1 200 OK\r\nA: b\r\n\r\n");
    }
  });

  test("splits curl --trace into what curl sent and received", () => {
    const trace = [
      "== Info: Connected to app (127.0.0.1) port 8080",
      "=> Send header, 16 bytes (0x10)",
      "0000: 47 45 54 20 2f 20 48 54 54 50 2f 31 2e 31 0d 0a GET / HTTP/1.1..",
      "<= Recv header, 17 bytes (0x11)",
      "0000: 48 54 54 50 2f 31 2e 31 20 32 30 30 20 4f 4b 0d HTTP/1.1 200 OK.",
      "0010: 0a                                              .",
    ].join("\n");
    const decoded = decodeWireInput(Buffer.from(trace));
    expect(decoded.format).toBe("curl-trace");
    expect(decoded.streams.map((s) => [s.direction, s.bytes.toString("latin1")])).toEqual([
      ["request", "GET / HTTP/1.1\r\n"],
      ["response", "HTTP/1.1 200 OK\r\n"],
    ]);
  });

  test("tells hex from a text column that looks like hex", () => {
    expect(parseHexLine("\t0x0040:  6361 6665  cafe")?.bytes.toString("latin1")).toBe("cafe");
    expect(parseHexLine("Content-Type: text/plain")).toBeUndefined();
  });

  test("leaves anything else as raw bytes", () => {
    expect(decodeWireInput(Buffer.from("HTTP/1.1 200 OK\r\n\r\n")).format).toBe("raw");
  });

  fcTest.prop([fc.uint8Array({ maxLength: 4096 })], { numRuns: 200 })("never throws on arbitrary bytes", (bytes) => {
    const decoded = decodeWireInput(Buffer.from(bytes));
    for (const stream of decoded.streams) expect(stream.bytes.length).toBeLessThanOrEqual(bytes.length);
  });

  fcTest.prop([fc.array(fc.string(), { maxLength: 40 })], { numRuns: 200 })("never throws on text lines", (lines) => {
    decodeWireInput(Buffer.from(lines.map((l, i) => (i % 2 ? `0x${i.toString(16)}: ${l}` : l)).join("\n")));
  });
});
