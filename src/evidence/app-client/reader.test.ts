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

  /** reqwest 0.11 over hyper 0.14 and rustls 0.20, its Display and its Debug, on loopback. */
  test.each([
    [
      "error sending request for url (http://127.0.0.1:1/): error trying to connect: tcp connect error: Connection refused (os error 111)",
      "connection-refused",
    ],
    [
      'reqwest::Error { kind: Request, url: Url { scheme: "http", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(127.0.0.1)), port: Some(1), path: "/", query: None, fragment: None }, source: hyper::Error(Connect, ConnectError("tcp connect error", Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })) }',
      "connection-refused",
    ],
    [
      "error sending request for url (http://127.0.0.1:18081/): connection closed before message completed",
      "closed-before-response",
    ],
    [
      'reqwest::Error { kind: Request, url: Url { scheme: "http", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(127.0.0.1)), port: Some(18081), path: "/", query: None, fragment: None }, source: hyper::Error(IncompleteMessage) }',
      "closed-before-response",
    ],
    ["error sending request for url (http://127.0.0.1:18087/): channel closed", "closed-before-response"],
    [
      "error sending request for url (http://127.0.0.1:18082/): connection error: Connection reset by peer (os error 104)",
      "connection-reset",
    ],
    [
      'reqwest::Error { kind: Request, url: Url { scheme: "http", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(127.0.0.1)), port: Some(18082), path: "/", query: None, fragment: None }, source: hyper::Error(Io, Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" }) }',
      "connection-reset",
    ],
    ["error sending request for url (http://127.0.0.1:18083/): operation timed out", "response-timeout"],
    [
      "error sending request for url (http://127.0.0.1:18089/): error trying to connect: operation timed out",
      "tcp-timeout",
    ],
    [
      'reqwest::Error { kind: Request, url: Url { scheme: "http", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(127.0.0.1)), port: Some(18089), path: "/", query: None, fragment: None }, source: hyper::Error(Connect, TimedOut) }',
      "tcp-timeout",
    ],
    [
      "error sending request for url (http://nonexistent-host.invalid/): error trying to connect: dns error: failed to lookup address information: Name or service not known",
      "name-not-resolved",
    ],
    [
      "request or response body error: error reading a body from connection: end of file before message length reached",
      "body-cut",
    ],
    [
      "error sending request for url (https://127.0.0.1:18088/): error trying to connect: received corrupt message",
      "plaintext-answer-to-tls",
    ],
    [
      'reqwest::Error { kind: Request, url: Url { scheme: "https", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(127.0.0.1)), port: Some(18088), path: "/", query: None, fragment: None }, source: hyper::Error(Connect, Custom { kind: Other, error: Custom { kind: InvalidData, error: CorruptMessage } }) }',
      "plaintext-answer-to-tls",
    ],
    [
      "error sending request for url (https://localhost:18443/): error trying to connect: invalid peer certificate contents: invalid peer certificate: CaUsedAsEndEntity",
      "certificate-rejected",
    ],
    ["error sending request for url (http://127.0.0.1:18086/): invalid HTTP version parsed", "malformed-response"],
    [
      "error sending request for url (http://127.0.0.1:18088/): http2 error: connection error detected: frame with invalid size",
      "h2-answer-not-h2",
    ],
    [
      'reqwest::Error { kind: Request, url: Url { scheme: "http", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(127.0.0.1)), port: Some(18088), path: "/", query: None, fragment: None }, source: hyper::Error(Http2, Error { kind: GoAway(b"", FRAME_SIZE_ERROR, Library) }) }',
      "h2-answer-not-h2",
    ],
    [
      "error sending request for url (http://127.0.0.1:18090/): http2 error: connection error received: not a result of an error",
      "goaway",
    ],
    [
      'reqwest::Error { kind: Request, url: Url { scheme: "http", cannot_be_a_base: false, username: "", password: None, host: Some(Ipv4(127.0.0.1)), port: Some(18090), path: "/", query: None, fragment: None }, source: hyper::Error(Http2, Error { kind: GoAway(b"", NO_ERROR, Remote) }) }',
      "goaway",
    ],
  ])("reqwest: %s", async (line, failure) => {
    expect((await errors(`${line}\n`)).map(summary)).toEqual([["reqwest", failure]]);
  });

  test.each([
    ["hyper::Error(IncompleteMessage): connection closed before message completed", "hyper", "closed-before-response"],
    ["hyper::Error(Http2, Error { kind: Proto(FRAME_SIZE_ERROR) })", "hyper", "h2-answer-not-h2"],
    ["http2 error: protocol error: frame with invalid size", "hyper", "h2-answer-not-h2"],
    [
      "error trying to connect: received corrupt message of type InvalidContentType",
      "hyper",
      "plaintext-answer-to-tls",
    ],
    ["client error (Connect): invalid peer certificate: UnknownIssuer", "hyper", "certificate-rejected"],
    ["invalid peer certificate: Expired", "rustls", "certificate-rejected"],
    ["error trying to connect: received fatal alert: CertificateRequired", "hyper", "certificate-rejected"],
    ["error trying to connect: received fatal alert: HandshakeFailure", "hyper", "tls-handshake-failed"],
    [
      'Error: status: Unavailable, message: "error trying to connect: tcp connect error: Connection refused (os error 111)", details: [], metadata: MetadataMap { headers: {} }',
      "tonic",
      "connection-refused",
    ],
    [
      'status: Internal, message: "h2 protocol error: http2 error: stream error received: unspecific protocol error detected", details: [], metadata: MetadataMap { headers: {} }',
      "tonic",
      "malformed-response",
    ],
    [
      'status: Unknown, message: "h2 protocol error: http2 error: connection error detected: frame with invalid size", details: [], metadata: MetadataMap { headers: {} }',
      "tonic",
      "h2-answer-not-h2",
    ],
    [
      "TypeError: error sending request for url (https://example/): client error (Connect): tcp connect error: Operation timed out (os error 60): Operation timed out (os error 60)",
      "Deno fetch",
      "tcp-timeout",
    ],
    [
      "ERROR tcp tunnel 127.0.0.1:57472 -> 127.0.0.1:5001 connect failed, error: Connection refused (os error 111)",
      "Rust std::net",
      "connection-refused",
    ],
  ])("Rust: %s", async (line, library, failure) => {
    expect((await errors(`${line}\n`)).map(summary)).toEqual([[library, failure]]);
  });

  /** Ruby 3.1 Net::HTTP and Faraday 1.1 on loopback. */
  test.each([
    [
      "Errno::ECONNREFUSED: Failed to open TCP connection to 127.0.0.1:1 (Connection refused - connect(2) for 127.0.0.1:1)",
      "Ruby Net::HTTP",
      "connection-refused",
    ],
    ["EOFError: end of file reached", "Ruby", "closed-before-response"],
    ["Errno::ECONNRESET: Connection reset by peer", "Ruby", "connection-reset"],
    ["Net::ReadTimeout: Net::ReadTimeout with #<Socket:(closed)>", "Ruby Net::HTTP", "response-timeout"],
    [
      "Net::OpenTimeout: Failed to open TCP connection to 127.0.0.1:18089 (Connection timed out - user specified timeout)",
      "Ruby Net::HTTP",
      "tcp-timeout",
    ],
    [
      "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=127.0.0.1:18088 state=error: wrong version number",
      "Ruby",
      "plaintext-answer-to-tls",
    ],
    [
      "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=127.0.0.1:18443 state=error: certificate verify failed (self-signed certificate)",
      "Ruby",
      "certificate-rejected",
    ],
    [
      "OpenSSL::SSL::SSLError: SSL_connect SYSCALL returned=5 errno=0 peeraddr=127.0.0.1:18443 state=SSLv3/TLS write client hello",
      "Ruby",
      "tls-handshake-failed",
    ],
    [
      "SocketError: Failed to open TCP connection to nonexistent-host.invalid:80 (getaddrinfo: Name or service not known)",
      "Ruby Net::HTTP",
      "name-not-resolved",
    ],
    [
      "Faraday::ConnectionFailed: Failed to open TCP connection to 127.0.0.1:1 (Connection refused - connect(2) for 127.0.0.1:1)",
      "Faraday",
      "connection-refused",
    ],
    ["Faraday::ConnectionFailed: end of file reached", "Faraday", "closed-before-response"],
    ["Faraday::ConnectionFailed: Connection reset by peer", "Faraday", "connection-reset"],
    [
      "Faraday::ConnectionFailed: Failed to open TCP connection to 127.0.0.1:18089 (Connection timed out - user specified timeout)",
      "Faraday",
      "tcp-timeout",
    ],
    ["Faraday::TimeoutError: Net::ReadTimeout with #<Socket:(closed)>", "Faraday", "response-timeout"],
    [
      "Faraday::SSLError: SSL_connect returned=1 errno=0 peeraddr=127.0.0.1:18088 state=error: wrong version number",
      "Faraday",
      "plaintext-answer-to-tls",
    ],
    [
      "/usr/lib/ruby/3.1.0/net/protocol.rb:227:in `rbuf_fill': end of file reached (EOFError)",
      "Ruby Net::HTTP",
      "closed-before-response",
    ],
  ])("Ruby: %s", async (line, library, failure) => {
    expect((await errors(`${line}\n`)).map(summary)).toEqual([[library, failure]]);
  });

  /** Guzzle 7.4 over PHP 8.2's cURL (libcurl 7.88) on loopback. */
  test.each([
    [
      "GuzzleHttp\\Exception\\ConnectException: cURL error 7: Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:1/",
      "connection-refused",
    ],
    [
      "GuzzleHttp\\Exception\\ConnectException: cURL error 52: Empty reply from server (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:18081/",
      "closed-before-response",
    ],
    [
      "GuzzleHttp\\Exception\\RequestException: cURL error 56: Recv failure: Connection reset by peer (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:18082/",
      "connection-reset",
    ],
    [
      "GuzzleHttp\\Exception\\ConnectException: cURL error 28: Operation timed out after 2001 milliseconds with 0 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:18083/",
      "response-timeout",
    ],
    [
      "GuzzleHttp\\Exception\\ConnectException: cURL error 28: Failed to connect to 127.0.0.1 port 18089 after 1001 ms: Timeout was reached (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:18089/",
      "tcp-timeout",
    ],
    [
      "GuzzleHttp\\Exception\\RequestException: cURL error 18: transfer closed with 997 bytes remaining to read (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:18085/",
      "body-cut",
    ],
    [
      "GuzzleHttp\\Exception\\ConnectException: cURL error 35: OpenSSL/3.0.22: error:0A00010B:SSL routines::wrong version number (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://127.0.0.1:18088/",
      "plaintext-answer-to-tls",
    ],
    [
      "GuzzleHttp\\Exception\\RequestException: cURL error 60: SSL certificate problem: self-signed certificate (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://localhost:18443/",
      "certificate-rejected",
    ],
    [
      "GuzzleHttp\\Exception\\RequestException: cURL error 1: Received HTTP/0.9 when not allowed (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:18086/",
      "malformed-response",
    ],
    [
      "GuzzleHttp\\Exception\\ConnectException: cURL error 6: Could not resolve host: nonexistent-host.invalid (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://nonexistent-host.invalid/",
      "name-not-resolved",
    ],
  ])("Guzzle: %s", async (line, failure) => {
    expect((await errors(`${line}\n`)).map(summary)).toEqual([["Guzzle", failure]]);
  });

  test("PHP's cURL errors name the request's host, not the manual page they cite", async () => {
    const [refused] = await errors(
      "cURL error 7: Failed to connect to orders port 8080: Connection refused (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)\n",
    );
    expect(refused).toMatchObject({ library: "PHP", failure: "connection-refused" });
    expect(refused?.correlation).toEqual({ upstream: "orders:8080" });
    expect(refused?.fields.reason).toBe("cURL error 7: Failed to connect to orders port 8080: Connection refused");
    const [body] = await errors(
      "cURL error 28: Operation timed out after 30001 milliseconds with 1234 out of 50000 bytes received (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)\n",
    );
    expect(body?.failure).toBe("body-timeout");
    expect(body?.correlation).toBeUndefined();
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

  test("Python: http.client's header count limit in its repr, and h2's GOAWAY event raised by httpx", async () => {
    const limit = await errors(
      "ConnectionError: ('Connection aborted.', HTTPException('got more than 100 headers',))\n",
    );
    expect(limit.map((found) => found.failure)).toEqual(["header-too-large"]);
    const goaway = await errors(
      [
        "Traceback (most recent call last):",
        '  File "/usr/local/lib/python3.8/site-packages/httpx/_client.py", line 1168, in send',
        "httpx.RemoteProtocolError: <ConnectionTerminated error_code:ErrorCodes.NO_ERROR, last_stream_id:1999, additional_data:None>",
        "",
      ].join("\n"),
    );
    expect(goaway.map((found) => found.failure)).toEqual(["goaway"]);
    expect(await errors("ConnectionTerminated events are counted per stream\n")).toEqual([]);
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

describe("Rust error chains", () => {
  test("anyhow's `Caused by:` list is read with its head as one error", async () => {
    const { observations, accepted } = await runLineReader(appClientErrorReader, [
      [
        "Error: error sending request for url (http://127.0.0.1:1/): error trying to connect: tcp connect error: Connection refused (os error 111)",
        "",
        "Caused by:",
        "    0: error trying to connect: tcp connect error: Connection refused (os error 111)",
        "    1: tcp connect error: Connection refused (os error 111)",
        "    2: Connection refused (os error 111)",
        "",
        "next log line",
      ].join("\n"),
    ]);
    expect(observations.map(summary)).toEqual([["reqwest", "connection-refused"]]);
    expect(observations[0]).toMatchObject({
      ref: { line: 1 },
      correlation: { upstream: "127.0.0.1:1" },
      fields: { reason: "Connection refused (os error 111)" },
    });
    expect(accepted).toBe(7);
  });

  test("a wording spread over two sources is read from the chain joined", async () => {
    const found = await errors(
      "Error: error sending request for url (http://payments:8080/v1/charge)\n\nCaused by:\n    0: client error (Connect)\n    1: operation timed out\n",
    );
    expect(found.map(summary)).toEqual([["reqwest", "tcp-timeout"]]);
    expect(found[0]?.fields.reason).toBe("client error (Connect): operation timed out");
    expect(found[0]?.ref.excerpt).toBe(
      "Error: error sending request for url (http://payments:8080/v1/charge): client error (Connect): operation timed out",
    );
    const whole = await errors(
      "Error: error sending request for url (http://payments:8080/v1/charge)\n\nCaused by:\n    operation timed out\n",
    );
    expect(whole.map(summary)).toEqual([["reqwest", "response-timeout"]]);
  });

  test("eyre's numbered list opens at its first source", async () => {
    const { observations, accepted } = await runLineReader(appClientErrorReader, [
      [
        "Error: ",
        "   0: error sending request for url (http://orders:8080/api)",
        "   1: client error (SendRequest)",
        "   2: connection closed before message completed",
        "",
        "Location:",
        "    src/main.rs:14:10",
      ].join("\n"),
    ]);
    expect(observations.map(summary)).toEqual([["reqwest", "closed-before-response"]]);
    expect(observations[0]?.ref.line).toBe(2);
    expect(observations[0]?.correlation).toEqual({ upstream: "orders:8080" });
    expect(accepted).toBe(4);
  });

  test("tonic's status and its transport error's sources are one error", async () => {
    const found = await errors(
      [
        'Error: status: Unavailable, message: "error trying to connect: tcp connect error: Connection refused (os error 111)", details: [], metadata: MetadataMap { headers: {} }',
        "",
        "Caused by:",
        "    0: transport error",
        "    1: error trying to connect: tcp connect error: Connection refused (os error 111)",
        "    2: tcp connect error: Connection refused (os error 111)",
        "    3: Connection refused (os error 111)",
        "",
      ].join("\n"),
    );
    expect(found.map(summary)).toEqual([["tonic", "connection-refused"]]);
  });

  test("an HTTP/2 client's FRAME_SIZE_ERROR is an answer that is not HTTP/2; a GOAWAY the server sent is not", async () => {
    const chain = (reason: string) =>
      `Error: error sending request for url (http://ledger:8080/v1): http2 error: ${reason}\n\nCaused by:\n    0: http2 error: ${reason}\n    1: ${reason}\n`;
    expect((await errors(chain("connection error detected: frame with invalid size"))).map(summary)).toEqual([
      ["reqwest", "h2-answer-not-h2"],
    ]);
    expect((await errors(chain("connection error received: not a result of an error"))).map(summary)).toEqual([
      ["reqwest", "goaway"],
    ]);
    expect((await errors(chain("connection error received: frame with invalid size"))).map(summary)).toEqual([
      ["reqwest", "goaway"],
    ]);
  });
});

describe("Ruby and PHP traces", () => {
  test("Ruby's `from` frames belong to the error; the class after its message is not its reason", async () => {
    const { observations, accepted } = await runLineReader(appClientErrorReader, [
      [
        "/usr/lib/ruby/3.1.0/net/protocol.rb:46:in `connect_nonblock': SSL_connect returned=1 errno=0 peeraddr=127.0.0.1:18088 state=error: wrong version number (OpenSSL::SSL::SSLError)",
        "\tfrom /usr/lib/ruby/3.1.0/net/protocol.rb:46:in `ssl_socket_connect'",
        "\tfrom /usr/lib/ruby/3.1.0/net/http.rb:1048:in `connect'",
        "done",
      ].join("\n"),
    ]);
    expect(observations.map(summary)).toEqual([["Ruby Net::HTTP", "plaintext-answer-to-tls"]]);
    expect(observations[0]).toMatchObject({
      fields: { reason: "wrong version number" },
      correlation: { upstream: "127.0.0.1:18088" },
    });
    expect(accepted).toBe(3);
  });

  test("PHP's stack trace belongs to the uncaught Guzzle error", async () => {
    const { observations, accepted } = await runLineReader(appClientErrorReader, [
      [
        "PHP Fatal error:  Uncaught GuzzleHttp\\Exception\\ConnectException: cURL error 7: Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for http://127.0.0.1:1/ in /usr/share/php/GuzzleHttp/Handler/CurlFactory.php:210",
        "Stack trace:",
        "#0 /usr/share/php/GuzzleHttp/Handler/CurlFactory.php(158): GuzzleHttp\\Handler\\CurlFactory::createRejection()",
        "#1 {main}",
        "  thrown in /usr/share/php/GuzzleHttp/Handler/CurlFactory.php on line 210",
      ].join("\n"),
    ]);
    expect(observations.map(summary)).toEqual([["Guzzle", "connection-refused"]]);
    expect(observations[0]?.correlation).toEqual({ upstream: "127.0.0.1:1" });
    expect(accepted).toBe(5);
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
        "Http: connection closed before message completed",
        "channel closed",
        "operation timed out",
        "end of file reached",
        "Empty reply from server",
        "invalid HTTP version parsed",
        "error reading a body from connection: end of file before message length reached",
        "dns error: no record found",
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
