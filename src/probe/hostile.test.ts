import type net from "node:net";
import { describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";
import { startRawServer } from "../../test/support/raw-server.ts";
import { encodeFrame } from "../wire/http2/frame-encoder.ts";
import { HpackEncoder } from "../wire/http2/hpack/encoder.ts";

interface Doc {
  exchanges: { end: string; bytesReceived: number; error?: { message: string } }[];
}

async function probe(respond: (socket: net.Socket) => void, ...args: string[]): Promise<{ doc: Doc; ms: number }> {
  const server = await startRawServer(respond);
  const started = Date.now();
  try {
    const run = await runCli(["probe", `http://127.0.0.1:${server.port}/`, "--format", "json", ...args]);
    return { doc: JSON.parse(run.stdout) as Doc, ms: Date.now() - started };
  } finally {
    await server.close();
  }
}

/** Writes `piece` every `everyMs` until the socket closes (bounded by the probe's own limits). */
function drip(socket: net.Socket, first: string, piece: string | Buffer, everyMs: number): void {
  socket.write(first);
  const timer = setInterval(() => {
    if (socket.destroyed) clearInterval(timer);
    else socket.write(piece);
  }, everyMs);
  socket.once("close", () => clearInterval(timer));
}

describe("probe against hostile servers: every phase is bounded", () => {
  test("a slowloris trickle of one byte at a time stops at the total timeout", async () => {
    const { doc, ms } = await probe(
      (s) => drip(s, "HTTP/1.1 200 OK\r\n", "X", 100),
      "--timeout",
      "1",
      "--idle-timeout",
      "0.5",
    );
    expect(doc.exchanges[0]?.end).toBe("total-timeout");
    expect(ms).toBeLessThan(3000);
  });

  test("an endless chunked body stops at --max-bytes", async () => {
    const chunk = `1000\r\n${"a".repeat(0x1000)}\r\n`;
    const { doc } = await probe(
      (s) => drip(s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunk.repeat(64), 1),
      "--max-bytes",
      "200000",
      "--timeout",
      "10",
    );
    expect(doc.exchanges[0]?.end).toBe("too-large");
    expect(doc.exchanges[0]?.bytesReceived).toBeLessThan(200000 + 300_000);
  });

  test("a header flood stops at the head cap", async () => {
    const line = `X-Flood: ${"f".repeat(1000)}\r\n`;
    const { doc } = await probe((s) => drip(s, "HTTP/1.1 200 OK\r\n", line.repeat(100), 1), "--timeout", "10");
    expect(doc.exchanges[0]?.end).toBe("too-large");
    expect(doc.exchanges[0]?.error?.message).toMatch(/head over/);
  });

  test("an HTTP/2 CONTINUATION flood stops at the header-block cap", async () => {
    const block = new HpackEncoder().encode([{ name: ":status", value: "200" }]);
    const { doc } = await probe(
      (s) => {
        s.write(Buffer.from(encodeFrame({ kind: "SETTINGS", settings: [] })));
        s.write(Buffer.from(encodeFrame({ kind: "HEADERS", streamId: 1, block, endHeaders: false })));
        const junk = new Uint8Array(16_000).fill(0x40);
        drip(s, "", Buffer.from(encodeFrame({ kind: "CONTINUATION", streamId: 1, block: junk, endHeaders: false })), 1);
      },
      "--h2c",
      "--timeout",
      "10",
    );
    expect(doc.exchanges[0]?.end).toBe("too-large");
    expect(doc.exchanges[0]?.error?.message).toMatch(/CONTINUATION flood/);
  });
});
