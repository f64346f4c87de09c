import { describe, expect, test } from "vitest";
import { codeOfNetError } from "./net-errors.ts";

describe("Chromium error names", () => {
  test("map exact names and families to codes", () => {
    expect(codeOfNetError("ERR_HTTP2_PROTOCOL_ERROR")).toBe("PD1101");
    expect(codeOfNetError("ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION")).toBe("PD1108");
    expect(codeOfNetError("ERR_CERT_DATE_INVALID")).toBe("PD1111");
    expect(codeOfNetError("ERR_CONNECTION_CLOSED")).toBe("PD1105");
  });

  test("do not stretch an exact name to a longer one", () => {
    expect(codeOfNetError("ERR_CONNECTION_RESET_BY_PEER")).toBeUndefined();
    expect(codeOfNetError("ERR_ABORTED")).toBeUndefined();
  });
});
