import { readFileSync } from "node:fs";
import { test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { hostileInputProperties } from "../../../test/support/hostile-input.ts";
import type { Observation } from "../../model/observation.ts";
import type { CurlError, CurlExchange, CurlLocalReply } from "../../model/observations/curl.ts";
import { classifyCurlError, findLocalReply } from "./error-text.ts";
import { CURL_LINE_READERS } from "./index.ts";
import { responderOf } from "./responder.ts";
import { readPieces } from "./testing.ts";

const fixture = (path: string): string =>
  readFileSync(new URL(`../../../test/fixtures/curl/${path}`, import.meta.url), "utf8");

const read = (text: string): Promise<Observation[]> => readPieces([Buffer.from(text)], CURL_LINE_READERS);
const ofType = <T extends Observation["type"]>(list: Observation[], type: T) =>
  list.filter((o) => o.type === type) as Extract<Observation, { type: T }>[];

describe("curl error wording", () => {
  test("reads the HTTP/2 reset in the wording before and after curl 8.19 alike", () => {
    const old = classifyCurlError("HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)", 92);
    const now = classifyCurlError("HTTP/2 stream 1 reset by server (error 0x2 INTERNAL_ERROR)", 92);
    expect(old.reset).toMatchObject({
      stream: 1,
      error: "INTERNAL_ERROR",
      errorCode: 2,
      wording: "not-closed-cleanly",
    });
    expect(now.reset).toMatchObject({ stream: 1, error: "INTERNAL_ERROR", errorCode: 2, wording: "reset-by" });
    expect(classifyCurlError("HTTP/2 stream 3 reset by curl (error 0x8 CANCEL)").reset?.by).toBe("curl");
  });

  test("reads the numeric error code of curl before 7.52, and its hex stream id before 7.44", () => {
    expect(classifyCurlError("HTTP/2 stream 1 was not closed cleanly: error_code = 1", 16)).toMatchObject({
      kind: "h2-stream",
      exitCode: 16,
      reset: { stream: 1, error: "PROTOCOL_ERROR", errorCode: 1, wording: "not-closed-cleanly" },
    });
    expect(classifyCurlError("HTTP/2 stream = b was not closed cleanly: error_code = 2", 16).reset).toMatchObject({
      stream: 11,
      error: "INTERNAL_ERROR",
    });
  });

  test("infers exit codes from the wording when no `curl: (N)` is given", () => {
    expect(classifyCurlError("transfer closed with 812 bytes remaining to read")).toMatchObject({
      kind: "partial",
      exitCode: 18,
      remainingBytes: 812,
    });
    expect(classifyCurlError("Empty reply from server").exitCode).toBe(52);
    expect(classifyCurlError("Recv failure: Connection reset by peer")).toMatchObject({ exitCode: 56 });
  });

  test("splits connect failures by reason and reads both host spellings", () => {
    expect(
      classifyCurlError("Failed to connect to api.example.com port 8080 after 2 ms: Connection refused", 7),
    ).toMatchObject({ kind: "connect-refused", host: "api.example.com", port: 8080 });
    expect(classifyCurlError("Failed to connect to 10.0.0.7:443 after 3 ms: No route to host", 7)).toMatchObject({
      kind: "connect-unreachable",
      host: "10.0.0.7",
      port: 443,
    });
    expect(classifyCurlError("Couldn't connect to server", 7).kind).toBe("connect-failed");
  });

  test("tells a stall mid-body from a timeout before any byte", () => {
    expect(classifyCurlError("Operation timed out after 5000 milliseconds with 0 bytes received", 28)).toMatchObject({
      receivedBytes: 0,
    });
    expect(
      classifyCurlError("Operation timed out after 5000 milliseconds with 10 out of 100 bytes received", 28),
    ).toMatchObject({ receivedBytes: 10, expectedBytes: 100 });
  });

  test("falls back to the exit code for unknown wordings", () => {
    expect(classifyCurlError("some future message", 16).kind).toBe("h2-framing");
    expect(classifyCurlError("some future message").kind).toBe("other");
  });
});

describe("Envoy local replies and responders", () => {
  test("reads reason and transport failure, even with curl's next line glued on", () => {
    const reply = findLocalReply(
      "upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111* Connection #0 to host x left intact",
    );
    expect(reply).toEqual({
      producer: "envoy",
      kind: "upstream-reset",
      reason: "remote connection failure",
      transportFailure: "delayed connect error: 111",
      retried: true,
    });
    expect(findLocalReply("no healthy upstream%")?.kind).toBe("no-healthy-upstream");
    expect(findLocalReply("we saw no healthy upstream yesterday")).toBeUndefined();
    expect(findLocalReply("upstream connect error or disconnect/reset before headers")).toMatchObject({
      producer: "envoy",
      kind: "upstream-reset",
    });
    expect(findLocalReply('  "message":"no Route matched with those values",')).toMatchObject({
      producer: "kong",
      kind: "kong-no-route",
    });
    expect(findLocalReply('the error "no Route matched with those values" means a wrong path')).toBeUndefined();
    expect(findLocalReply('httpStatus：503 message : "failure to get a peer from the ring-balancer"')).toMatchObject({
      producer: "kong",
      kind: "kong-no-peer",
    });
  });

  test("says who answered from the response headers", () => {
    expect(
      responderOf([
        ["via", "kong/3.3.1.0"],
        ["x-kong-upstream-latency", "7"],
      ]),
    ).toMatchObject({
      producer: "app",
      frontProxy: "kong",
    });
    expect(responderOf([["x-kong-response-latency", "1"]])).toMatchObject({ producer: "kong" });
    expect(responderOf([["server", "istio-envoy"]])).toMatchObject({ producer: "envoy", upstreamAnswered: false });
    expect(
      responderOf([
        ["server", "envoy"],
        ["x-envoy-upstream-service-time", "3"],
      ]),
    ).toMatchObject({ producer: "app" });
    expect(responderOf([["server", "nginx/1.25.3"]])).toMatchObject({ producer: "nginx" });
    expect(responderOf([["server", "gunicorn"]])).toMatchObject({ producer: "app", server: "gunicorn" });
    expect(responderOf([["content-type", "text/plain"]])).toBeUndefined();
    expect(responderOf([["server", "cloudflare"]], 522)).toMatchObject({
      producer: "cloudflare",
      frontProxy: "cloudflare",
    });
    expect(responderOf([["server", "cloudflare"]], 502)).toMatchObject({ producer: "app", frontProxy: "cloudflare" });
  });
});

describe("curl transcript reader", () => {
  test("reads `curl -i` output after its command line: the bare response head and the body", async () => {
    const out = await read(
      [
        "$ curl -i -X POST --url http://localhost:8000/v1/accounts",
        "HTTP/1.1 404 Not Found",
        "Content-Type: application/json; charset=utf-8",
        "Server: kong/1.0.3",
        "",
        '{"message":"no Route matched with those values"}',
      ].join("\n"),
    );
    const exchange = out.find((o): o is CurlExchange => o.type === "curl.exchange");
    expect(exchange).toMatchObject({
      method: "POST",
      target: "/v1/accounts",
      authority: "localhost:8000",
      status: 404,
    });
    expect(exchange?.headers).toContainEqual(["server", "kong/1.0.3"]);
    expect(out.find((o): o is CurlLocalReply => o.type === "curl.local-reply")).toMatchObject({ status: 404 });
  });

  test("a `$ curl -v` command line before a transcript does not make a second exchange", async () => {
    const out = await read(
      [
        "$ curl -v http://shop.example/cart",
        "* Trying 10.0.0.7:80...",
        "* Connected to shop.example (10.0.0.7) port 80",
        "> GET /cart HTTP/1.1",
        "> Host: shop.example",
        ">",
        "< HTTP/1.1 503 Service Unavailable",
        "< server: envoy",
        "<",
        "no healthy upstream",
      ].join("\n"),
    );
    const exchanges = out.filter((o): o is CurlExchange => o.type === "curl.exchange");
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ method: "GET", target: "/cart", status: 503 });
  });

  test("a refused address counts only when no later address connects", async () => {
    const attempt = (connected: boolean) =>
      [
        "*   Trying ::1...",
        "* connect to ::1 port 10000 failed: Connection refused",
        "*   Trying 127.0.0.1...",
        connected
          ? "* Connected to localhost (127.0.0.1) port 10000 (#0)"
          : "* connect to 127.0.0.1 port 10000 failed: Connection refused",
        "* Closing connection 0",
      ].join("\n");
    const errors = async (connected: boolean) =>
      (await read(attempt(connected))).filter((o): o is CurlError => o.type === "curl.error").map((e) => e.message);
    expect(await errors(true)).toEqual([]);
    expect(await errors(false)).toEqual([
      "connect to ::1 port 10000 failed: Connection refused",
      "connect to 127.0.0.1 port 10000 failed: Connection refused",
    ]);
  });

  test("--fail's exit 22 names the status, alone or as git quotes it", async () => {
    const errors = (await read(
      "curl: (22) The requested URL returned error: 413\nerror: RPC failed; HTTP 502 curl 22 The requested URL returned error: 502\n",
    )) as CurlError[];
    expect(errors.map((e) => [e.exitCode, e.status])).toEqual([
      [22, 413],
      [22, 502],
    ]);
    expect(await read("curl 22 is the exit code of --fail\n")).toEqual([]);
  });

  test("a handshake that stops after the ClientHello, with no answer and no error, is a stall", async () => {
    const head =
      "$ curl -v https://a.test/\n* Connected to a.test (203.0.113.4) port 443 (#0)\n* ALPN: offers h2,http/1.1\n";
    const stalledOf = async (tail: string) =>
      ((await read(`${head}* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n${tail}`)) as CurlExchange[])
        .filter((o) => o.type === "curl.exchange")
        .map((o) => o.tlsStalledAfterClientHello === true);
    expect(await stalledOf("*  CAfile: /etc/ssl/certs/ca-certificates.crt\n")).toEqual([true]);
    expect(await stalledOf("* TLSv1.3 (IN), TLS handshake, Server hello (2):\n")).toEqual([false]);
    expect(await stalledOf("* Recv failure: Connection reset by peer\n")).toEqual([false]);
  });

  test("a status line with no `$ curl` line before it is not taken for a response head", async () => {
    const out = await read("HTTP/1.1 200 OK\nServer: kong/1.0.3\n");
    expect(out.filter((o) => o.type === "curl.exchange")).toEqual([]);
  });

  test("reads the seed transcript: TLS, ALPN, headers, who answered, and the error glued to body bytes", async () => {
    const observations = await read(fixture("kong-h2-reset-with-error-log/curl-v.txt"));
    const [exchange] = ofType(observations, "curl.exchange") as CurlExchange[];
    expect(exchange).toMatchObject({
      method: "GET",
      target: "/assets/monaco-editor.90904fcf.3_3_0_0.js",
      authority: "kong.example.com",
      alpnOffered: ["h2", "http/1.1"],
      alpnAccepted: "h2",
      tlsVersion: "TLSv1.3",
      certVerified: true,
      status: 200,
      responseVersion: "HTTP/2",
      responder: { producer: "app", frontProxy: "kong" },
    });
    const errors = ofType(observations, "curl.error") as CurlError[];
    expect(errors.map((e) => e.ref.line)).toEqual([49, 51]);
    for (const error of errors) {
      expect(error).toMatchObject({ exitCode: 92, status: 200, reset: { error: "INTERNAL_ERROR" } });
      expect(error.correlation).toMatchObject({ authority: "kong.example.com", path: exchange?.target });
    }
  });

  test("reads --trace-ascii output the same way", async () => {
    const trace = [
      "== Info:   Trying 127.0.0.1:8080...",
      "== Info: Connected to localhost (127.0.0.1) port 8080 (#0)",
      "=> Send header, 78 bytes (0x4e)",
      "0000: GET /items HTTP/1.1",
      "0015: Host: localhost:8080",
      "<= Recv header, 17 bytes (0x11)",
      "0000: HTTP/1.1 502 Bad Gateway",
      "<= Recv header, 20 bytes (0x14)",
      "0000: Server: nginx/1.25.3",
      "<= Recv header, 2 bytes (0x2)",
      "0000: ",
      "<= Recv data, 5 bytes (0x5)",
      "0000: oops.",
      "== Info: Connection #0 to host localhost left intact",
    ].join("\n");
    const [exchange] = ofType(await read(trace), "curl.exchange");
    expect(exchange).toMatchObject({
      method: "GET",
      target: "/items",
      authority: "localhost:8080",
      status: 502,
      responder: { producer: "nginx" },
      bodyLines: 1,
    });
  });

  test("reads --trace-ascii with --trace-time, and the error curl reports in it", async () => {
    const trace = [
      "11:30:30.000001 == Info: Connected to kong.example.com (10.0.0.1) port 443 (#0)",
      "11:30:30.000100 == Info: ALPN: server accepted h2",
      "11:30:30.000200 => Send header, 60 bytes (0x3c)",
      "0000: GET /big.js HTTP/2",
      "0014: Host: kong.example.com",
      "11:30:30.000300 <= Recv header, 13 bytes (0xd)",
      "0000: HTTP/2 200",
      "11:30:30.000400 <= Recv header, 32 bytes (0x20)",
      "0000: via: kong/3.3.1.0-enterprise-edition",
      "11:30:30.000500 == Info: HTTP/2 stream 1 reset by server (error 0x2 INTERNAL_ERROR)",
    ].join("\n");
    const observations = await read(trace);
    const [error] = ofType(observations, "curl.error");
    expect(error).toMatchObject({
      exitCode: 92,
      status: 200,
      reset: { wording: "reset-by", error: "INTERNAL_ERROR" },
      responder: { frontProxy: "kong" },
      correlation: { authority: "kong.example.com", path: "/big.js" },
    });
  });

  test("keeps a local reply with the status and headers of its response", async () => {
    const [reply] = ofType(
      await read(fixture("envoy-local-replies/curl-v.txt")),
      "curl.local-reply",
    ) as CurlLocalReply[];
    expect(reply).toMatchObject({
      kind: "upstream-reset",
      reason: "connection termination",
      status: 503,
      responder: { producer: "envoy" },
    });
  });

  test("takes bare error lines but leaves other lines and bare local-reply bodies alone", async () => {
    const observations = await read(
      "hello world\ncurl: (52) Empty reply from server\nno healthy upstream\n2026/01/02 03:04:05 [error] 1#1: x\n",
    );
    expect(observations.map((o) => o.type)).toEqual(["curl.error"]);
    expect(observations[0]).toMatchObject({ kind: "empty-reply", exitCode: 52, bare: true });
  });

  test("does not mistake bullet lists for a transcript", async () => {
    const notes =
      "* Trying to fix the gateway today\n* Connected to the on-call channel\ncurl: (52) Empty reply from server\n";
    const observations = await read(notes);
    expect(observations.map((o) => [o.type, o.ref.line])).toEqual([["curl.error", 3]]);
    expect(observations[0]).toMatchObject({ bare: true });
  });

  test("lets go of a transcript when another log format starts", async () => {
    const text = `${fixture("goaway-and-refused/curl-v.txt")}2023/07/27 11:28:56 [crit] 2379#0: *1 open() "/p/proxy_temp/1" failed (13: Permission denied) while reading upstream\n`;
    const observations = await readPieces([Buffer.from(text)], [...CURL_LINE_READERS]);
    expect(observations.some((o) => o.type === "curl.exchange")).toBe(true);
    expect(observations.every((o) => o.ref.line !== 14)).toBe(true);
  });
});

describe("error pages outside a transcript", () => {
  const replies = async (text: string) =>
    ofType(await read(text), "curl.local-reply").map((r) => [r.producer, r.kind, r.status, r.ref.line]);

  test("reads HAProxy's and nginx's stock pages as HTML and as a browser shows them", async () => {
    expect(await replies(fixture("haproxy-pages/browser.txt"))).toEqual([["haproxy", "haproxy-no-server", 503, 2]]);
    expect(await replies(fixture("haproxy-pages/response-502.html"))).toEqual([
      ["haproxy", "haproxy-bad-response", 502, 2],
    ]);
    expect(
      await replies("<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>"),
    ).toEqual([["haproxy", "haproxy-timeout", 504, 1]]);
    expect(await replies(fixture("nginx-pages/response-504.html"))).toEqual([["nginx", "nginx-error-page", 504, 5]]);
    expect(await replies("502 Bad Gateway\n\nnginx/1.17.9\n")).toEqual([["nginx", "nginx-error-page", 502, 3]]);
  });

  test("reads Kong's message in its JSON, text and HTML forms, with the status of the page's heading", async () => {
    expect(await replies(fixture("kong-pages-standalone/browser.txt"))).toEqual([
      ["kong", "kong-invalid-upstream-response", undefined, 2],
    ]);
    expect(await replies(fixture("kong-pages-standalone/response.html"))).toEqual([
      ["kong", "kong-no-peer", undefined, 9],
    ]);
    expect(await replies('{"message":"name resolution failed"}')).toEqual([
      ["kong", "kong-name-resolution", undefined, 1],
    ]);
    expect(await replies("503 Service Temporarily Unavailable\nThe upstream server is currently unavailable.")).toEqual(
      [["kong", "kong-upstream-unavailable", 503, 2]],
    );
  });

  test("leaves headings, sentences without their page, prose and Envoy bodies to others", async () => {
    const text = [
      "nginx",
      "503 Service Unavailable",
      "The server didn't respond in time.",
      "we saw No server is available to handle this request. twice",
      "no healthy upstream",
      'the error "no Route matched with those values" means a wrong path',
    ].join("\n");
    expect(await read(text)).toEqual([]);
  });
});

const SAMPLES = [
  fixture("haproxy-pages/curl-504.txt"),
  fixture("nginx-pages/response-504.html"),
  fixture("kong-pages-standalone/response.html"),
  fixture("kong-h2-reset-with-error-log/curl-v.txt"),
  fixture("envoy-local-replies/more-curl-v.txt"),
  fixture("exit-codes/curl-errors.txt"),
  fixture("goaway-and-refused/curl-v.txt"),
];
describe("curl reader under hostile input", () => {
  hostileInputProperties(CURL_LINE_READERS, SAMPLES);

  test("finishes on long lines full of near-matches", async () => {
    const near = "curl: (92) HTTP/2 stream 1 was not closed ".repeat(5000);
    const reply = "upstream connect error or disconnect/reset before headers. reset reason: a".repeat(2000);
    const observations = await read(`*   Trying 1.2.3.4:80...\n> GET / HTTP/1.1\n${near}\n${reply}\n`);
    expect(observations.filter((o) => o.type === "curl.error")).toHaveLength(1);
    expect(observations.filter((o) => o.type === "curl.exchange")).toHaveLength(1);
  });
});
