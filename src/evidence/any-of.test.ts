import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { anyOf } from "./any-of.ts";

const PATTERNS = [
  /connect (?<code>ECONNREFUSED) (?<address>\S+)/,
  /(?<code>\d{3}) (?<reason>Bad Gateway)/,
  /(?<=EPROTO\b.*)wrong version number/,
  /^Traceback \(most recent call last\):$/m,
  /(?<!no )route to host/,
];
const any = anyOf(PATTERNS);

describe("anyOf", () => {
  test("matches exactly where one of the patterns matches, with names and lookbehinds kept apart", () => {
    for (const text of [
      "connect ECONNREFUSED 10.0.0.1:80",
      "HTTP/1.1 502 Bad Gateway",
      "write EPROTO 1234:error:wrong version number",
      "wrong version number",
      "Traceback (most recent call last):",
      "no route to host",
      "a route to host",
      "nothing at all",
    ]) {
      expect(any.test(text), text).toBe(PATTERNS.some((pattern) => pattern.test(text)));
    }
  });

  test.prop([fc.string({ maxLength: 200 })], { numRuns: 500 })("agrees with the patterns one by one", (text) => {
    expect(any.test(text)).toBe(PATTERNS.some((pattern) => pattern.test(text)));
  });
});
