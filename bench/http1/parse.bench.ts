/**
 * HTTP/1.1 response header parsing throughput: proxydoc's tolerant parser next to Node's own
 * llhttp (the HTTPParser that node:http uses, driven directly so neither side pays for sockets),
 * on the same generated pipelined responses, in the same run.
 *
 *   npx tsx bench/http1/parse.bench.ts [--responses 20000] [--rounds 7]
 *
 * Ratios ("×1.20 llhttp" = 1.2 times llhttp's throughput) are medians of per-round ratios.
 */
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { checkMessages } from "../../src/wire/http1/analyze.ts";
import { Http1Parser } from "../../src/wire/http1/parser.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RESPONSES = option("responses", 20_000);
const ROUNDS = option("rounds", 7);

/** Deterministic responses shaped like an API gateway's: 12–20 fields, small bodies. */
function generate(count: number): Buffer {
  const parts: string[] = [];
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    const body = "x".repeat(next() % 200);
    const fields = [
      "Server: envoy",
      `Date: Sun, 22 Nov 2026 03:${String(i % 60).padStart(2, "0")}:00 GMT`,
      "Content-Type: application/json; charset=utf-8",
      `Content-Length: ${body.length}`,
      "Connection: keep-alive",
      `X-Request-Id: ${next().toString(16)}-${next().toString(16)}-${next().toString(16)}`,
      "Cache-Control: no-cache, no-store, must-revalidate",
      "Vary: Accept-Encoding",
      `Set-Cookie: session=${next().toString(36)}${next().toString(36)}; Path=/; HttpOnly; Secure`,
      `X-Envoy-Upstream-Service-Time: ${next() % 500}`,
      "Strict-Transport-Security: max-age=31536000; includeSubDomains",
      `ETag: "${next().toString(16)}"`,
    ];
    for (let extra = next() % 9; extra > 0; extra--) fields.push(`X-Trace-${extra}: ${next().toString(36)}`);
    parts.push(`HTTP/1.1 200 OK\r\n${fields.join("\r\n")}\r\n\r\n${body}`);
  }
  return Buffer.from(parts.join(""), "latin1");
}

function ours(chunks: readonly Buffer[], withChecks: boolean, keepAll = true): number {
  const parser = new Http1Parser({ expect: "response", ...(keepAll ? { maxMessages: Number.MAX_SAFE_INTEGER } : {}) });
  for (const chunk of chunks) parser.push(chunk);
  const result = parser.end();
  if (withChecks) checkMessages(result.messages);
  return result.messageCount;
}

interface LlhttpParser {
  initialize(type: number, resource: object, maxHeaderSize?: number, lenient?: number): void;
  execute(data: Buffer): number | Error;
  finish(): unknown;
  [key: number]: unknown;
}

const require = createRequire(import.meta.url);
const { HTTPParser } = require("node:_http_common") as {
  HTTPParser: {
    new (): LlhttpParser;
    RESPONSE: number;
    kOnHeaders: number;
    kOnHeadersComplete: number;
    kOnBody: number;
    kOnMessageComplete: number;
  };
};

function llhttp(chunks: readonly Buffer[]): number {
  const parser = new HTTPParser();
  let messages = 0;
  parser.initialize(HTTPParser.RESPONSE, {}, 0, 0);
  // The same work node:http asks of it: header name/value strings handed over per message.
  parser[HTTPParser.kOnHeaders] = () => {};
  parser[HTTPParser.kOnHeadersComplete] = () => 0;
  parser[HTTPParser.kOnBody] = () => {};
  parser[HTTPParser.kOnMessageComplete] = () => {
    messages++;
  };
  for (const chunk of chunks) {
    const consumed = parser.execute(chunk);
    if (consumed instanceof Error) throw consumed;
  }
  parser.finish();
  return messages;
}

interface Contender {
  readonly name: string;
  readonly run: (chunks: readonly Buffer[]) => number;
}

const CONTENDERS: readonly Contender[] = [
  { name: "proxydoc parser, default caps (keeps 256)", run: (c) => ours(c, false, false) },
  { name: "proxydoc parser, keeps every message", run: (c) => ours(c, false) },
  { name: "proxydoc parser + 52 checks", run: (c) => ours(c, true) },
  { name: "llhttp (node:http HTTPParser)", run: llhttp },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Every round runs every contender once on the same pre-built chunks, in turn, so that load
 * from elsewhere on the machine falls on all of them alike; ratios are taken within a round.
 */
function measure(chunks: readonly Buffer[], bytes: number): void {
  const times = CONTENDERS.map(() => [] as number[]);
  const counts = CONTENDERS.map((c) => c.run(chunks));
  for (let warm = 0; warm < 2; warm++) for (const c of CONTENDERS) c.run(chunks);
  for (let round = 0; round < ROUNDS; round++) {
    CONTENDERS.forEach((c, i) => {
      const start = performance.now();
      c.run(chunks);
      times[i]!.push(performance.now() - start);
    });
  }
  const anchor = CONTENDERS.length - 1;
  CONTENDERS.forEach((c, i) => {
    const seconds = median(times[i]!) / 1000;
    const ratio = median(times[i]!.map((t, round) => times[anchor]![round]! / t));
    process.stdout.write(
      `  ${c.name.padEnd(44)} ${(bytes / 1e6 / seconds).toFixed(1).padStart(7)} MB/s ${Math.round(counts[i]! / seconds)
        .toString()
        .padStart(9)} responses/s${i === anchor ? "" : `   ×${ratio.toFixed(2)} llhttp`}\n`,
    );
  });
}

function split(input: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < input.length; at += size) chunks.push(input.subarray(at, at + size));
  return chunks;
}

const input = generate(RESPONSES);
process.stdout.write(
  `HTTP/1.1 response parsing, ${RESPONSES} pipelined responses, ${(input.length / 1e6).toFixed(1)} MB, median of ${ROUNDS} interleaved rounds, Node ${process.versions.node} (llhttp ${process.versions.llhttp})\n`,
);
process.stdout.write("one buffer:\n");
measure([input], input.length);
process.stdout.write("16 KiB pieces, as a socket delivers them:\n");
measure(split(input, 16_384), input.length);
