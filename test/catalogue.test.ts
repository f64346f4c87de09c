import { describe, expect, test } from "vitest";
import { allCauses, allFindings, causeDef } from "../src/catalogue/index.ts";
import { fixtureCases } from "./fixture-grid.ts";

const CAUSE_IDS_OF_DESIGN = [
  "upstream.malformed-header",
  "upstream.truncated-body",
  "upstream.app-error",
  "upstream.keepalive-race",
  "limits.header-too-large",
  "proxy.temp-storage-failure",
  "network.path-loss",
  "client.go-h2-pool-bug",
  "protocol.mismatch",
  "tls.mismatch",
  "routing.no-route",
  "routing.no-healthy-upstream",
  "timeout.route",
  "connection.goaway",
  "lifecycle.sidecar-ordering",
  "config.rejected",
  "config.protocol-conflict",
  "mesh.injection-failure",
  "mesh.bootstrap-failure",
];

describe("catalogue", () => {
  const findings = allFindings();

  test("codes are unique, well formed and named in PascalCase", () => {
    const codes = findings.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = findings.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of findings) {
      expect(f.code).toMatch(/^PD[1-6]\d{3}$/);
      expect(f.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(f.summary.length).toBeGreaterThan(10);
      expect(f.detail.length).toBeGreaterThan(40);
      expect(f.reference.length).toBeGreaterThan(3);
    }
  });

  test("every link points at a known cause with a weight in (-1, 1)", () => {
    for (const f of findings) {
      for (const link of f.causes) {
        expect(causeDef(link.cause), `${f.code} → ${link.cause}`).toBeDefined();
        expect(Math.abs(link.weight)).toBeLessThan(1);
        expect(link.weight).not.toBe(0);
      }
    }
  });

  test("holds every cause of the design, each complete", () => {
    for (const id of CAUSE_IDS_OF_DESIGN) expect(causeDef(id), id).toBeDefined();
    for (const cause of allCauses()) {
      expect(cause.id).toMatch(/^[a-z0-9]+\.[a-z0-9-]+$/);
      expect(cause.explanation.length).toBeGreaterThan(80);
      expect(cause.fix.length).toBeGreaterThan(20);
      expect(cause.verify.length).toBeGreaterThan(20);
      expect(cause.next.length).toBeGreaterThan(0);
      expect(cause.references.length).toBeGreaterThan(0);
    }
  });

  test("every finding code has a fixture that produces it and a near miss that does not", () => {
    const produced = new Set<string>();
    const nearMiss = new Set<string>();
    for (const c of fixtureCases()) {
      for (const code of c.expect.codes ?? []) produced.add(code);
      for (const code of c.expect.absent ?? []) nearMiss.add(code);
    }
    const withoutFixture = findings.map((f) => f.code).filter((code) => !produced.has(code));
    const withoutNearMiss = findings.map((f) => f.code).filter((code) => !nearMiss.has(code));
    expect(withoutFixture, "codes without a producing fixture").toEqual([]);
    expect(withoutNearMiss, "codes without a near-miss fixture").toEqual([]);
  });
});
