import { Readable } from "node:stream";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { HaproxyLogLine } from "../../model/observations/haproxy.ts";
import { readEvidence } from "../read-evidence.ts";
import { HAPROXY_LINE_READERS } from "./index.ts";

async function read(text: string, pieces = 1): Promise<Observation[]> {
  const bytes = Buffer.from(text);
  const size = Math.ceil(bytes.length / pieces) || 1;
  const chunks = Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  const source = { id: "haproxy.log", open: () => Readable.from(chunks) };
  return (await readEvidence([source], { lineReaders: HAPROXY_LINE_READERS, fileReaders: [] })).observations;
}

const SYSLOG =
  'Mar  7 11:43:48 lb-2 haproxy[2817]: 203.0.113.45:43608 [07/Mar/2023:11:33:48.083] ssl~ http/10.81.15.120 0/0/3/-1/600004 504 198 - - sH-- 1757/1757/11/0/0 0/0 {Go-http-client/2.0} "GET https://api.example.com/xyz HTTP/2.0"';
const STDOUT =
  '10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/<NOSRV> 10/-1/-1/-1/+11 503 212 - - SC-- 1/1/1/0/+2 0/0 "GET /index.html HTTP/1.1"';

describe("HAProxy HTTP log lines", () => {
  test("are read with and without a syslog prefix: servers, timers, status, termination state", async () => {
    const [first, second] = (await read(`${SYSLOG}\n${STDOUT}\n`)) as HaproxyLogLine[];
    expect(first).toMatchObject({
      frontend: "ssl~",
      backend: "http",
      server: "10.81.15.120",
      timers: { request: 0, queue: 0, connect: 3, response: -1, total: 600004 },
      status: 504,
      termination: "sH--",
      retries: 0,
      request: "GET https://api.example.com/xyz HTTP/2.0",
      ref: { line: 1 },
    });
    expect(second).toMatchObject({
      server: "<NOSRV>",
      timers: { total: 11 },
      status: 503,
      retries: 2,
      ref: { line: 2 },
    });
  });

  test("other proxies' lines and HAProxy's own notices are left alone", async () => {
    const others = [
      '10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /api/a HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      "Mar  7 11:43:48 lb-2 haproxy[2817]: Server http/10.81.15.120 is DOWN, reason: Layer4 timeout",
      "Mar  7 11:43:48 lb-2 haproxy[2817]: Proxy ssl started.",
    ];
    expect(await read(others.join("\n"))).toEqual([]);
  });

  test.prop([fc.string({ maxLength: 3000 }), fc.integer({ min: 1, max: 7 })], { numRuns: 200 })(
    "random text never throws and gives the same whole or in pieces",
    async (text, pieces) => {
      const whole = await read(text);
      expect(await read(text, pieces)).toEqual(whole);
    },
  );

  test.prop(
    [
      fc.array(fc.tuple(fc.nat({ max: SYSLOG.length }), fc.nat({ max: 2 }), fc.string({ maxLength: 4 })), {
        maxLength: 12,
      }),
    ],
    { numRuns: 300 },
  )("mutated log lines never throw and keep their numbers in range", async (edits) => {
    let text = SYSLOG;
    for (const [at, kind, piece] of edits) {
      if (kind === 0) text = text.slice(0, at) + piece + text.slice(at);
      else if (kind === 1) text = text.slice(0, at) + text.slice(at + piece.length + 1);
      else text = text.slice(0, at) + piece + text.slice(at + piece.length);
    }
    for (const o of (await read(text)) as HaproxyLogLine[]) {
      expect(Number.isFinite(o.status)).toBe(true);
      expect(o.termination).toHaveLength(4);
    }
  });
});
