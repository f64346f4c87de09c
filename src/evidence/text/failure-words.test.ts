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
  ])("%s", (line, kind) => {
    expect(failureWordsOf(line)?.kind).toBe(kind);
  });

  test.each([
    "connection established to ledger.internal:8443",
    "certificate for ledger.internal valid until 2027-01-01",
    "request timeout set to 30s",
    "the reset button was pressed",
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
