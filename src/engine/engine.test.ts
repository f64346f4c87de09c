import { describe, expect, test } from "vitest";
import { PROBE_DETECTORS } from "../detect/probe/index.ts";
import type { Finding } from "../model/finding.ts";
import type { WatchTargetObservation } from "../model/observations/probe.ts";
import { diagnose } from "./diagnose.ts";
import { rankCauses } from "./rank.ts";

function watched(
  source: string,
  target: string,
  lossPct: number,
  extra: Partial<WatchTargetObservation> = {},
): WatchTargetObservation {
  const sent = 100;
  const failed = Math.round(lossPct);
  return {
    type: "probe.watch-target",
    ref: { source, path: target },
    correlation: { upstream: target },
    target,
    mode: "tcp",
    intervalMs: 100,
    sent,
    ok: sent - failed,
    failed,
    retransmitted: 0,
    lossPct,
    rtt: { min: 1, p50: 1, p90: 2, p99: 3, max: 4 },
    longestOutage: null,
    errorCounts: failed ? { timeout: failed } : {},
    ...extra,
  };
}

const run = (observations: WatchTargetObservation[]) =>
  diagnose({ observations, inputs: [], detectors: PROBE_DETECTORS });

describe("engine", () => {
  test("ranks the supported cause first and explains why", () => {
    const result = run([watched("a.json", "10.0.0.1:443", 12)]);
    expect(result.causes[0]?.id).toBe("network.path-loss");
    expect(result.causes[0]?.supportedBy.map((f) => f.code)).toContain("PD4001");
    expect(result.needMoreEvidence).toBe(false);
  });

  test("evidence from two inputs about the same upstream is joined and trusted more", () => {
    const one = run([watched("a.json", "10.0.0.1:443", 3)]);
    const two = run([watched("a.json", "10.0.0.1:443", 3), watched("b.json", "10.0.0.1:443", 3)]);
    const unrelated = run([watched("a.json", "10.0.0.1:443", 3), watched("b.json", "10.9.9.9:443", 3)]);
    const confidence = (d: typeof one) => d.causes.find((c) => c.id === "network.path-loss")?.confidence ?? 0;
    expect(confidence(two)).toBeGreaterThan(confidence(unrelated));
    expect(confidence(unrelated)).toBeGreaterThan(confidence(one));
    expect(two.causes[0]?.joinedBy?.[0]).toMatchObject({
      key: "upstream",
      value: "10.0.0.1:443",
      sources: ["a.json", "b.json"],
    });
  });

  test("refuting evidence lowers a cause and lists the refutation", () => {
    const lossy = run([watched("a.json", "10.0.0.1:443", 12)]);
    const mixed = run([watched("a.json", "10.0.0.1:443", 12), watched("b.json", "10.0.0.2:443", 0)]);
    const cause = mixed.causes.find((c) => c.id === "network.path-loss");
    expect(cause?.refutedBy.map((f) => f.code)).toContain("PD4007");
    expect(cause?.confidence).toBeGreaterThan(0);
    expect(lossy.causes[0]?.confidence).toBeGreaterThan(0);
  });

  test("without findings it asks for evidence instead of guessing", () => {
    const result = run([]);
    expect(result.causes).toEqual([]);
    expect(result.needMoreEvidence).toBe(true);
    expect(result.next.length).toBeGreaterThan(0);
  });

  test("next steps are filled from the evidence", () => {
    const result = run([watched("a.json", "10.0.0.1:443", 12)]);
    const commands = result.causes[0]?.next.map((s) => s.command ?? "") ?? [];
    expect(commands.some((c) => c.includes("10.0.0.1:443"))).toBe(true);
  });

  test("a finding that only states a condition never raises a cause alone, but strengthens one that failures support", () => {
    const strict: Finding = {
      code: "PD1740",
      subject: "PeerAuthentication istio-system/default",
      vars: { scope: "the whole mesh" },
      evidence: [{ source: "pa.yaml", line: 8 }],
    };
    const reset: Finding = {
      code: "PD1021",
      subject: "api.example.com/",
      vars: { status: 503 },
      evidence: [{ source: "curl.txt", line: 2 }],
    };
    const tls = (findings: Finding[]) => rankCauses(findings, {}).find((c) => c.id === "tls.mismatch");
    expect(tls([strict])).toBeUndefined();
    const alone = tls([reset])?.confidence ?? 0;
    const together = tls([reset, strict]);
    expect(alone).toBeGreaterThan(0);
    expect(together?.confidence).toBeGreaterThan(alone);
    expect(together?.supportedBy.map((f) => f.code)).toEqual(["PD1740", "PD1021"]);
  });

  test("a next step names one finding's place, never the upstream of one and the path of another", () => {
    const nginx: Finding = {
      code: "PD1414",
      subject: "10.0.0.1:8080",
      vars: { upstream: "10.0.0.1:8080", path: "/reports" },
      evidence: [{ source: "error.log", line: 3 }],
    };
    const go: Finding = {
      code: "PD1509",
      subject: "api.example.test",
      vars: { host: "api.example.test", upstream: "10.9.9.9:443" },
      evidence: [{ source: "client.log", line: 1 }],
    };
    const timeout = rankCauses([go, nginx], { path: "/elsewhere" }).find((c) => c.id === "timeout.route");
    const probe = timeout?.next.find((step) => step.command?.startsWith("proxydoc probe"))?.command;
    expect(probe).toBe("proxydoc probe http://10.0.0.1:8080/reports");
  });
});
