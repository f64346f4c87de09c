/**
 * HTTP/1.1 response header parsing throughput: proxydoc's tolerant parser next to Node's own
 * llhttp (the HTTPParser that node:http uses, driven directly so neither side pays for sockets),
 * on the same generated pipelined responses, in the same run.
 *
 *   npx tsx bench/http1/parse.bench.ts [--responses 20000] [--rounds 7]
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

function ours(input: Buffer, withChecks: boolean, keepAll = true): number {
  const parser = new Http1Parser({ expect: "response", ...(keepAll ? { maxMessages: Number.MAX_SAFE_INTEGER } : {}) });
  parser.push(input);
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

function llhttp(input: Buffer): number {
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
  const parser = new HTTPParser();
  let messages = 0;
  parser.initialize(HTTPParser.RESPONSE, {}, 0, 0);
  // The same work node:http asks of it: header name/value arrays handed over per message.
  parser[HTTPParser.kOnHeaders] = () => {};
  parser[HTTPParser.kOnHeadersComplete] = () => 0;
  parser[HTTPParser.kOnBody] = () => {};
  parser[HTTPParser.kOnMessageComplete] = () => {
    messages++;
  };
  const consumed = parser.execute(input);
  if (consumed instanceof Error) throw consumed;
  parser.finish();
  return messages;
}

function measure(
  name: string,
  input: Buffer,
  run: (input: Buffer) => number,
): { name: string; mbps: number; mps: number } {
  const times: number[] = [];
  let count = 0;
  run(input);
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    count = run(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]! / 1000;
  return { name, mbps: input.length / 1e6 / median, mps: count / median };
}

const input = generate(RESPONSES);
const results = [
  measure("proxydoc parser, keeps every message", input, (b) => ours(b, false)),
  measure("proxydoc parser, default caps (keeps 256)", input, (b) => ours(b, false, false)),
  measure("proxydoc parser + 52 checks", input, (b) => ours(b, true)),
  measure("llhttp (node:http HTTPParser)", input, llhttp),
];
process.stdout.write(
  `HTTP/1.1 response parsing, ${RESPONSES} pipelined responses, ${(input.length / 1e6).toFixed(1)} MB, median of ${ROUNDS} rounds, Node ${process.versions.node} (llhttp ${process.versions.llhttp})\n`,
);
for (const r of results) {
  process.stdout.write(
    `  ${r.name.padEnd(44)} ${r.mbps.toFixed(1).padStart(7)} MB/s ${Math.round(r.mps).toString().padStart(9)} responses/s\n`,
  );
}
const anchor = results[results.length - 1]!;
process.stdout.write(`  ratio parser/llhttp: ${(results[0]!.mbps / anchor.mbps).toFixed(2)}\n`);
