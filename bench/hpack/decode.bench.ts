/**
 * HPACK and HTTP/2 frame decoding throughput: proxydoc's decoder next to Node's (nghttp2 inside
 * node:http2), on the same server bytes, in the same run.
 *
 * The input is the response header lists of every hpack-test-case raw-data story, encoded once
 * with our encoder (Huffman where shorter, incremental indexing) as HEADERS frames on streams
 * 1, 3, 5, … after a SETTINGS frame: what an HTTP/2 server sends for that many bodiless responses.
 *
 * What is compared, honestly:
 *  - ours/frames+hpack: FrameDecoder + HpackDecoder over the bytes in memory.
 *  - ours/connection: the whole connection model with every PD3xxx check, same bytes.
 *  - node:http2 client: a replay server on loopback writes the same bytes once the client has sent
 *    its requests; timed from the write to the last stream's close. That includes a socket, nghttp2's
 *    frame and HPACK decoding and header validation, and node's per-stream objects and events, so it
 *    is an end-to-end reference, not a bare HPACK figure (Node exposes no HPACK API).
 *
 *   npx tsx bench/hpack/decode.bench.ts [--rounds 7] [--repeat 4]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http2 from "node:http2";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { Http2Connection } from "../../src/wire/http2/connection.ts";
import { CLIENT_PREFACE } from "../../src/wire/http2/constants.ts";
import { FrameDecoder } from "../../src/wire/http2/frame-decoder.ts";
import { encodeFrame, encodeFrames } from "../../src/wire/http2/frame-encoder.ts";
import { HpackDecoder } from "../../src/wire/http2/hpack/decoder.ts";
import { HpackEncoder } from "../../src/wire/http2/hpack/encoder.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = option("rounds", 7);
const REPEAT = option("repeat", 4);

const STORIES = new URL("../../../shared/data/hpack-test-case/raw-data/", import.meta.url).pathname;
if (!existsSync(STORIES)) {
  console.error(`hpack-test-case not found at ${STORIES}; nothing to measure`);
  process.exit(0);
}

/** Response header lists of every story, in order, `repeat` times over. */
function responseLists(): { name: string; value: string }[][] {
  const lists: { name: string; value: string }[][] = [];
  for (const file of readdirSync(STORIES)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const story = JSON.parse(readFileSync(`${STORIES}${file}`, "utf8")) as {
      cases: { headers: Record<string, string>[] }[];
    };
    for (const c of story.cases) {
      const fields = c.headers.map((h) => {
        const [name, value] = Object.entries(h)[0]!;
        return {
          name: Buffer.from(name, "utf8").toString("latin1"),
          value: Buffer.from(value, "utf8").toString("latin1"),
        };
      });
      if (fields.some((f) => f.name === ":status")) lists.push(fields);
    }
  }
  return Array.from({ length: REPEAT }, () => lists).flat();
}

const lists = responseLists();
const encoder = new HpackEncoder();
const serverBytes = Buffer.concat([
  encodeFrame({ kind: "SETTINGS" }),
  encodeFrames(
    lists.map((fields, i) => ({
      kind: "HEADERS" as const,
      streamId: 2 * i + 1,
      block: encoder.encode(fields),
      endStream: true,
    })),
  ),
]);
const fieldCount = lists.reduce((n, l) => n + l.length, 0);

function oursFramesHpack(): number {
  const frames = new FrameDecoder({ preface: false });
  const hpack = new HpackDecoder();
  let fields = 0;
  for (const event of frames.push(serverBytes)) {
    if (event.kind === "frame" && event.frame.kind === "HEADERS")
      fields += hpack.decode(event.frame.block).fields.length;
  }
  return fields;
}

function oursConnection(): number {
  const connection = new Http2Connection({ source: "bench", caps: { maxOpenStreams: lists.length } });
  const encoderForRequests = new HpackEncoder();
  const request = [
    { name: ":method", value: "GET" },
    { name: ":scheme", value: "https" },
    { name: ":authority", value: "example.com" },
    { name: ":path", value: "/" },
  ];
  const client = encodeFrames([
    { kind: "SETTINGS" },
    ...lists.map((_, i) => ({
      kind: "HEADERS" as const,
      streamId: 2 * i + 1,
      block: encoderForRequests.encode(request),
      endStream: true,
    })),
  ]);
  connection.push("client", Buffer.concat([CLIENT_PREFACE, client]));
  const start = performance.now();
  const blocks = connection.push("server", serverBytes).filter((e) => e.kind === "headers").length;
  connection.finish();
  const ms = performance.now() - start;
  if (blocks !== lists.length) throw new Error(`the connection model decoded ${blocks} of ${lists.length} blocks`);
  return ms;
}

/** node:http2's client reading the same bytes from a replay server; resolves with the ms taken. */
async function nodeClient(): Promise<number> {
  let writeStart = 0;
  const server = net.createServer((socket) => {
    const counter = new FrameDecoder({ preface: true });
    let requests = 0;
    socket.on("data", (chunk) => {
      for (const event of counter.push(chunk)) if (event.kind === "frame" && event.frame.kind === "HEADERS") requests++;
      if (requests === lists.length && writeStart === 0) {
        writeStart = performance.now();
        socket.write(serverBytes);
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const client = http2.connect(`http://127.0.0.1:${port}`, {
    peerMaxConcurrentStreams: lists.length + 10,
    maxSessionMemory: 1000,
  });
  client.on("error", () => {});
  let closed = 0;
  let end = 0;
  await new Promise<void>((resolve) => {
    for (let i = 0; i < lists.length; i++) {
      const req = client.request({ ":path": "/" }, { endStream: true });
      req.on("error", () => {});
      req.on("response", () => {});
      req.on("close", () => {
        if (++closed === lists.length) {
          end = performance.now();
          resolve();
        }
      });
    }
  });
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return end - writeStart;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = (fn: () => unknown) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

async function main(): Promise<void> {
  const mb = serverBytes.length / 1e6;
  console.log(
    `input: ${lists.length} response header blocks, ${fieldCount} fields, ${serverBytes.length} octets (hpack-test-case raw-data ×${REPEAT})`,
  );
  if (oursFramesHpack() !== fieldCount) throw new Error("decoded field count differs from the input");
  oursConnection();
  await nodeClient();
  const frames = Array.from({ length: ROUNDS }, () => time(oursFramesHpack));
  const connection = Array.from({ length: ROUNDS }, oursConnection);
  const node: number[] = [];
  for (let i = 0; i < ROUNDS; i++) node.push(await nodeClient());
  const row = (label: string, ms: number) =>
    console.log(
      `${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${(mb / (ms / 1000)).toFixed(1).padStart(7)} MB/s  ${Math.round(
        lists.length / (ms / 1000),
      )
        .toLocaleString("en")
        .padStart(10)} blocks/s`,
    );
  console.log(`median of ${ROUNDS} rounds`);
  row("proxydoc frames + HPACK", median(frames));
  row("proxydoc connection model + checks", median(connection));
  row("node:http2 client (end to end)", median(node));
}

await main();
