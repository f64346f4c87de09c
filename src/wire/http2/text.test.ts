import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { analyzeHttp2 } from "./analyze.ts";
import { renderHttp2Text } from "./text.ts";

const FIXTURE = new URL("../../../test/fixtures/http2/pd3011-internal-error-mid-200/input.bin", import.meta.url)
  .pathname;

describe("renderHttp2Text", () => {
  test("lists frames, the stream, each header block and the reset with who would object", () => {
    const lines = renderHttp2Text(analyzeHttp2(readFileSync(FIXTURE)), {
      summarize: (f) => `summary of ${f.code}`,
      quote: (text) => text.replace(/app/g, "***"),
    });
    const text = lines.join("\n");
    expect(lines[0]).toBe("HTTP/2 (client bytes, then server bytes): 8 frames, 1 streams");
    expect(text).toContain("RST_STREAM");
    expect(text).toContain(
      "stream 1: GET / → 200, 40 body octets from the server, reset by the server with INTERNAL_ERROR",
    );
    expect(text).toContain(":authority: ***.example");
    expect(text).toMatch(/✗ PD3011 summary of PD3011 \(byte 173, frame 8, stream 1\)/);
    expect(text).toMatch(/curl \S+ +truncate: curl: \(92\)/);
  });
});
