import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { NginxAccessSummary, NginxErrorLine } from "../../model/observations/nginx.ts";
import { cutAt, mutate, readPieces } from "../curl/testing.ts";
import { parseAccessLine } from "./access-line.ts";
import { parseErrorLine, requestPath, upstreamAuthority } from "./error-line.ts";
import { NGINX_LINE_READERS } from "./index.ts";

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../test/fixtures/nginx/${path}`, import.meta.url), "utf8");
const read = (text: string): Promise<Observation[]> => readPieces([Buffer.from(text)], NGINX_LINE_READERS);

const SEED =
  '2023/07/27 11:28:56 [crit] 2379#0: *22526 mkdir() "/kong_prefix/proxy_temp/6" failed (13: Permission denied) while reading upstream, client: 172.17.43.158, server: kong, request: "GET /assets/monaco-editor.90904fcf.3_3_0_0.js HTTP/1.1", upstream: "https://10.128.3.208:8445/assets/monaco-editor.90904fcf.3_3_0_0.js", host: "kong.example.com"';

describe("nginx error line", () => {
  test("splits the seed line into level, errno, syscall, path, context and request fields", () => {
    expect(parseErrorLine(SEED)).toEqual({
      time: "2023/07/27 11:28:56",
      level: "crit",
      pid: 2379,
      connection: 22526,
      message: 'mkdir() "/kong_prefix/proxy_temp/6" failed (13: Permission denied)',
      syscall: "mkdir",
      path: "/kong_prefix/proxy_temp/6",
      errno: 13,
      errnoText: "Permission denied",
      action: "reading upstream",
      client: "172.17.43.158",
      server: "kong",
      request: "GET /assets/monaco-editor.90904fcf.3_3_0_0.js HTTP/1.1",
      upstream: "https://10.128.3.208:8445/assets/monaco-editor.90904fcf.3_3_0_0.js",
      host: "kong.example.com",
      flavour: "kong",
    });
  });

  test("reads errno without a syscall, Lua sources and lines without a request tail", () => {
    const timeout = parseErrorLine(
      '2026/01/02 03:04:13 [error] 31#31: *109 upstream timed out (110: Operation timed out) while connecting to upstream, client: 10.0.0.1, server: a, request: "GET / HTTP/1.1", upstream: "http://10.0.0.9:80/", host: "a"',
    );
    expect(timeout).toMatchObject({ errno: 110, action: "connecting to upstream", flavour: "nginx" });
    expect(timeout?.syscall).toBeUndefined();
    const lua = parseErrorLine(
      "2026/01/02 03:04:22 [error] 1098#0: *2939 [lua] balancer.lua:1130: failure to get a peer from the ring-balancer, client: 10.0.0.1, server: kong",
    );
    expect(lua).toMatchObject({ luaSource: "balancer.lua:1130", flavour: "kong", client: "10.0.0.1" });
    expect(
      parseErrorLine('2026/01/02 03:04:08 [emerg] 1#1: open() "/etc/nginx/x.conf" failed (30: Read-only file system)'),
    ).toMatchObject({ level: "emerg", syscall: "open", errno: 30, path: "/etc/nginx/x.conf" });
  });

  test("reads a line quoted without its date, and nothing looser", () => {
    const undated = parseErrorLine(
      '[error] 84#0: *1136877 connect() failed (111: Connection refused) while connecting to upstream, client: 172.18.0.1, server: kong, upstream: "http://127.0.0.1:86/info"',
    );
    expect(undated).toMatchObject({ level: "error", pid: 84, connection: 1136877, errno: 111, flavour: "kong" });
    expect(undated?.time).toBeUndefined();
    expect(parseErrorLine("[error] connect() failed (111: Connection refused)")).toBeUndefined();
    expect(parseErrorLine("[error] 84#0 connect() failed (111: Connection refused)")).toBeUndefined();
    expect(parseErrorLine(" [error] 84#0: connect() failed (111: Connection refused)")).toBeUndefined();
  });

  test("reads an upstream error quoted without any head, by nginx's own wording of what it was doing", () => {
    expect(
      parseErrorLine(
        'upstream sent "Content-Length" and "Transfer-Encoding" headers at the same time while reading response header from upstream',
      ),
    ).toMatchObject({ level: "error", action: "reading response header from upstream" });
    expect(
      parseErrorLine("*187 upstream sent too large http2 frame: 4740180 while reading response header from upstream"),
    ).toMatchObject({ connection: 187, message: "upstream sent too large http2 frame: 4740180" });
    expect(
      parseErrorLine("failed (111: connection refused) while connecting to upstream, client 10.0.0.1"),
    ).toMatchObject({
      errno: 111,
    });
    expect(parseErrorLine("connect() failed (111: Connection refused) while connecting to upstream")).toMatchObject({
      errno: 111,
      action: "connecting to upstream",
    });
    expect(
      parseErrorLine(
        '[error] upstream sent too big header while reading response header from upstream, client: <client>, server: domain.com, request: "GET /settings HTTP/2.0"',
      ),
    ).toMatchObject({ level: "error", message: "upstream sent too big header", server: "domain.com" });
    expect(parseErrorLine("[warn] *12 upstream prematurely closed connection while reading upstream")).toMatchObject({
      level: "warn",
      connection: 12,
      message: "upstream prematurely closed connection",
    });
    expect(parseErrorLine("[error] client intended to send too large chunked body: 0+300 bytes")).toMatchObject({
      level: "error",
      message: "client intended to send too large chunked body: 0+300 bytes",
    });
    expect(parseErrorLine("client intended to send too large chunked body: 0+300 bytes")).toBeUndefined();
    for (const text of [
      "upstream sent a big answer",
      "the upstream timed out while we were reading upstream docs",
      'Our upstream sent "Content-Length" while reading response header from upstream',
      "[error] the upstream timed out while we were reading upstream docs",
    ]) {
      expect(parseErrorLine(text), text).toBeUndefined();
    }
  });

  test("reads a temporary-file failure quoted as a fragment, and a connection number whose `*` markdown ate", () => {
    expect(
      parseErrorLine('... "/usr/local/var/run/nginx/proxy_temp/5/00/0000000005" failed (13: Permission denied) ...'),
    ).toMatchObject({ path: "/usr/local/var/run/nginx/proxy_temp/5/00/0000000005", errno: 13 });
    expect(parseErrorLine('"/srv/www/index.html" failed (13: Permission denied)')).toBeUndefined();
    expect(
      parseErrorLine('[crit] open() "/usr/local/nginx/client_body_temp/0000000074" failed (13: Permission denied)'),
    ).toMatchObject({
      level: "crit",
      syscall: "open",
      path: "/usr/local/nginx/client_body_temp/0000000074",
      errno: 13,
    });
    expect(
      parseErrorLine(
        '2021/10/25 11:11:37 [error] 1240#1240: 778896 upstream sent too big header while reading response header from upstream, client: 10.0.0.1, server: s, request: "GET / HTTP/1.1"',
      ),
    ).toMatchObject({ connection: 778896, message: "upstream sent too big header" });
    expect(parseErrorLine("2016/03/14 00:35:26 [alert] 25909#0: 1024 worker_connections are not enough")).toMatchObject(
      {
        message: "1024 worker_connections are not enough",
      },
    );
  });

  test("reads the errno of a line cut inside its parentheses, completing a known text", () => {
    const head =
      '2021/05/26 17:20:57 [crit] 10975#10975: *9 pwritev() "/var/cache/nginx/proxy_temp/1/00/0000000001" failed';
    expect(parseErrorLine(`${head} (28: No space left on#`)).toMatchObject({
      syscall: "pwritev",
      errno: 28,
      errnoText: "No space left on device",
      cut: true,
    });
    expect(parseErrorLine(`${head} (28`)).toMatchObject({ errno: 28, errnoText: "No space left on device", cut: true });
    expect(parseErrorLine(`${head} (77: Something el>`)).toMatchObject({ errno: 77, errnoText: "Something el" });
    expect(parseErrorLine(`${head} (28: No space left on device)`)?.cut).toBeUndefined();
    expect(parseErrorLine(`${head} (2`)).toMatchObject({ errno: 2, cut: true });
    expect(parseErrorLine(`${head} (`)?.errno).toBeUndefined();
  });

  test("rejects lines of other formats", () => {
    expect(parseErrorLine("2026-01-02T03:04:05Z error something")).toBeUndefined();
    expect(parseErrorLine("2026/01/02 03:04:05 [loud] 1#1: x")).toBeUndefined();
    expect(parseErrorLine("")).toBeUndefined();
  });

  test("gives request path and upstream authority for correlation", () => {
    expect(requestPath("GET /a/b?c=1 HTTP/1.1")).toEqual({ method: "GET", path: "/a/b?c=1" });
    expect(upstreamAuthority("https://10.128.3.208:8445/assets/x.js")).toBe("10.128.3.208:8445");
    expect(upstreamAuthority("10.1.2.3:8080")).toBe("10.1.2.3:8080");
  });

  test("fills the correlation the engine joins on", async () => {
    const [line] = (await read(`${SEED}\n`)) as NginxErrorLine[];
    expect(line?.correlation).toEqual({
      authority: "kong.example.com",
      path: "/assets/monaco-editor.90904fcf.3_3_0_0.js",
      upstream: "10.128.3.208:8445",
    });
    expect(line?.ref).toMatchObject({ line: 1, byte: 0, time: "2023-07-27T11:28:56" });
  });
});

describe("nginx access log", () => {
  test("reads combined and ingress-nginx lines", () => {
    expect(
      parseAccessLine('10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /api/a HTTP/1.1" 502 157 "-" "curl/8.5.0"'),
    ).toMatchObject({
      status: 502,
      method: "GET",
      path: "/api/a",
      format: "combined",
    });
    expect(
      parseAccessLine(
        '10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /x HTTP/1.1" 502 150 "-" "curl/8.5.0" 87 0.003 [ns-svc-80] [] 10.1.2.3:8080, 10.1.2.4:8080 0, 0 0.001, 0.002 502, 502 7b5c',
      ),
    ).toMatchObject({
      upstreamName: "ns-svc-80",
      upstream: "10.1.2.3:8080, 10.1.2.4:8080",
      upstreamStatus: "502, 502",
      requestId: "7b5c",
    });
  });

  test("reads older ingress-nginx lines (real IP in brackets, no alternative upstream, no request id)", () => {
    const parsed = parseAccessLine(
      '10.40.7.21 - [10.40.7.21] - - [25/Jan/2018:09:14:02 +0000] "GET /app.js HTTP/1.1" 200 12482 "http://shop.example.com/" "Mozilla/5.0" 510 0.011 [shop-web-3000] 10.32.0.61:3000 39564 0.011 200',
    );
    expect(parsed).toMatchObject({
      client: "10.40.7.21",
      status: 200,
      path: "/app.js",
      requestTime: 0.011,
      upstreamName: "shop-web-3000",
      upstream: "10.32.0.61:3000",
      upstreamStatus: "200",
      format: "ingress-nginx",
    });
    expect(parsed?.requestId).toBeUndefined();
    // One bracketed field too many for either layout: combined only.
    expect(
      parseAccessLine(
        '10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /x HTTP/1.1" 200 1 "-" "ua" 87 0.003 [a] [b] [c] 1 2 3 4 5',
      )?.format,
    ).toBe("combined");
  });

  test("reads a custom log_format of key=value fields after the combined head", () => {
    const parsed = parseAccessLine(
      '193.105.140.131 - - [20/Apr/2017:07:59:12 +0000] request="GET /api/v1/objects HTTP/1.1" api_key="" status=504 bbs=84 rt=10.001 ua="Mozilla/5.0 (X11)" upadd="10.13.100.7:26856" upstat=504 uprt="10.001" reqid=qGMkwjo5',
    );
    expect(parsed).toMatchObject({
      client: "193.105.140.131",
      method: "GET",
      path: "/api/v1/objects",
      status: 504,
      bytes: 84,
      requestTime: 10.001,
      userAgent: "Mozilla/5.0 (X11)",
      upstream: "10.13.100.7:26856",
      upstreamStatus: "504",
      requestId: "qGMkwjo5",
      format: "key-value",
    });
    expect(
      parseAccessLine("10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] status=200 request_time=- upstream_status=-"),
    ).toMatchObject({ status: 200, format: "key-value" });
    for (const other of [
      'level=error msg="request failed" status=504 took=10s',
      "10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] the status=504 of something",
      "10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] code=504 rt=1",
    ]) {
      expect(parseAccessLine(other)).toBeUndefined();
    }
  });

  test("summarises by status with bounded examples", async () => {
    const line = (status: number) =>
      `10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET /p HTTP/1.1" ${status} 1 "-" "ua" 87 0.003 [ns-svc-80] [] 10.1.2.3:8080 0 0.001 ${status} id${status}`;
    const text = [...Array.from({ length: 40 }, () => line(503)), line(200), line(499)].join("\n");
    const [summary] = (await read(text)) as NginxAccessSummary[];
    expect(summary?.byStatus).toEqual({ "503": 40, "200": 1, "499": 1 });
    expect(summary?.examples["503"]).toHaveLength(5);
    expect(summary?.examples["200"]).toBeUndefined();
    expect(summary?.upstreamStatusByStatus["503"]).toEqual({ "503": 40 });
    expect(summary?.format).toBe("ingress-nginx");
  });
});

describe("ingress-nginx controller log", () => {
  test("takes only the lines about Services without endpoints", async () => {
    const observations = await read(
      [
        'W1122 04:10:01.234567       7 controller.go:1214] Service "shop/reviews" does not have any active Endpoint.',
        'I1122 04:10:00.123456       7 controller.go:190] "Configuration changes detected, backend reload required"',
        'W1122 04:10:02.000000       7 controller.go:900] Error obtaining Endpoints for Service "shop/cart": no object matching key "shop/cart" in local store',
      ].join("\n"),
    );
    expect(
      observations.map((o) => (o.type === "nginx.ingress-controller" ? [o.kind, o.service, o.ref.line] : o.type)),
    ).toEqual([
      ["no-active-endpoints", "shop/reviews", 1],
      ["no-endpoints-object", "shop/cart", 3],
    ]);
    expect(observations[0]?.correlation).toEqual({ namespace: "shop", upstream: "reviews" });
  });
});

const SAMPLES = [
  fixture("ingress-controller-no-endpoints/controller.log"),
  fixture("upstream-errors/error.log"),
  fixture("temp-storage/error.log"),
  fixture("temp-disk-full-cut/error.log"),
  fixture("undated-upstream-refused/error.log"),
  fixture("access-ingress/access.log"),
  '10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] request="GET / HTTP/1.1" status=504 rt=10.001 upstat=504 reqid=a\n',
];
const edit = fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 6 }));

describe("nginx readers under hostile input", () => {
  test.prop([fc.uint8Array({ maxLength: 3000 })])("never throw on random bytes", async (bytes) => {
    await expect(readPieces([bytes], NGINX_LINE_READERS)).resolves.toBeDefined();
  });

  test.prop([fc.constantFrom(...SAMPLES), fc.array(edit, { maxLength: 10 })])(
    "never throw on mutated log lines",
    async (sample, edits) => {
      await expect(read(mutate(sample, edits))).resolves.toBeDefined();
    },
  );

  test.prop([fc.constantFrom(...SAMPLES), fc.array(fc.nat(), { maxLength: 10 })])(
    "give the same observations whole or in random pieces",
    async (sample, points) => {
      expect(await readPieces(cutAt(Buffer.from(sample), points), NGINX_LINE_READERS)).toEqual(await read(sample));
    },
  );

  test("finish on long lines built to make the parsers backtrack", async () => {
    const head = "2026/01/02 03:04:05 [error] 1#1: *1 ";
    const tail = `10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] "GET / HTTP/1.1" 502 1 "-" "ua" 1 0.1 [a] [] ${"1.2.3.4:80, ".repeat(3000)}x`;
    const pairs = `10.0.0.1 - - [02/Jan/2026:03:04:06 +0000] ${"a=a=".repeat(8000)} ${'q="'.repeat(3000)}`;
    const observations = await read(
      `${head}${", client: x".repeat(5000)}${" while ".repeat(3000)}\n${tail}\n${pairs}\n`,
    );
    expect(observations.map((o) => o.type).sort()).toEqual(["nginx.access-summary", "nginx.error"]);
  });
});
