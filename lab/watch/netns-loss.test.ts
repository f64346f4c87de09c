import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PROBE_DETECTORS } from "../../src/detect/probe/index.ts";
import { diagnose } from "../../src/engine/diagnose.ts";
import { runWatchLoop, type WatchMode } from "../../src/probe/watch/loop.ts";
import { watchObservation } from "../../src/probe/watch/observe.ts";
import type { TargetStats } from "../../src/probe/watch/stats.ts";
import { parseTarget, type WatchTarget } from "../../src/probe/watch/target.ts";
import { netnsUnavailable, TestHost, waitForLine } from "../netns/netns.ts";

const unavailable = netnsUnavailable();

function diagnoseStats(stats: readonly TargetStats[], mode: WatchMode, intervalMs: number) {
  return diagnose({
    observations: stats.map((s) => watchObservation(s, mode, intervalMs, "watch")),
    inputs: [],
    detectors: PROBE_DETECTORS,
  });
}

describe.skipIf(unavailable !== null)(
  `watch against a lossy path in a network namespace${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let host: TestHost;
    let tcpTarget: WatchTarget;
    let h2Target: WatchTarget;
    let tcpPort: number;
    let h2Port: number;

    beforeAll(async () => {
      host = new TestHost("w");
      const server = host.spawn(process.execPath, [new URL("./servers.mjs", import.meta.url).pathname]);
      const ready = await waitForLine(server, "ready ");
      [tcpPort, h2Port] = ready.split(" ").slice(1).map(Number) as [number, number];
      tcpTarget = parseTarget(`${host.address}:${tcpPort}`) as WatchTarget;
      h2Target = parseTarget(`${host.address}:${h2Port}`) as WatchTarget;
    });

    afterAll(() => host?.destroy());

    const connectLoss = async (percent: number) => {
      host.dropPercent(tcpPort, percent);
      const result = await runWatchLoop([tcpTarget], {
        mode: "tcp",
        count: 80,
        durationMs: 30_000,
        intervalMs: 10,
        timeoutMs: 250,
      });
      return result.targets[0] as TargetStats;
    };

    test("measured loss rises with the drop rate: 0 %, 20 %, 60 %", async () => {
      const clean = await connectLoss(0);
      const some = await connectLoss(20);
      const much = await connectLoss(60);
      host.dropPercent(tcpPort, 0);
      expect(clean.lossPct).toBe(0);
      expect(some.lossPct).toBeGreaterThan(3);
      expect(some.lossPct).toBeLessThan(50);
      expect(much.lossPct).toBeGreaterThan(some.lossPct);
      expect(much.lossPct).toBeGreaterThan(30);

      const verdictClean = diagnoseStats([clean], "tcp", 10);
      expect(verdictClean.findings.map((f) => f.code)).toContain("PD4007");
      const verdictLossy = diagnoseStats([much], "tcp", 10);
      expect(verdictLossy.findings.map((f) => f.code)).toContain("PD4001");
      expect(verdictLossy.causes[0]?.id).toBe("network.path-loss");
    });

    test("a black hole of a few seconds is detected and timed", async () => {
      host.dropPercent(tcpPort, 0);
      const dropAll = setTimeout(() => host.dropPercent(tcpPort, 100), 1500);
      const restore = setTimeout(() => host.dropPercent(tcpPort, 0), 4500);
      const result = await runWatchLoop([tcpTarget], {
        mode: "tcp",
        count: 200,
        durationMs: 7000,
        intervalMs: 100,
        timeoutMs: 200,
      });
      clearTimeout(dropAll);
      clearTimeout(restore);
      host.dropPercent(tcpPort, 0);
      const diagnosis = diagnoseStats(result.targets, "tcp", 100);
      const hole = diagnosis.findings.find((f) => f.code === "PD4002");
      expect(hole, JSON.stringify(result.targets[0])).toBeDefined();
      expect(Number(hole?.vars.seconds)).toBeGreaterThan(2);
      expect(Number(hole?.vars.seconds)).toBeLessThan(5);
      expect(diagnosis.causes[0]?.id).toBe("network.path-loss");
    });

    test("HTTP/2 PINGs on one connection: all answered on a clean path, lost in a black hole", async () => {
      host.dropPercent(h2Port, 0);
      const clean = await runWatchLoop([h2Target], {
        mode: "h2-ping",
        count: 20,
        durationMs: 10_000,
        intervalMs: 50,
        timeoutMs: 500,
      });
      expect(clean.targets[0]?.failed).toBe(0);
      expect(clean.targets[0]?.ok).toBe(20);

      const dropAll = setTimeout(() => host.dropPercent(h2Port, 100), 1000);
      const restore = setTimeout(() => host.dropPercent(h2Port, 0), 3500);
      const holed = await runWatchLoop([h2Target], {
        mode: "h2-ping",
        count: 100,
        durationMs: 6000,
        intervalMs: 100,
        timeoutMs: 300,
      });
      clearTimeout(dropAll);
      clearTimeout(restore);
      host.dropPercent(h2Port, 0);
      const stats = holed.targets[0] as TargetStats;
      expect(stats.failed).toBeGreaterThan(3);
      expect(stats.ok).toBeGreaterThan(5);
      const codes = diagnoseStats([stats], "h2-ping", 100).findings.map((f) => f.code);
      expect(codes).toContain("PD4004");
    });

    test("two paths side by side point at the lossy one", async () => {
      host.dropPercent(tcpPort, 40);
      const local = await import("node:net").then(
        (net) =>
          new Promise<{ server: import("node:net").Server; target: WatchTarget }>((resolve) => {
            const server = net
              .createServer((s) => s.end())
              .listen(0, "127.0.0.1", () => {
                const address = server.address() as import("node:net").AddressInfo;
                resolve({ server, target: parseTarget(`127.0.0.1:${address.port}`) as WatchTarget });
              });
          }),
      );
      const result = await runWatchLoop([tcpTarget, local.target], {
        mode: "tcp",
        count: 60,
        durationMs: 30_000,
        intervalMs: 10,
        timeoutMs: 250,
      });
      local.server.close();
      host.dropPercent(tcpPort, 0);
      const diagnosis = diagnoseStats(result.targets, "tcp", 10);
      const segment = diagnosis.findings.find((f) => f.code === "PD4006");
      expect(segment?.subject).toBe(tcpTarget.label);
    });
  },
);
