import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { HaproxyLogLine, HaproxyServerState } from "../../model/observations/haproxy.ts";
import { mutate } from "../curl/testing.ts";
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
/** Lines quoted without their head, or written by a custom log-format without client or date. */
const HEADLESS = [
  'FO~ xxx/xxxxx 0/0/1/-1/30003 -1 0 - - CD-- 1/1/0/0/0 0/0  "POST /xxxx HTTP/1.1"',
  ' FO~ xxx/xxxx 0/0/1/-1/15004 -1 0 - - CD-- 1/1/0/0/0 0/0 "POST /xxxx HTTP/1.1"',
  "IP:PORT https-in~ https-in/<NOSRV> -1/-1/-1/-1/0 500 5253 - - PR-- 2/2/0/0/0 0/0",
  "main_frontend~ traffic_server/local_ats 0/0/0/-1/10 400 206 - - CD-- 54/51/2/2/0 0/0",
  "fe\tbe/s1 0/0/1/2/3 200 512 SESSID=1 - ---- {curl/8.5.0}",
];
const OTHER_PROXIES = [
  '10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /v1/2/3/4/5 HTTP/1.1" 499 0 "-" "curl/8.5.0" rt=30.003 urt="30.003"',
  '[2026-01-02T03:04:05.678Z] "POST /api/pay HTTP/2" 504 UT 0 24 30001 - "10.0.0.9" "curl/8.5.0" "5f1d0c2e" "api.example.com" "10.0.1.5:8080"',
  '10.0.0.1 - - [02/Jan/2026:03:04:08 +0000] "GET /api HTTP/1.1" 502 11 "-" "-" 42 "api@docker" "http://10.0.0.5:80" 30003ms',
  '{"level":"info","msg":"request","upstream":"be/s1 0/0/1/-1/30003","status":504}',
];

const EVENTS = [
  "Feb 19 16:18:22 localserver haproxy[30088]: [WARNING] 049/161822 (30088) : Server plex-http/plex is DOWN, reason: Layer7 wron>",
  "Feb 19 16:18:22 localserver haproxy[30088]: [ALERT] 049/161822 (30088) : backend 'plex-http' has no server available!",
  'haproxy1    | [WARNING]  (8) : Server mysqlro-back/mysql2 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.',
  "Feb 19 04:11:57 debian11 haproxy[4436]: backend web_server02 has no server available!",
  'Jan 12 16:10:01 lb2a haproxy[28175]: Health check for server link/link2 failed, reason: Layer7 wrong status, code: 401, info: "Unauthorized", check duration: 4ms, status: 0/3 DOWN.',
  "[WARNING] 222/124543 (6) : Server apiserver/10.30.12.204 is UP, reason: Layer6 check passed, check duration: 1ms. 2 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.",
  "Mar  7 11:43:48 lb-2 haproxy[2817]: Backup Server be/b1 is DOWN via be/10.0.0.1. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
  "Apr  2 13:38:38 lb haproxy[1]: [ALERT] 092/133838 (1) : proxy 'old' has no server available !",
];

describe("HAProxy's own server messages", () => {
  test("are read in the stderr formats of 1.x and 2.x, syslog, and behind a docker compose prefix", async () => {
    const observations = await read(EVENTS.join("\n"));
    expect(observations.map((o) => [o.type, o.ref.line])).toEqual(
      EVENTS.map((_, i) => [i === 1 || i === 3 || i === 7 ? "haproxy.no-server" : "haproxy.server-state", i + 1]),
    );
    const [cut, , refused, , check, up, via] = observations as HaproxyServerState[];
    expect(cut).toMatchObject({
      level: "WARNING",
      backend: "plex-http",
      server: "plex",
      state: "down",
      reason: "Layer7 wrong status",
      cut: true,
    });
    expect(refused).toMatchObject({
      reason: "Layer4 connection problem",
      info: "Connection refused",
      durationMs: 0,
      activeLeft: 2,
      backupLeft: 0,
    });
    expect(refused?.cut).toBeUndefined();
    expect(check).toMatchObject({ state: "check-failed", code: 401, info: "Unauthorized", checkState: "DOWN" });
    expect(check?.level).toBeUndefined();
    expect(up).toMatchObject({ state: "up", server: "10.30.12.204", reason: "Layer6 check passed", activeLeft: 2 });
    expect(via).toMatchObject({ backup: true, state: "down", via: "be/10.0.0.1", activeLeft: 0 });
    expect(observations[1]).toMatchObject({ level: "ALERT", proxyType: "backend", backend: "plex-http" });
    expect(observations[3]).toMatchObject({ proxyType: "backend", backend: "web_server02" });
    expect(observations[7]).toMatchObject({ proxyType: "proxy", backend: "old" });
  });

  test("complete a cut reason only when one status starts so", async () => {
    const line = (reason: string) => `[WARNING]  (8) : Server be/s1 is DOWN, reason: ${reason}`;
    const reasons = (await read(
      [line("Layer4 t>"), line("Layer4 "), line("Layer7 wrong status"), line("Custom thing")].join("\n"),
    )) as HaproxyServerState[];
    expect(reasons.map((r) => [r.reason, r.cut])).toEqual([
      ["Layer4 timeout", true],
      ["Layer4", undefined],
      ["Layer7 wrong status", undefined],
      ["Custom thing", undefined],
    ]);
  });
});

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

  test("are read without client address and date, from the timers back to the frontend", async () => {
    const [slowPost, shorter, rewrite, aborted, custom] = (await read(HEADLESS.join("\n"))) as HaproxyLogLine[];
    expect(slowPost).toMatchObject({
      frontend: "FO~",
      backend: "xxx",
      server: "xxxxx",
      timers: { request: 0, queue: 0, connect: 1, response: -1, total: 30003 },
      status: -1,
      termination: "CD--",
      retries: 0,
      request: "POST /xxxx HTTP/1.1",
    });
    expect(shorter).toMatchObject({ frontend: "FO~", server: "xxxx", timers: { total: 15004 }, ref: { line: 2 } });
    expect(rewrite).toMatchObject({ frontend: "https-in~", backend: "https-in", server: "<NOSRV>", status: 500 });
    expect(rewrite?.termination).toBe("PR--");
    expect(rewrite?.request).toBeUndefined();
    expect(aborted).toMatchObject({ frontend: "main_frontend~", backend: "traffic_server", server: "local_ats" });
    expect(custom).toMatchObject({ frontend: "fe", backend: "be", server: "s1", status: 200, termination: "----" });
    expect(custom?.retries).toBeUndefined();
  });

  test("a custom format with quoted names and timers apart is read on a line HAProxy's syslog tag names", async () => {
    const line =
      'Mar 10 14:00:56 localhost haproxy[30170]: 10.0.0.9 - - [10/Mar/2022:14:00:56 +0000] "GET /5.js HTTP/1.1" 503 217 "" "" 59794 528 "web-https~" "web-servers" "web_052" 0 0 -1 -1 3 CC-- 4 1 0 0 0 0 0 "" "TLSv1.3"';
    expect(await read(line)).toMatchObject([
      {
        frontend: "web-https~",
        backend: "web-servers",
        server: "web_052",
        timers: { request: 0, queue: 0, connect: -1, response: -1, total: 3 },
        status: 503,
        termination: "CC--",
      },
    ]);
    expect(await read(line.replace("haproxy[30170]", "proxy[30170]"))).toEqual([]);
    expect(await read(line.replace(" CC-- ", " CC-x- "))).toEqual([]);
  });

  test("other proxies' access lines, and timers without a frontend or a termination state, are left alone", async () => {
    const nearly = [
      ...OTHER_PROXIES,
      "be/s1 0/0/1/-1/30003 -1 0 - - CD-- 1/1/0/0/0 0/0",
      "fe be/s1 0/0/1/-1/30003 -1 0 - - XX-- 1/1/0/0/0 0/0",
      "fe be/s1 0/0/1/-1/30003 -1 0 - - CD--- 1/1/0/0/0 0/0",
      "fe be/ 0/0/1/-1/30003 -1 0 - - CD-- 1/1/0/0/0 0/0",
      "fe be/s1 0/0/1/-1 -1 0 - - CD-- 1/1/0/0/0 0/0",
      "10.0.0.1:5000 [02/Jan/2026:03:04:06.000] fe be/s1 0/0/5007 212 -- 1/1/1/1/0 0/0",
    ];
    expect(await read(nearly.join("\n"))).toEqual([]);
  });

  test("other proxies' lines and HAProxy's other notices are left alone", async () => {
    const others = [
      '10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /api/a HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      "Mar  7 11:43:48 lb-2 haproxy[2817]: Proxy ssl started.",
      "Mar  7 11:43:48 lb-2 haproxy[2817]: Server http/a1 is going DOWN for maintenance.",
      "Mar  7 11:43:48 lb-2 haproxy[2817]: [NOTICE]   (1) : New worker (8) forked",
      "The Server be/srv is DOWN, reason: Layer4 timeout",
      "haproxy Server XXXXX is DOWN, reason: Layer4 timeout check duration: 10001ms.",
      "The backend has no server available to serve this request.",
    ];
    expect(await read(others.join("\n"))).toEqual([]);
  });

  test.prop([fc.constantFrom(...EVENTS), fc.array(fc.nat({ max: 400 }), { maxLength: 6 })], { numRuns: 200 })(
    "mutated server messages never throw and give the same whole or in pieces",
    async (sample, cuts) => {
      let text = sample;
      for (const at of cuts) text = `${text.slice(0, at)}${text.slice(at + 3)}`;
      const whole = await read(text);
      expect(await read(text, 3)).toEqual(whole);
      for (const o of whole) if (o.type === "haproxy.server-state") expect(o.backend.length).toBeGreaterThan(0);
    },
  );

  test.prop([fc.string({ maxLength: 3000 }), fc.integer({ min: 1, max: 7 })], { numRuns: 200 })(
    "random text never throws and gives the same whole or in pieces",
    async (text, pieces) => {
      const whole = await read(text);
      expect(await read(text, pieces)).toEqual(whole);
    },
  );

  test.prop(
    [
      fc.constantFrom(SYSLOG, ...HEADLESS),
      fc.array(fc.tuple(fc.nat({ max: SYSLOG.length }), fc.nat({ max: 2 }), fc.string({ maxLength: 4 })), {
        maxLength: 12,
      }),
      fc.integer({ min: 1, max: 5 }),
    ],
    { numRuns: 300 },
  )(
    "mutated log lines never throw, keep their numbers in range and give the same whole or in pieces",
    async (sample, edits, pieces) => {
      const text = mutate(sample, edits);
      const whole = await read(text);
      expect(await read(text, pieces)).toEqual(whole);
      for (const o of whole as HaproxyLogLine[]) {
        expect(Number.isFinite(o.status)).toBe(true);
        expect(Object.values(o.timers).every(Number.isFinite)).toBe(true);
        expect(o.termination).toHaveLength(4);
        expect(o.frontend.length * o.backend.length * o.server.length).toBeGreaterThan(0);
      }
    },
  );

  test.prop(
    [fc.array(fc.constantFrom(...OTHER_PROXIES, " ", "/", "0/", "1/-1/", " - - ", "CD-- "), { maxLength: 60 })],
    {
      numRuns: 200,
    },
  )("fragments of other proxies' lines and of timers never make an HAProxy log line", async (parts) => {
    const observations = await read(parts.join(""));
    expect(observations.filter((o) => o.type === "haproxy.log")).toEqual([]);
  });
});

const SHOW_ERRORS = [
  "[10/Jul/2023:14:05:45.967] backend connect01 (#10): invalid response",
  "  frontend https (#6), server web1 (#1), event #3, src 10.0.0.7:56852",
  "  len 120, wraps at 32720, error at position 58",
  "  H1 msg state MSG_HDR_L2_LWS(24), H1 msg flags 0x00011614",
  "",
  "  00000  HTTP/1.1 200 OK\\r\\n",
  "  00017  transfer-encoding: chunked\\r\\n",
  '  00045  X-Note: tab\\there and a quote \\" and',
  "  00078+  \\xe9t\\xe9\\r\\n",
  "  00088  Transfer-Encoding: chunked\\r\\n",
  "  00116  \\r\\n",
  "after the dump",
].join("\n");

describe("HAProxy show errors", () => {
  test("reads the refused message's proxy, server, position, parser state and the line at the error", async () => {
    const observations = await read(SHOW_ERRORS);
    const invalid = observations.find((o) => o.type === "haproxy.invalid-message");
    expect(invalid).toMatchObject({
      side: "response",
      proxy: "connect01",
      server: "web1",
      position: 58,
      state: "MSG_HDR_L2_LWS(24)",
      offending: 'X-Note: tab\there and a quote " and \u00e9t\u00e9',
      ref: { line: 1 },
    });
  });

  test("rebuilds the dumped bytes, continuations joined and escapes undone, as one HTTP/1 response", async () => {
    const stream = (await read(SHOW_ERRORS)).find((o) => o.type === "wire.http1-stream");
    expect(stream?.type === "wire.http1-stream" && stream.messages[0]?.fields.map((h) => h.name)).toEqual([
      "transfer-encoding",
      "X-Note",
      "Transfer-Encoding",
    ]);
  });

  test.prop([fc.array(fc.tuple(fc.nat({ max: SHOW_ERRORS.length }), fc.string({ maxLength: 5 })), { maxLength: 10 })], {
    numRuns: 200,
  })("mutated dumps never throw and give the same whole or in pieces", async (edits) => {
    let text = SHOW_ERRORS;
    for (const [at, piece] of edits) text = text.slice(0, at) + piece + text.slice(at + piece.length);
    const whole = await read(text);
    expect(await read(text, 4)).toEqual(whole);
  });
});

const SHOW_STAT = readFileSync(
  new URL("../../../test/fixtures/haproxy/show-stat-servers-down/show-stat.csv", import.meta.url),
  "utf8",
);

describe("HAProxy show stat", () => {
  test("servers DOWN read as HAProxy's own messages, with their last check; a DOWN backend as one without a server", async () => {
    const found = await read(SHOW_STAT);
    expect(
      found.map((o) =>
        o.type === "haproxy.server-state"
          ? [o.type, o.backend, o.server, o.reason]
          : [o.type, (o as { backend?: string }).backend],
      ),
    ).toEqual([
      ["haproxy.server-state", "api", "web1", "Layer4 connection problem"],
      ["haproxy.server-state", "api", "web2", "Layer4 connection problem"],
      ["haproxy.no-server", "api"],
    ]);
  });

  test("rows without the header before them are not read as show stat", async () => {
    expect(await read(SHOW_STAT.split("\n").slice(1).join("\n"))).toEqual([]);
  });

  test.prop(
    [
      fc.array(fc.tuple(fc.nat({ max: 900 }), fc.nat({ max: 3 }), fc.constantFrom(",", "DOWN", "", "\n", "L4CON")), {
        maxLength: 8,
      }),
      fc.integer({ min: 1, max: 5 }),
    ],
    { numRuns: 200 },
  )("mutated tables never throw and give the same whole or in pieces", async (edits, pieces) => {
    const text = mutate(SHOW_STAT, edits);
    expect(await read(text, pieces)).toEqual(await read(text));
  });
});
