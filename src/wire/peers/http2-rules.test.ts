import { describe, expect, test } from "vitest";
import { HTTP2_FINDINGS } from "../../catalogue/codes/http2.ts";
import { HTTP2_PEER_RULES } from "./http2-rules.ts";
import { predictPeers } from "./predict.ts";

const predict = (code: `PD${number}`, versions = {}) => predictPeers([code], versions, HTTP2_PEER_RULES);
const of = (code: `PD${number}`, peer: string, versions = {}) => predict(code, versions).find((p) => p.peer === peer);

describe("HTTP/2 peer rules", () => {
  test("every rule names an HTTP/2 code of the catalogue", () => {
    const codes = new Set<string>(HTTP2_FINDINGS.map((f) => f.code));
    for (const rule of HTTP2_PEER_RULES) expect(codes.has(rule.code), rule.code).toBe(true);
  });

  test("uppercase names: Chrome and Go reject with their own words, Envoy answers 502", () => {
    expect(of("PD3002", "chrome")).toMatchObject({
      outcome: "reject",
      detail: expect.stringContaining("Upper case characters in header"),
    });
    expect(of("PD3002", "go")).toMatchObject({
      outcome: "reject",
      confidence: "source",
      detail: expect.stringContaining("invalid header field name"),
    });
    expect(of("PD3002", "envoy")).toMatchObject({ outcome: "reject", status: 502 });
  });

  test("connection-specific fields: nghttp2 clients reject, Chrome and Go let them through", () => {
    expect(of("PD3001", "curl")?.outcome).toBe("reject");
    expect(of("PD3001", "chrome")?.outcome).toBe("accept");
    expect(of("PD3001", "go")?.outcome).toBe("accept");
  });

  test("curl's wording for a reset changed in 8.19", () => {
    expect(of("PD3011", "curl", { curl: "8.18.0" })?.detail).toContain("was not closed cleanly: INTERNAL_ERROR");
    expect(of("PD3011", "curl", { curl: "8.19.0" })?.detail).toContain("reset by server (error 0x2 INTERNAL_ERROR)");
    expect(of("PD3011", "chrome")?.outcome).toBe("truncate");
  });

  test("a defect no rule covers leaves every peer accepting", () => {
    expect(predict("PD3034").every((p) => p.outcome === "accept")).toBe(true);
  });
});
