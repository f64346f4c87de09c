import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { Line } from "../lines.ts";
import { hexDumpReader } from "./hex-dump-reader.ts";
import { rawHttpReader } from "./raw-http-reader.ts";

function feed(lines: readonly string[]): Observation[] {
  const seen: Observation[] = [];
  const reader = hexDumpReader.create({ source: "t.txt", emit: (o) => seen.push(o) });
  let byte = 0;
  lines.forEach((text, i) => {
    const line: Line = { text, line: i + 1, byte, length: text.length, truncated: false };
    byte += text.length + 1;
    reader.accept(line);
  });
  reader.end();
  return seen;
}

async function* chunks(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
}

describe("wire evidence readers", () => {
  test("a hex dump block inside a log becomes one HTTP/1 stream, pointing at its first line", () => {
    const seen = feed([
      "2023-03-31T06:40:27Z debug envoy client Error dispatching received data: HPE_INVALID_HEADER_TOKEN",
      "4 0x0400: 300d 0a54 696d 6520 3a20 5475 6520 4f63 0..Time.:.Tue.Oc",
      "5 0x0410: 7420 3138 2031 313a 3234 3a35 3020 4353 t.18.11:24:50.CS",
      "6 0x0420: 5420 3230 3232 0d0a 5472 6163 6569 643a T.2022..Traceid:",
      "the header key has a space",
    ]);
    expect(seen).toHaveLength(1);
    const stream = seen[0]!;
    expect(stream.type).toBe("wire.http1-stream");
    expect(stream.ref.line).toBe(2);
    if (stream.type === "wire.http1-stream") expect(stream.messages[0]!.fields[0]!.name).toBe("Time ");
  });

  test("raw HTTP files are recognised by their first line, not HTTP/2 prefaces", async () => {
    const response = Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    expect(rawHttpReader.sniff(response, "x.log")).toBe(true);
    expect(rawHttpReader.sniff(Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), "x.bin")).toBe(false);
    expect(rawHttpReader.sniff(Buffer.from("HTTP/1.1 200 OK\n"), "notes.txt")).toBe(false);
    const seen: Observation[] = [];
    const result = await rawHttpReader.read(chunks(response), { source: "r.http", emit: (o) => seen.push(o) });
    expect(result.records).toBe(1);
    expect(seen[0]?.type).toBe("wire.http1-stream");
  });

  fcTest.prop(
    [
      fc.array(fc.oneof(fc.string(), fc.constantFrom("0x0000:  4854 5450 2f31  HTTP/1", "\t0x0010:  0d0a  ..")), {
        maxLength: 60,
      }),
    ],
    {
      numRuns: 200,
    },
  )("the hex dump reader never throws on arbitrary lines", (lines) => {
    for (const observation of feed(lines)) expect(observation.type).toBe("wire.http1-stream");
  });
});
