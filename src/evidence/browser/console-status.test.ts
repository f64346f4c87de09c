import { describe, expect, test } from "vitest";
import { parseConsoleStatus } from "./console-status.ts";

describe("browser console status lines", () => {
  test("Chromium's console and network lines, and Firefox's, give the status, reason and URL", () => {
    expect(
      parseConsoleStatus(
        "Error: Unexpected console error: Failed to load resource: the server responded with a status of 502 (Bad Gateway)",
      ),
    ).toEqual({ status: 502, reason: "Bad Gateway" });
    expect(
      parseConsoleStatus(
        "https://app.example.com/api/x:1  Failed to load resource: the server responded with a status of 520 ()",
      ),
    ).toMatchObject({ status: 520, url: "https://app.example.com/api/x" });
    expect(parseConsoleStatus("GET https://app.example.com/api/orders 503 (Service Unavailable)")).toMatchObject({
      status: 503,
      method: "GET",
      url: "https://app.example.com/api/orders",
      correlation: { authority: "app.example.com", path: "/api/orders" },
    });
    expect(parseConsoleStatus("XHRGET https://app.example.com/r [HTTP/2 504 Gateway Timeout 60012ms]")).toMatchObject({
      status: 504,
      reason: "Gateway Timeout",
    });
  });

  test("axios's message gives the status it failed with", () => {
    expect(parseConsoleStatus("Uncaught (in promise) Error: Request failed with status code 503")).toEqual({
      status: 503,
    });
    expect(parseConsoleStatus("Request failed with status code 200")).toBeUndefined();
  });

  test("successes and lines that only mention a number are left alone", () => {
    expect(parseConsoleStatus("GET https://app.example.com/api 200 (OK)")).toBeUndefined();
    expect(parseConsoleStatus('10.0.0.1 - - "GET /api HTTP/1.1" 502 150')).toBeUndefined();
    expect(parseConsoleStatus(`GET https://a.example/${"x".repeat(20_000)} 502 (Bad Gateway)`)).toBeUndefined();
  });
});
