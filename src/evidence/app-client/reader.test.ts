import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { Observation } from "../../model/observation.ts";
import type { AppClientErrorObservation } from "../../model/observations/app-client.ts";
import { cuts, fixtureTexts, mutatedLine } from "../mesh/property-kit.ts";
import { cutAt, runLineReader, runReaders } from "../mesh/run-reader.ts";
import { LINE_READERS } from "../registry.ts";
import { APP_CLIENT_LINE_READERS } from "./index.ts";
import { appClientErrorReader } from "./reader.ts";

async function errors(text: string): Promise<AppClientErrorObservation[]> {
  const { observations } = await runLineReader(appClientErrorReader, [text]);
  return observations.filter((o): o is AppClientErrorObservation => o.type === "app-client.error");
}

function summary(o: Observation | undefined) {
  return o?.type === "app-client.error" ? [o.library, o.failure] : o?.type;
}

describe("one-line errors of each client", () => {
  test.each([
    ["Error: connect ECONNREFUSED 10.0.0.5:8080", "Node.js http", "connection-refused"],
    ["Error: read ECONNRESET", "Node.js http", "connection-reset"],
    ["Error: socket hang up", "Node.js http", "closed-before-response"],
    ["Error: connect ETIMEDOUT 10.0.0.5:443", "Node.js http", "tcp-timeout"],
    ["Error: getaddrinfo ENOTFOUND payments.default.svc", "Node.js http", "name-not-resolved"],
    ["Error: getaddrinfo EAI_AGAIN payments", "Node.js http", "name-not-resolved"],
    [
      "Error: Client network socket disconnected before secure TLS connection was established",
      "Node.js http",
      "tls-handshake-failed",
    ],
    ["Error [ERR_STREAM_PREMATURE_CLOSE]: Premature close", "Node.js http", "body-cut"],
    ["Error: Parse Error: Invalid header value char", "Node.js http", "malformed-header"],
    ["AxiosError: timeout of 5000ms exceeded", "axios", "response-timeout"],
    ["FetchError: request to http://orders/api failed, reason: socket hang up", "node-fetch", "closed-before-response"],
    [
      "FetchError: Invalid response body while trying to fetch http://orders/api: Premature close",
      "node-fetch",
      "body-cut",
    ],
    [
      "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f2b>: Failed to establish a new connection: [Errno 111] Connection refused')': /simple/flask/",
      "urllib3 (requests)",
      "connection-refused",
    ],
    [
      "requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
      "urllib3 (requests)",
      "closed-before-response",
    ],
    [
      "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.example.com', port=443): Read timed out.",
      "urllib3 (requests)",
      "body-timeout",
    ],
    [
      "requests.exceptions.ChunkedEncodingError: ('Connection broken: IncompleteRead(0 bytes read, 512 more expected)', IncompleteRead(0 bytes read, 512 more expected))",
      "urllib3 (requests)",
      "body-cut",
    ],
    ["aiohttp.client_exceptions.ServerDisconnectedError: Server disconnected", "aiohttp", "closed-before-response"],
    ["httpx.RemoteProtocolError: Server disconnected without sending a response.", "httpx", "closed-before-response"],
    [
      "org.apache.http.NoHttpResponseException: orders:443 failed to respond",
      "Apache HttpClient",
      "closed-before-response",
    ],
    ["error:1400410B:SSL routines:CONNECT_CR_SRVR_HELLO:wrong version number", "the client", "plaintext-answer-to-tls"],
    [
      "dbug: Microsoft.AspNetCore.Server.Kestrel.Https.Internal.HttpsConnectionMiddleware[2] Authentication of the HTTPS connection timed out.",
      "ASP.NET Core Kestrel (the server)",
      "tls-handshake-failed",
    ],
    ["java.net.SocketException: Connection reset", "Java", "connection-reset"],
    ["java.net.ConnectException: Connection refused", "Java", "connection-refused"],
    ["javax.net.ssl.SSLException: Unsupported or unrecognized SSL message", "Java", "plaintext-answer-to-tls"],
    [
      "reactor.netty.http.client.PrematureCloseException: Connection prematurely closed BEFORE response",
      "Reactor Netty",
      "closed-before-response",
    ],
    [
      "System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
      ".NET HttpClient",
      "response-timeout",
    ],
  ])("%s", async (line, library, failure) => {
    expect((await errors(`${line}\n`)).map(summary)).toEqual([[library, failure]]);
  });

  test("the host or address the wording names is the upstream", async () => {
    const [refused] = await errors("Error: connect ECONNREFUSED 10.0.0.5:8080\n");
    expect(refused?.correlation).toEqual({ upstream: "10.0.0.5:8080" });
    const [dns] = await errors("Error: getaddrinfo ENOTFOUND payments.default.svc\n");
    expect(dns?.correlation).toEqual({ upstream: "payments.default.svc" });
    const [pool] = await errors(
      "urllib3.exceptions.MaxRetryError: HTTPConnectionPool(host='orders', port=8080): Max retries exceeded with url: / (Caused by NewConnectionError(\"HTTPConnection(host='orders', port=8080): Failed to establish a new connection: [Errno 111] Connection refused\"))\n",
    );
    expect(pool?.correlation).toEqual({ upstream: "orders:8080" });
    const [apache] = await errors("org.apache.http.NoHttpResponseException: orders:443 failed to respond\n");
    expect(apache?.correlation).toEqual({ upstream: "orders:443" });
  });

  test("Python's read timeout waiting for the response and while reading the body differ", async () => {
    const [headers] = await errors(
      "urllib3.exceptions.ReadTimeoutError: HTTPConnectionPool(host='a', port=80): Read timed out. (read timeout=30)\n",
    );
    expect(headers).toMatchObject({ failure: "response-timeout", fields: { timeout: "read timeout=30" } });
    const [body] = await errors(
      "urllib3.exceptions.ReadTimeoutError: HTTPConnectionPool(host='a', port=80): Read timed out.\n",
    );
    expect(body?.failure).toBe("body-timeout");
  });

  test("the same message repeated gives the same reason, so the findings merge", async () => {
    const line = (n: number) =>
      `WARNING: Retrying (Retry(total=${n}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1076)'))': /simple/matplotlib/`;
    const found = await errors(`${line(4)}\n${line(3)}\n`);
    expect(new Set(found.map((o) => o.fields.reason)).size).toBe(1);
    expect(found[0]?.failure).toBe("plaintext-answer-to-tls");
  });

  test("Node's ECONNRESET code under `socket hang up` is not read as a reset", async () => {
    const found = await errors(
      "Error: socket hang up\n    at Socket.socketOnEnd (node:_http_client:528:25) {\n  code: 'ECONNRESET'\n}\n",
    );
    expect(found.map(summary)).toEqual([["Node.js http", "closed-before-response"]]);
  });
});

describe("errors over several lines", () => {
  test("a Java exception with its causes is one observation at its first line", async () => {
    const { observations, accepted } = await runLineReader(appClientErrorReader, [
      [
        "java.io.IOException: HTTP/1.1 header parser received no bytes",
        "\tat java.net.http/jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:591)",
        "Caused by: java.io.IOException: HTTP/1.1 header parser received no bytes",
        "Caused by: java.net.SocketException: Connection reset",
        "\t... 9 more",
        "next log line",
      ].join("\n"),
    ]);
    expect(observations.map(summary)).toEqual([["JDK HttpClient", "connection-reset"]]);
    expect(observations[0]?.ref.line).toBe(1);
    expect(observations[0]?.ref.excerpt).toContain("Connection reset");
    expect(accepted).toBe(5);
  });

  test("a .NET inner exception names the failure", async () => {
    const found = await errors(
      "System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.IO.IOException: Cannot determine the frame size or a corrupted frame was received.\n   --- End of inner exception stack trace ---\n",
    );
    expect(found.map(summary)).toEqual([[".NET HttpClient", "plaintext-answer-to-tls"]]);
  });

  test("a Python traceback chain is one observation; its frames' source lines are not read", async () => {
    const found = await errors(
      [
        "Traceback (most recent call last):",
        '  File "/usr/lib/python3.11/http/client.py", line 294, in _read_status',
        '    raise RemoteDisconnected("Remote end closed connection without"',
        "http.client.RemoteDisconnected: Remote end closed connection without response",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        '  File "/app/main.py", line 3, in <module>',
        "requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
        "",
      ].join("\n"),
    );
    expect(found.map(summary)).toEqual([["urllib3 (requests)", "closed-before-response"]]);
    expect(found[0]?.ref.line).toBe(1);
  });

  test("a log line followed by its traceback is one error", async () => {
    const found = await errors(
      "WARNING:urllib3.connection:Failed to parse headers (url=http://a/): [MissingHeaderBodySeparatorDefect()], unparsed data: 'X Bad: v'\nTraceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nurllib3.exceptions.HeaderParsingError: [MissingHeaderBodySeparatorDefect()], unparsed data: 'X Bad: v'\n",
    );
    expect(found.map(summary)).toEqual([["urllib3 (requests)", "malformed-header"]]);
  });

  test("a wrapper whose causes name nothing gives nothing", async () => {
    expect(
      await errors(
        "TypeError: fetch failed\n    at fetch (node:internal/deps/undici/undici:1:1) {\n  [cause]: Error: something else\n}\n",
      ),
    ).toEqual([]);
  });

  test("a traceback of an unrelated error gives nothing", async () => {
    expect(
      await errors("Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nKeyError: 'user'\n"),
    ).toEqual([]);
  });
});

describe("lines other readers tell", () => {
  test("curl, Go, gRPC, Envoy and nginx lines right after a Node error go to their readers", async () => {
    const observations = await runReaders(LINE_READERS, [
      [
        "Error: socket hang up",
        "    at Socket.socketOnEnd (node:_http_client:528:25) {",
        "  code: 'ECONNRESET'",
        "}",
        "curl: (56) Recv failure: Connection reset by peer",
        'Get "http://orders:8080/api": read tcp 10.0.0.4:51234->10.0.0.9:8080: read: connection reset by peer',
        "Error: 14 UNAVAILABLE: Connection dropped",
        "upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111",
        '2026/03/02 11:50:01 [error] 31#31: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "http://10.0.0.9:8080/", host: "shop"',
        "",
      ].join("\n"),
    ]);
    const mine = observations.filter((o) => o.type === "app-client.error");
    expect(mine.map(summary)).toEqual([["Node.js http", "closed-before-response"]]);
    expect(observations.length).toBeGreaterThanOrEqual(6);
  });

  test("a gRPC status inside a Java trace leaves the trace to the gRPC reader", async () => {
    const observations = await runReaders(LINE_READERS, [
      "java.net.SocketException: Connection reset\nCaused by: io.grpc.StatusRuntimeException: UNAVAILABLE: io exception\n",
    ]);
    expect(observations.filter((o) => o.type === "app-client.error")).toEqual([]);
  });

  test("generic wordings do not open an error by themselves", async () => {
    const { accepted } = await runLineReader(appClientErrorReader, [
      [
        "recv() failed (104: Connection reset by peer)",
        "SSL routines::wrong version number",
        "  code: 'ECONNREFUSED'",
        "Premature close",
        "other side closed",
      ].join("\n"),
    ]);
    expect(accepted).toBe(0);
  });
});

const texts = fixtureTexts("app-client");
const lines = texts.flatMap((text) => text.split("\n")).filter((line) => line.length > 0);

describe("hostile input", () => {
  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })), { maxLength: 20 })])(
    "never throws on random text or bytes",
    async (chunks) => {
      await runLineReader(appClientErrorReader, chunks);
    },
  );

  test.prop([fc.array(mutatedLine(lines), { minLength: 1, maxLength: 30 })])(
    "never throws on mutated real lines, and every observation points at a line it read",
    async (mutated) => {
      const { observations, lines: count } = await runLineReader(appClientErrorReader, [mutated.join("\n")]);
      for (const observation of observations) expect(observation.ref.line).toBeLessThanOrEqual(count);
    },
  );

  test.prop([fc.array(mutatedLine(lines), { maxLength: 40 }), cuts], { numRuns: 60 })(
    "gives the same observations for mutated text whole or in random pieces",
    async (mutated, points) => {
      const text = mutated.join("\n");
      expect(await runReaders(APP_CLIENT_LINE_READERS, cutAt(text, points))).toEqual(
        await runReaders(APP_CLIENT_LINE_READERS, [text]),
      );
    },
  );

  test.prop([fc.constantFrom(...texts), cuts], { numRuns: 60 })(
    "gives the same observations whole or in random pieces",
    async (text, points) => {
      expect(await runReaders(APP_CLIENT_LINE_READERS, cutAt(text, points))).toEqual(
        await runReaders(APP_CLIENT_LINE_READERS, [text]),
      );
    },
  );

  test("a long stack trace, a long traceback and a huge line are read in bounded time", async () => {
    const frames = Array.from({ length: 50_000 }, (_, i) => `\tat com.example.Frame${i}.call(Frame.java:${i})`);
    const pyFrames = Array.from({ length: 20_000 }, (_, i) => `  File "f${i}.py", line ${i}, in f`);
    const started = Date.now();
    const { observations } = await runLineReader(appClientErrorReader, [
      `java.net.SocketException: Connection reset\n${frames.join("\n")}\nTraceback (most recent call last):\n${pyFrames.join("\n")}\nConnectionRefusedError: [Errno 111] Connection refused\n${"x".repeat(1 << 20)} Error: socket hang up ${"EPROTO ".repeat(5000)}\n`,
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(observations.map(summary)).toEqual([
      ["Java", "connection-reset"],
      ["Python", "connection-refused"],
    ]);
  });
});
