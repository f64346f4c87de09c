import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { newScan, recordStart, scanTextAccess, tokenizeText } from "./access-text.ts";
import { mutate } from "./testing.ts";

const SEED_002 =
  '[2022-04-24T12:23:37.047Z] "GET /wrong HTTP/1.1" 502 UPE upstream_reset_before_response_started{protocol_error} - "-" 0 87 1001 - "-" "curl/7.80.0" "3987a4cb-2e0e-4de6-af66-7e3447600c73" "http-chunked:8080" "10.244.0.17:8080" inbound|8080|| 127.0.0.6:39063 10.244.0.17:8080 10.244.0.14:35500 - default';
const LEGACY =
  '[2020-06-01T10:00:00.000Z] "GET /api HTTP/1.1" 503 UH "-" "-" 0 19 0 - "-" "curl/7.64.0" "a4b1" "api:8080" "-" outbound|8080||api.default.svc.cluster.local - 10.96.1.1:8080 10.1.1.1:40000 - default';
const ENVOY_DEFAULT =
  '[2021-03-01T10:00:00.000Z] "GET /x HTTP/1.1" 503 UC 0 95 3 - "-" "curl/7.68.0" "b4b1" "x.example.com" "10.0.0.5:80"';
const TCP =
  '[2026-01-02T03:04:06.000Z] "- - -" 0 UF,URX - - "-" 0 0 10001 - "-" "-" "-" "-" "10.1.2.4:5432" outbound|5432||db.data.svc.cluster.local - 10.96.0.20:5432 10.1.9.9:51000 - -';

function scan(line: string) {
  const out = newScan();
  const start = recordStart(line, 0, line.length);
  if (start < 0 || !scanTextAccess(line, start, line.length, out)) return undefined;
  // The fast path gives the head's place; tests read it as text.
  return {
    ...out,
    head: out.headStart >= 0 ? line.slice(out.headStart, out.headEnd) : out.head,
    pair: out.pairStart >= 0 ? line.slice(out.pairStart, out.pairEnd) : out.pair,
  };
}

describe("Istio/Envoy TEXT access lines", () => {
  test("the fast path reads status, flags, details, upstream host and cluster of Istio 1.9+ lines", () => {
    const out = scan(SEED_002);
    expect(out).toMatchObject({
      format: "istio-text",
      status: 502,
      head: "502 UPE upstream_reset_before_response_started{protocol_error}",
      pair: '10.244.0.17:8080" inbound|8080||',
    });
  });

  test("every field of an Istio 1.9+ line", () => {
    expect(tokenizeText(SEED_002, 0, SEED_002.length)).toMatchObject({
      format: "istio-text",
      method: "GET",
      path: "/wrong",
      protocol: "HTTP/1.1",
      status: 502,
      flags: "UPE",
      details: "upstream_reset_before_response_started{protocol_error}",
      bytesSent: 87,
      duration: 1001,
      upstreamServiceTime: -1,
      requestId: "3987a4cb-2e0e-4de6-af66-7e3447600c73",
      authority: "http-chunked:8080",
      upstreamHost: "10.244.0.17:8080",
      cluster: "inbound|8080||",
    });
  });

  test("legacy Istio (quoted mixer status) and Envoy's default format", () => {
    expect(tokenizeText(LEGACY, 0, LEGACY.length)).toMatchObject({
      format: "istio-text-legacy",
      status: 503,
      flags: "UH",
      bytesSent: 19,
      cluster: "outbound|8080||api.default.svc.cluster.local",
    });
    expect(tokenizeText(ENVOY_DEFAULT, 0, ENVOY_DEFAULT.length)).toMatchObject({
      format: "envoy-default",
      flags: "UC",
      duration: 3,
      authority: "x.example.com",
      upstreamHost: "10.0.0.5:80",
      cluster: "-",
    });
    expect(scan(ENVOY_DEFAULT)?.head).toBe("503 UC -");
  });

  test("TCP lines with status 0 and a comma list of flags", () => {
    expect(scan(TCP)).toMatchObject({
      status: 0,
      head: "0 UF,URX -",
      pair: '10.1.2.4:5432" outbound|5432||db.data.svc.cluster.local',
    });
  });

  test("line numbers pasted in front and kubectl/CRI prefixes are skipped", () => {
    expect(scan(`6${SEED_002}`)?.status).toBe(502);
    expect(scan(`2022-04-24T12:23:37.047123456Z ${SEED_002}`)?.status).toBe(502);
    expect(scan(`2022-04-24T12:23:37.047123456Z stdout F ${SEED_002}`)?.status).toBe(502);
  });

  test("rejects lines that are not access records", () => {
    expect(scan("[2023-04-01 18:14:44.358][1535551][debug][client] [C17] closing")).toBeUndefined();
    expect(scan('[x] "GET / HTTP/1.1" abc - -')).toBeUndefined();
    expect(scan("plain text")).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 600 })])("never throws on random text", (text) => {
    scan(text);
    tokenizeText(text, 0, text.length);
  });

  test.prop([fc.array(fc.record({ at: fc.nat(), op: fc.nat(), text: fc.string({ maxLength: 4 }) }), { maxLength: 6 })])(
    "never throws on mutated real lines, and what it reads lies inside the line",
    (edits) => {
      for (const base of [SEED_002, LEGACY, ENVOY_DEFAULT, TCP]) {
        const line = mutate(base, edits);
        const out = scan(line);
        if (out) {
          expect(out.status).toBeGreaterThanOrEqual(0);
          expect(out.status).toBeLessThan(1000);
          expect(line).toContain(out.pair.split('" ')[0] ?? "");
        }
      }
    },
  );

  const token = fc.stringMatching(/^[A-Za-z0-9_.:|{},/-]{1,20}$/);
  test.prop([fc.integer({ min: 0, max: 599 }), token, token, token, token])(
    "the fast path and the full tokenizer agree on well-formed Istio lines",
    (status, flags, details, host, cluster) => {
      const line = `[2026-01-02T03:04:05.678Z] "GET /a HTTP/1.1" ${status} ${flags.replace(/^\d/, "X")} ${details.replace(/^\d/, "d")} - "-" 0 1 2 - "-" "ua" "rid" "auth" "${host}" ${cluster} a b c - r`;
      const fast = scan(line);
      const full = tokenizeText(line, 0, line.length);
      expect(fast && full).toBeTruthy();
      expect(fast?.head).toBe(`${full?.status} ${full?.flags} ${full?.details}`);
      expect(fast?.pair).toBe(`${full?.upstreamHost}" ${full?.cluster}`);
    },
  );
});
