import { describe, expect, test } from "vitest";
import { HTTP1_FINDINGS } from "../../catalogue/codes/http1.ts";
import { HTTP1_PEER_RULES } from "./http1-rules.ts";
import { PEER_NAMES } from "./model.ts";
import { compareVersions, parsePeerVersions, predictPeers } from "./predict.ts";

const peer = (name: string, list: ReturnType<typeof predictPeers>) => list.find((p) => p.peer === name)!;

describe("predictPeers", () => {
  test("quotes the Envoy parser of the version: http-parser up to 1.27, BalsaParser from 1.28", () => {
    expect(peer("envoy", predictPeers(["PD2002"], { envoy: "1.27.3" })).detail).toContain("HPE_INVALID_HEADER_TOKEN");
    const balsa = peer("envoy", predictPeers(["PD2002"], { envoy: "1.28" }));
    expect(balsa).toMatchObject({ outcome: "reject", status: 502 });
    expect(balsa.detail).toContain("INVALID_HEADER_NAME_CHARACTER");
    expect(balsa.detail).toContain("upstream_reset_before_response_started{protocol_error}");
  });

  test("nginx before 1.23 accepts a duplicate Transfer-Encoding, from 1.23 rejects it", () => {
    expect(peer("nginx", predictPeers(["PD2014"], { nginx: "1.22.1" })).outcome).toBe("accept");
    const strict = peer("nginx", predictPeers(["PD2014"], { nginx: "1.23.0" }));
    expect(strict.outcome).toBe("reject");
    expect(strict.detail).toContain("upstream sent duplicate header line");
  });

  test("the first fatal defect in byte order decides", () => {
    const envoy = peer("envoy", predictPeers(["PD2009", "PD2002", "PD2014"]));
    expect(envoy.code).toBe("PD2002");
  });

  test("limits count only where the measured size is over the peer's limit", () => {
    const reactions = predictPeers([{ code: "PD2041", vars: { bytes: 6000 } }]);
    expect(peer("nginx", reactions).outcome).toBe("reject");
    expect(peer("envoy", reactions).outcome).toBe("accept");
  });

  test("Caddy inherits Go's client reactions as 502s", () => {
    expect(peer("caddy", predictPeers(["PD2014"])).status).toBe(502);
  });

  test("gives every peer (Node twice) and names the version used", () => {
    const list = predictPeers([]);
    expect(list.map((p) => p.peer)).toEqual([...PEER_NAMES.slice(0, 7), "node", ...PEER_NAMES.slice(7)]);
    expect(list.every((p) => p.outcome === "accept")).toBe(true);
  });

  test("reads --peer-version, including istio", () => {
    expect(parsePeerVersions(["nginx=1.22.1", "istio=1.19"]).versions).toEqual({ nginx: "1.22.1", envoy: "1.27" });
    expect(parsePeerVersions(["bogus"]).errors).toHaveLength(1);
    expect(compareVersions("1.9", "1.28")).toBeLessThan(0);
  });

  test("every rule is about a known HTTP/1 code and every rejecting proxy rule has a status", () => {
    const codes = new Set(HTTP1_FINDINGS.map((f) => f.code as string));
    for (const rule of HTTP1_PEER_RULES) {
      expect(codes.has(rule.code), rule.code).toBe(true);
      if (rule.outcome === "reject" && ["envoy", "haproxy", "caddy"].includes(rule.peer)) {
        expect(rule.status, `${rule.code} ${rule.peer}`).toBe(502);
      }
    }
  });
});
