import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { analyzeHttp1 } from "./analyze.ts";
import { Http1Parser, parseHttp1 } from "./parser.ts";
import type { FieldLine, Http1Message, Http1ParseOptions, Http1ParseResult, RawLine } from "./types.ts";

const b = (text: string): Buffer => Buffer.from(text, "latin1");

/**
 * What a consumer can read of a result, as plain data: lines and fields decode on demand, so
 * comparing the objects themselves would compare where their bytes happen to be stored.
 */
function plainLine(line: RawLine | undefined): unknown {
  if (!line) return undefined;
  const { offset, bytes, length, eol, truncated } = line;
  return { offset, bytes: Buffer.from(bytes), length, eol, truncated };
}

function plainField(field: FieldLine): unknown {
  const { colon, name, key, value, beforeFirstField, trailer } = field;
  const continuations = field.continuations.map(plainLine);
  return { line: plainLine(field.line), colon, name, key, value, continuations, beforeFirstField, trailer };
}

function plainMessage(message: Http1Message): unknown {
  return {
    ...message,
    startLine: { ...message.startLine, line: plainLine(message.startLine.line) },
    fields: message.fields.map(plainField),
    body: { ...message.body, trailers: message.body.trailers.map(plainField) },
  };
}

function plain(result: Http1ParseResult): unknown {
  return { ...result, messages: result.messages.map(plainMessage) };
}

function parseInPieces(bytes: Buffer, cuts: number[], options: Http1ParseOptions = {}): Http1ParseResult {
  const parser = new Http1Parser(options);
  let start = 0;
  for (const cut of [...cuts].sort((x, y) => x - y)) {
    const at = Math.min(cut, bytes.length);
    parser.push(bytes.subarray(start, at));
    start = Math.max(start, at);
  }
  parser.push(bytes.subarray(start));
  return parser.end();
}

const VALID = [
  "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX: y\r\n\r\nhello",
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nX-T: 1\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
  "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\nA: b\r\n  folded\r\n\r\nbody until close",
  "GET / HTTP/1.1\r\nHost: a\r\n\r\nPOST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi",
];

describe("Http1Parser", () => {
  test("keeps field lines as sent: case, duplicates, whitespace before the colon, offsets", () => {
    const { messages } = parseHttp1(
      b("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\ntransfer-encoding: chunked\r\nTime : x\r\n\r\n0\r\n\r\n"),
    );
    const fields = messages[0]!.fields;
    expect(fields.map((f) => f.name)).toEqual(["Transfer-Encoding", "transfer-encoding", "Time "]);
    expect(fields[2]!.line.offset).toBe(73);
    expect(messages[0]!.framing).toBe("chunked");
    expect(messages[0]!.strictStop).toEqual({ offset: 77, reason: "name-whitespace" });
  });

  test("tells bare LF, obs-fold and byte classes apart", () => {
    const { messages } = parseHttp1(b("HTTP/1.1 200 OK\nA: 1\n  2\nB: \x00\x7f\xe6\n\n"));
    const msg = messages[0]!;
    expect(msg.events.find((e) => e.kind === "bare-lf")?.offset).toBe(15);
    expect(msg.fields[0]!.continuations).toHaveLength(1);
    expect(msg.fields[0]!.value).toBe("1 2");
    expect(msg.fields[1]!.value).toBe("\x00\x7f\xe6");
  });

  test("frames bodies: length, chunked with trailers, close, 1xx, 204, HEAD, pipelining", () => {
    const r = parseHttp1(b(VALID[1]! + VALID[2]!));
    expect(r.messages.map((m) => [m.startLine.status, m.framing, m.body.received])).toEqual([
      [200, "chunked", 5],
      [204, "none", 0],
      [100, "none", 0],
      [200, "close", 16],
    ]);
    expect(r.messages[0]!.body.trailers[0]!.name).toBe("X-T");
    const head = parseHttp1(b("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"), { head: true });
    expect(head.messages[0]!.framing).toBe("none");
    const requests = parseHttp1(b(VALID[3]!));
    expect(requests.messages.map((m) => m.startLine.method)).toEqual(["GET", "POST"]);
  });

  test("notes truncation, bad chunk sizes and excess bytes with offsets", () => {
    const short = parseHttp1(b("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc"));
    expect(short.messages[0]!.events.map((e) => e.kind)).toEqual(["body-short"]);
    const bad = parseHttp1(b("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
    expect(bad.messages[0]!.strictStop).toEqual({ offset: 47, reason: "chunk-size-invalid" });
    const extra = parseHttp1(b("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nabc"));
    expect(extra.messages[0]!.excess).toMatchObject({ offset: 39, length: 2 });
  });

  test("reads a capture excerpt that starts mid-header", () => {
    const { messages } = parseHttp1(b("path=/\r\nTime : x\r\nVary: a\r\n"), { partial: true });
    expect(messages[0]!.kind).toBe("fragment");
    expect(messages[0]!.fields.map((f) => f.key)).toEqual(["time", "vary"]);
  });

  test("bounds what it keeps by the caps", () => {
    const many = `HTTP/1.1 200 OK\r\n${"X: y\r\n".repeat(5000)}Long: ${"z".repeat(200_000)}\r\n\r\n`;
    const { messages } = parseHttp1(b(many), { maxFields: 100, maxLineBytes: 1024 });
    const msg = messages[0]!;
    expect(msg.fieldCount).toBe(5001);
    expect(msg.fields).toHaveLength(100);
    expect(msg.headerBytes).toBe(many.length);
  });

  test("reads names, keys and values alike whether a line is well-formed or takes the careful path", () => {
    const head = "Content-TYPE: a\r\nX-Odd-Name : b \r\nVary:\tc\r\nCONTENT-length: 0\r\n\r\n";
    const crlf = parseHttp1(b(`HTTP/1.1 200 OK\r\n${head}`)).messages[0]!;
    const bareLf = parseHttp1(b(`HTTP/1.1 200 OK\n${head.replaceAll("\r\n", "\n")}`)).messages[0]!;
    for (const msg of [crlf, bareLf]) {
      expect(msg.fields.map((f) => f.key)).toEqual(["content-type", "x-odd-name", "vary", "content-length"]);
      expect(msg.fields.map((f) => f.name)).toEqual(["Content-TYPE", "X-Odd-Name ", "Vary", "CONTENT-length"]);
      expect(msg.fields.map((f) => f.value)).toEqual(["a", "b", "c", "0"]);
      expect(msg.framing).toBe("content-length");
    }
    expect(crlf.fields.map((f) => f.line.eol)).toEqual(["crlf", "crlf", "crlf", "crlf"]);
    expect(bareLf.fields.map((f) => f.line.eol)).toEqual(["lf", "lf", "lf", "lf"]);
    expect(crlf.strictStop).toEqual({ offset: 44, reason: "name-whitespace" });
  });

  test("a start line longer than the cap and cut across pushes is still a status line", () => {
    const bytes = b("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\n");
    const statuses = (r: Http1ParseResult) => r.messages.map((m) => m.startLine.status);
    expect(statuses(parseInPieces(bytes, [18], { maxLineBytes: 16 }))).toEqual([100, 200]);
    expect(statuses(parseHttp1(bytes, { maxLineBytes: 16 }))).toEqual([100, 200]);
  });

  test("overlong lines are cut to the cap whether they arrive whole or in pieces", () => {
    const bytes = b(`HTTP/1.1 200 OK\r\nA: ${"x".repeat(100)}\r\n\r\n`);
    const whole = parseHttp1(bytes, { maxLineBytes: 16 });
    const pieces = parseInPieces(bytes, [20, 21, 50, 119, 120], { maxLineBytes: 16 });
    expect(plain(pieces)).toEqual(plain(whole));
    expect(whole.messages[0]!.fields[0]!.line).toMatchObject({ truncated: true, length: 103 });
  });
});

const options = fc.record({
  expect: fc.constantFrom("auto", "request", "response") as fc.Arbitrary<"auto" | "request" | "response">,
  head: fc.boolean(),
  partial: fc.boolean(),
  maxLineBytes: fc.integer({ min: 16, max: 4096 }),
  maxFields: fc.integer({ min: 1, max: 64 }),
  maxHeaderBytes: fc.integer({ min: 16, max: 8192 }),
});

const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "insert", "delete")), {
      maxLength: 8,
    }),
  )
  .map(([text, edits]) => {
    const bytes = [...b(text)];
    for (const [at, byte, op] of edits) {
      const i = at % (bytes.length + 1);
      if (op === "set" && i < bytes.length) bytes[i] = byte;
      else if (op === "insert") bytes.splice(i, 0, byte);
      else bytes.splice(i, 1);
    }
    return Buffer.from(bytes);
  });

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
  mutated,
);

describe("Http1Parser on hostile input", () => {
  fcTest.prop([anyBytes, options], { numRuns: 300 })("never throws and checks never throw", (bytes, opts) => {
    const analysis = analyzeHttp1(bytes, opts);
    expect(analysis.bytes).toBe(bytes.length);
  });

  fcTest.prop([anyBytes, fc.array(fc.nat({ max: 2100 }), { maxLength: 12 }), options], { numRuns: 300 })(
    "gives the same result whole or in random pieces",
    (bytes, cuts, opts) => {
      expect(plain(parseInPieces(bytes, cuts, opts))).toEqual(plain(parseHttp1(bytes, opts)));
    },
  );

  fcTest.prop([anyBytes, options], { numRuns: 200 })("keeps no more than the caps allow", (bytes, opts) => {
    for (const message of parseHttp1(bytes, opts).messages) {
      expect(message.fields.length).toBeLessThanOrEqual(opts.maxFields);
      const kept = message.fields.reduce((n, f) => n + f.line.bytes.length, 0);
      expect(kept).toBeLessThanOrEqual(opts.maxHeaderBytes);
      for (const field of message.fields) expect(field.line.bytes.length).toBeLessThanOrEqual(opts.maxLineBytes);
      expect(message.body.sample.length).toBeLessThanOrEqual(64);
    }
  });
});
