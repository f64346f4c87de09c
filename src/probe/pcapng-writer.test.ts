import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exchangeToPcapng } from "./pcapng-writer.ts";
import type { RecordedChunk } from "./recorder.ts";

const TSHARK = ["/usr/bin/tshark", "/bin/tshark"].find((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), "proxydoc-pcapng-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chunks: RecordedChunk[] = [
  { direction: "out", atMs: 1.5, bytes: Buffer.from("GET /hello HTTP/1.1\r\nHost: example.test\r\n\r\n") },
  { direction: "in", atMs: 3.25, bytes: Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel") },
  { direction: "in", atMs: 4, bytes: Buffer.from("lo") },
];

describe("pcapng writer", () => {
  test("writes well-formed blocks: section header first, lengths repeated at both ends", () => {
    const file = exchangeToPcapng(chunks, {
      clientAddress: "127.0.0.1",
      clientPort: 50000,
      serverAddress: "127.0.0.1",
      serverPort: 8080,
      startedAtMs: 1_700_000_000_000,
      comment: "test",
    });
    expect(file.readUInt32LE(0)).toBe(0x0a0d0d0a);
    let offset = 0;
    let blocks = 0;
    while (offset < file.length) {
      const length = file.readUInt32LE(offset + 4);
      expect(length % 4).toBe(0);
      expect(file.readUInt32LE(offset + length - 4)).toBe(length);
      offset += length;
      blocks++;
    }
    expect(offset).toBe(file.length);
    expect(blocks).toBe(2 + 3 + 3 + 2);
  });

  test.skipIf(!TSHARK)("tshark reads the request and the response, with valid checksums (oracle)", () => {
    for (const [name, client, server] of [
      ["v4", "10.1.2.3", "10.1.2.4"],
      ["v6", "fd00::1", "fd00::2"],
    ] as const) {
      const path = join(dir, `${name}.pcapng`);
      writeFileSync(
        path,
        exchangeToPcapng(chunks, {
          clientAddress: client,
          clientPort: 50000,
          serverAddress: server,
          serverPort: 8080,
          startedAtMs: 1_700_000_000_000,
          comment: "test",
        }),
      );
      const out = execFileSync(TSHARK as string, [
        "-r",
        path,
        "-o",
        "tcp.check_checksum:TRUE",
        "-d",
        "tcp.port==8080,http",
        "-T",
        "fields",
        "-e",
        "http.request.method",
        "-e",
        "http.request.uri",
        "-e",
        "http.response.code",
        "-e",
        "tcp.checksum.status",
        "-Y",
        "http",
      ]).toString();
      const rows = out
        .trim()
        .split("\n")
        .map((l) => l.split("\t"));
      expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
        ["GET", "/hello", ""],
        ["", "", "200"],
      ]);
      // tcp.checksum.status 1 means "good" once checksum validation is on.
      for (const row of rows) expect(row[3]).toBe("1");
    }
  });
});
