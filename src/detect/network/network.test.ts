import { describe, expect, test } from "vitest";
import type { Finding } from "../../model/finding.ts";
import type { HopStats, NetworkPingRun, NetworkTraceSummary } from "../../model/observations/network.ts";
import { runDetectors } from "../run.ts";
import { NETWORK_DETECTORS } from "./index.ts";
import { hasLatencySpikes } from "./ping.ts";
import { firstLossHop, targetHop } from "./trace.ts";

const ref = { source: "t.txt", line: 1 };

function hop(n: number, sent: number, lost: number, addresses: string[] = [`10.0.0.${n}`]): HopStats {
  return { hop: n, addresses, sent, lost, lossPercent: (100 * lost) / sent, lossRefs: lost > 0 ? [ref] : [] };
}

function trace(hops: HopStats[], extra: Partial<NetworkTraceSummary> = {}): NetworkTraceSummary {
  return {
    type: "network.trace-summary",
    ref,
    tool: "traceroute",
    mode: "tcp",
    target: "10.0.0.4",
    runs: 50,
    runsReaching: 50,
    hops,
    ...extra,
  };
}

const codes = (findings: Finding[]): string[] => findings.map((f) => f.code).sort();

describe("trace detectors", () => {
  test("loss that starts at a hop and persists to the target is reported with that hop", () => {
    const summary = trace([hop(1, 150, 0), hop(2, 150, 3), hop(3, 150, 4), hop(4, 150, 5)]);
    expect(targetHop(summary)?.hop).toBe(4);
    expect(firstLossHop(summary, targetHop(summary) as HopStats)).toBe(2);
    const { findings } = runDetectors(NETWORK_DETECTORS, [summary]);
    expect(codes(findings)).toEqual(["PD1804"]);
    expect(findings[0]?.vars).toMatchObject({ firstLossHop: 2, lost: 5, sent: 150, tool: "traceroute (TCP)" });
  });

  test("a lossy middle hop with a clean target is rate limiting, not loss", () => {
    const { findings } = runDetectors(NETWORK_DETECTORS, [trace([hop(1, 150, 0), hop(2, 150, 60), hop(4, 150, 0)])]);
    expect(codes(findings)).toEqual(["PD1805", "PD1807"]);
  });

  test("a target that never answers is a black hole, not partial loss", () => {
    const summary = trace([hop(1, 3, 0), hop(2, 3, 3, []), hop(3, 3, 3, [])], { runs: 1, runsReaching: 0 });
    const { findings } = runDetectors(NETWORK_DETECTORS, [summary]);
    expect(codes(findings)).toEqual(["PD1806"]);
    expect(findings[0]?.vars.lastHop).toBe("1 (10.0.0.1)");
  });

  test("few clean runs say nothing either way", () => {
    const { findings } = runDetectors(NETWORK_DETECTORS, [
      trace([hop(1, 9, 0), hop(4, 9, 0)], { runs: 3, runsReaching: 3 }),
    ]);
    expect(findings).toEqual([]);
  });
});

describe("ping detectors", () => {
  const run = (over: Partial<NetworkPingRun>): NetworkPingRun => ({
    type: "network.ping-run",
    ref,
    target: "10.0.0.1",
    transmitted: 10,
    received: 10,
    lossPercent: 0,
    errors: 0,
    fromSummary: true,
    ...over,
  });

  test("partial loss, no replies, and long clean runs each have their code", () => {
    const { findings } = runDetectors(NETWORK_DETECTORS, [
      run({ received: 7, lossPercent: 30 }),
      run({ received: 0, lossPercent: 100 }),
      run({ transmitted: 200, received: 200 }),
      run({}),
    ]);
    expect(codes(findings)).toEqual(["PD1801", "PD1802", "PD1808"]);
  });

  test("spikes need a large worst RTT far above the best", () => {
    expect(hasLatencySpikes(run({ rtt: { min: 0.4, avg: 20, max: 250, mdev: 60 } }))).toBe(true);
    expect(hasLatencySpikes(run({ rtt: { min: 150, avg: 160, max: 200, mdev: 10 } }))).toBe(false);
    expect(hasLatencySpikes(run({ rtt: { min: 0.4, avg: 0.9, max: 8, mdev: 2 } }))).toBe(false);
  });
});
