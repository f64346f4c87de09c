import { describe, expect, test } from "vitest";
import { printable, redact } from "./redact.ts";

describe("redact", () => {
  test.each([
    ["> Authorization: Bearer abcdefghijklmnop", "> Authorization: «redacted»"],
    ["< set-cookie: session=abc123; Path=/", "< set-cookie: «redacted»"],
    ["completed header: key=Cookie value=a=b; c=d", "completed header: key=Cookie value=«redacted»"],
    ["'authorization', 'Basic dXNlcjpwYXNzd29yZA=='", "'authorization', '«redacted»"],
    ["GET /cb?code=1&access_token=secretvalue&x=1", "GET /cb?code=1&access_token=«redacted»&x=1"],
    ["token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N", "token «redacted-jwt»"],
  ])("hides secrets in %s", (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test("leaves ordinary evidence alone", () => {
    const line =
      '2023/07/27 11:28:56 [crit] 2379#0: *22526 mkdir() "/kong_prefix/proxy_temp/6" failed (13: Permission denied)';
    expect(redact(line)).toBe(line);
  });

  test("shows control bytes instead of sending them to the terminal", () => {
    expect(printable("a\u001b[31mb\u0000")).toBe("a\\x1b[31mb\\x00");
  });
});
