import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { CaptureObservation } from "../model/observations/capture.ts";
import { encodeFrames } from "../wire/http2/frame-encoder.ts";
import { HpackEncoder } from "../wire/http2/hpack/encoder.ts";
import { CaptureAnalyzer } from "./analyze.ts";
import { type CraftedPacket, pcapFile, TcpScript } from "./craft.ts";
import { hpackHeaderDecoder } from "./hpack.ts";
import { transactionLine } from "./report.ts";
import { analyzeInShards, runShard, type ShardedOptions, type ShardRunner } from "./shard.ts";
import { collectWireFindings } from "./wire-checks.ts";

const fixtures = new URL("../../test/fixtures/pcap/", import.meta.url);
const captures = readdirSync(fixtures, { recursive: true, encoding: "utf8" })
  .filter((name) => /\.pcap(ng)?$/.test(name))
  .sort()
  .map((name) => fileURLToPath(new URL(name, fixtures)));

interface Limits {
  readonly keepTransactions: number;
  readonly keepConnections: number;
  readonly lines: number;
  readonly follow?: number;
}

/** Everything the pcap command prints is made from these. */
async function oneThread(path: string, limits: Limits): Promise<string> {
  const observations: CaptureObservation[] = [];
  const lines: string[] = [];
  const wire = collectWireFindings(path);
  const analyzer = new CaptureAnalyzer({
    source: path,
    decoder: hpackHeaderDecoder,
    keepTransactions: limits.keepTransactions,
    keepConnections: limits.keepConnections,
    ...(limits.follow !== undefined ? { follow: limits.follow } : {}),
    onTransaction: (t) => {
      if (lines.length < limits.lines) lines.push(transactionLine(t));
    },
    observe: (o) => observations.push(o),
    onHttp1Head: (head) => wire.head(head),
    onHttp2Headers: (block) => wire.block(block),
  });
  // The reference reads as a stream does: every piece pushed whole (the shards read whole records).
  const bytes = readFileSync(path);
  for (let at = 0; at < bytes.length; at += 1500) analyzer.push(bytes.subarray(at, at + 1500));
  const analysis = analyzer.end();
  return JSON.stringify({ analysis, observations, lines, findings: wire.findings, checked: wire.checked });
}

async function sharded(path: string, limits: Limits, shards: number, run?: ShardRunner): Promise<string> {
  const observations: CaptureObservation[] = [];
  const lines: string[] = [];
  const options: ShardedOptions = {
    path,
    shards,
    source: path,
    keepTransactions: limits.keepTransactions,
    keepConnections: limits.keepConnections,
    ...(limits.follow !== undefined ? { follow: limits.follow } : {}),
    transactionLines: limits.lines,
    onTransactionLine: (line) => lines.push(line),
    observe: (o) => observations.push(o),
  };
  const result = await analyzeInShards(options, run);
  const { analysis, findings, checked } = result;
  return JSON.stringify({ analysis, observations, lines, findings, checked });
}

/**
 * Many connections whose packets interleave: HTTP/1 keep-alive and pipelining, server errors
 * from two kinds of server, resets, a response cut short, a request never answered, heads the
 * wire checks object to, a reused client port, and HTTP/2 with a stream reset and a GOAWAY.
 */
function busyCapture(): Buffer {
  const scripts: TcpScript[] = [];
  const h1 = (i: number, start = 1_700_000_000 + i * 0.0007): TcpScript => {
    const s = new TcpScript({ client: [`10.0.${i % 3}.1`, 41000 + i], server: ["10.0.9.9", 8080 + (i % 2)], start });
    scripts.push(s.handshake());
    return s;
  };
  const response = (status: number, server: string, body = "ok") =>
    `HTTP/1.1 ${status} X\r\nServer: ${server}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  for (let i = 0; i < 24; i++) {
    const s = h1(i);
    for (let r = 0; r < 1 + (i % 4); r++) {
      s.send(
        "client",
        `GET /c${i}/r${r} HTTP/1.1\r\nHost: h${i % 5}\r\n${i % 7 === 3 ? "Bad Header : x\r\n" : ""}\r\n`,
      );
      const status = i % 5 === 1 ? 500 : i % 5 === 2 ? 503 : 200;
      s.send("server", response(status, i % 2 ? "envoy" : "nginx"));
    }
    if (i % 6 === 0) s.reset("client");
    else if (i % 6 === 1) s.send("client", "GET /unanswered HTTP/1.1\r\nHost: h\r\n\r\n").reset("server");
    else if (i % 6 === 2) s.send("server", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort").close("server");
    else s.close(i % 2 ? "client" : "server");
  }
  // The port of connection 0 again, once that one is over.
  const again = h1(0, 1_700_000_001);
  again.send("client", "GET /again HTTP/1.1\r\nHost: h\r\n\r\n").send("server", response(502, "envoy")).close();
  for (let i = 0; i < 3; i++) {
    const s = h1(100 + i);
    const encoder = new HpackEncoder();
    const headers = (fields: [string, string][]) => encoder.encode(fields.map(([name, value]) => ({ name, value })));
    const serverEncoder = new HpackEncoder();
    const preface = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    s.send("client", Buffer.concat([preface, Buffer.from(encodeFrames([{ kind: "SETTINGS" }]))]));
    s.send("server", Buffer.from(encodeFrames([{ kind: "SETTINGS" }, { kind: "SETTINGS", ack: true }])));
    for (const stream of [1, 3, 5]) {
      const request = [
        [":method", "GET"],
        [":scheme", "http"],
        [":authority", `h2-${i}`],
        [":path", `/s${stream}`],
      ] as [string, string][];
      if (stream === 3 && i === 1) request.push(["connection", "close"]);
      s.send(
        "client",
        Buffer.from(
          encodeFrames([
            { kind: "HEADERS", streamId: stream, block: headers(request), endStream: true, endHeaders: true },
          ]),
        ),
      );
      const status = stream === 5 ? "500" : "200";
      const block = serverEncoder.encode([
        { name: ":status", value: status },
        { name: "server", value: "envoy" },
        { name: "content-length", value: "4" },
      ]);
      const frames = encodeFrames(
        stream === 3 && i === 2
          ? [
              { kind: "HEADERS", streamId: stream, block, endHeaders: true },
              { kind: "RST_STREAM", streamId: stream, errorCode: 2 },
            ]
          : [
              { kind: "HEADERS", streamId: stream, block, endHeaders: true },
              { kind: "DATA", streamId: stream, data: Buffer.from("body"), endStream: true },
            ],
      );
      s.send("server", Buffer.from(frames));
    }
    if (i === 0) s.send("server", Buffer.from(encodeFrames([{ kind: "GOAWAY", lastStreamId: 5, errorCode: 0 }])));
    s.close();
  }
  const packets: CraftedPacket[] = scripts.flatMap((script) => script.packets);
  return pcapFile(packets.sort((a, b) => a.time - b.time));
}

/** Runs the shards one after the other in this thread: the merge then meets the largest lag between shards. */
const inThisThread: ShardRunner = (job, receive) => runShard(job, receive);

const ALL = Number.MAX_SAFE_INTEGER;

describe("a capture analysed in shards", () => {
  test("has fixtures to compare", () => {
    expect(captures.length).toBeGreaterThan(20);
  });

  test.each(captures.map((path) => [path.slice(path.indexOf("fixtures/")), path]))(
    "%s: the same connections, transactions, rows, resets, observations and findings as one thread",
    async (_name, path) => {
      for (const limits of [
        { keepTransactions: ALL, keepConnections: ALL, lines: ALL },
        { keepTransactions: 1, keepConnections: 1, lines: 2, follow: 1 },
        { keepTransactions: 0, keepConnections: 3, lines: 0, follow: 2 },
      ]) {
        const expected = await oneThread(path, limits);
        for (const shards of [2, 3]) expect(await sharded(path, limits, shards, inThisThread)).toBe(expected);
      }
    },
  );

  test("many interleaved connections: the same as one thread, for any number of shards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "proxydoc-shards-"));
    try {
      const path = join(dir, "busy.pcap");
      writeFileSync(path, busyCapture());
      for (const limits of [
        { keepTransactions: ALL, keepConnections: ALL, lines: ALL },
        { keepTransactions: 5, keepConnections: 4, lines: 7, follow: 3 },
      ]) {
        const expected = await oneThread(path, limits);
        expect(JSON.parse(expected).analysis.connectionCount).toBe(28);
        for (const shards of [2, 3, 5]) expect(await sharded(path, limits, shards, inThisThread)).toBe(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("worker threads give the one-thread result", async () => {
    const path = captures.find((name) => name.endsWith("seed-000-h2-stream-reset/kong-h2.pcap")) as string;
    const limits = { keepTransactions: ALL, keepConnections: ALL, lines: ALL, follow: 1 };
    expect(await sharded(path, limits, 2)).toBe(await oneThread(path, limits));
  });
});
