import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { failureWordsOf } from "./failure-words.ts";

describe("failure words in lines of no known format", () => {
  test.each([
    ["PHP Warning:  fsockopen(): Unable to connect to db:5432 (Connection refused)", "refused"],
    ["java.io.IOException: Connection reset by peer", "reset"],
    ["socket error ETIMEDOUT after 3 attempts", "timed-out"],
    ["SSL_connect: certificate verify failed (unable to get local issuer certificate), then ECONNRESET", "certificate"],
    ['err="write: broken pipe"', "broken-pipe"],
    ["java.lang.IllegalArgumentException: Request header is too large", "header-too-large"],
    ["TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end", "wrong-version-number"],
    ["ssl3_get_record:wrong version number, then Connection reset by peer", "wrong-version-number"],
    ['10.0.0.9 - - [13/Jul/2026:11:02:36 +0800] api "PRI * HTTP/2.0" 400 154 0.020', "h2-preface-as-request"],
    ["[2210433.512744] nf_conntrack: nf_conntrack: table full, dropping packet", "conntrack-full"],
    ["[  812.004211] ip_conntrack: table full, dropping packet.", "conntrack-full"],
    ["Failed to send data packets: write udp 0.0.0.0:51820: sendmmsg: message too long", "datagram-too-long"],
    ["sendto: message too long", "datagram-too-long"],
    ["server closed the connection unexpectedly", "session-cut"],
    ["ERROR 2013 (HY000): Lost connection to MySQL server during query", "session-cut"],
    ["psql: SSL SYSCALL error: EOF detected", "session-cut"],
    ["POST /submit - Responding with status 400 - took 60001ms", "round-timeout"],
    ["upload aborted after the client closed the stream, elapsed: 30.2 s", "round-timeout"],
    ['level=error msg="request failed" duration=100004ms', "round-timeout"],
    ['[GIN] 2024/01/01 - 10:00:25 | 500 |          1m0s |        10.0.0.1 | POST     "/api/endpoint"', "round-timeout"],
    ["2024/01/17 11:24:25 KRAKEND ERROR: [ENDPOINT: /api/endpoint] context canceled", "canceled"],
    [
      "SSL_do_handshake() failed (SSL: error:0A000410:SSL routines::sslv3 alert handshake failure:SSL alert number 40)",
      "tls-handshake",
    ],
    ["2026/02/03 10:14:22 http: TLS handshake error from 10.0.4.17:51544: EOF", "tls-handshake"],
    ["Unsupported HTTP Method used: PRI", "h2-preface-as-request"],
    ["HTTP/2 protocol error: Received header value surrounded by whitespace b'X-Ip '", "h2-header-rejected"],
  ])("%s", (line, kind) => {
    expect(failureWordsOf(line)?.kind).toBe(kind);
  });

  test.each([
    "connection established to ledger.internal:8443",
    "certificate for ledger.internal valid until 2027-01-01",
    "request timeout set to 30s",
    "the reset button was pressed",
    "protocol version number 3 negotiated",
    "PRI queue drained; HTTP/2.0 preferred",
    "conntrack table fullness 12%",
    "message too long for the preview pane",
    "the old MySQL server has been retired",
    "POST /submit - Responding with status 200 - took 60001ms",
    "POST /submit - Responding with status 400 - took 61500ms",
    "batch finished in 60.0s; 0 errors expected, none seen",
    'err.detail="client disconnected" http.response.duration=2m7.452685338s',
    "connection failed, retrying in 30s",
    '[GIN] 2024/01/01 - 10:00:25 | 200 |          1m0s |        10.0.0.1 | GET      "/api/stream"',
    "the request context canceling hook is registered",
    "TLS handshake completed in 12 ms",
  ])("a line that only mentions the words' subjects is left alone: %s", (line) => {
    expect(failureWordsOf(line)).toBeUndefined();
  });

  test("only the start of a very long line is looked at", () => {
    expect(failureWordsOf(`${"x".repeat(5000)} Connection refused`)).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 })])(
    "never throws, and the words it reports are in the line",
    (before, after) => {
      const line = `${before}Connection reset by peer${after}`;
      const found = failureWordsOf(line);
      if (found) expect(line).toContain(found.words);
    },
  );
});
