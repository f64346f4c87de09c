import net from "node:net";
import { fc, test as prop } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { runCli } from "../../../test/fixture-grid.ts";
import { renderMetrics } from "./metrics.ts";
import { StatsCollector } from "./stats.ts";
import { parseTarget } from "./target.ts";

describe("watch targets", () => {
  test("reads host:port, [v6]:port and URLs with default ports", () => {
    expect(parseTarget("10.0.0.5:6443")).toMatchObject({ host: "10.0.0.5", port: 6443, tls: false });
    expect(parseTarget("[::1]:8080")).toMatchObject({ host: "::1", port: 8080 });
    expect(parseTarget("https://api.example:6443/healthz")).toMatchObject({
      host: "api.example",
      port: 6443,
      tls: true,
    });
    expect(parseTarget("http://svc")).toMatchObject({ port: 80 });
  });

  test("explains what is wrong with a bad target", () => {
    expect(parseTarget("no-port")).toMatch(/neither host:port nor a URL/);
    expect(parseTarget("host:70000")).toMatch(/port must be/);
    expect(parseTarget("ftp://x")).toMatch(/only http/);
  });

  prop.prop([fc.string({ maxLength: 80 })])("never throws on any text", (text) => {
    const result = parseTarget(text);
    expect(typeof result === "string" || typeof result.port === "number").toBe(true);
  });
});

describe("stats", () => {
  test("counts failures and retransmitted successes as loss, and finds the longest outage", () => {
    const stats = new StatsCollector("t");
    const at = (i: number) => i * 100;
    for (let i = 0; i < 10; i++) stats.add({ target: "t", seq: i, at: at(i), ok: true, rttMs: 1 + i });
    for (let i = 10; i < 14; i++) stats.add({ target: "t", seq: i, at: at(i), ok: false, error: "timeout" });
    stats.add({ target: "t", seq: 14, at: at(14), ok: true, rttMs: 1001, retransmitted: true });
    stats.add({ target: "t", seq: 15, at: at(15), ok: false, error: "timeout" });
    const s = stats.snapshot();
    expect(s).toMatchObject({ sent: 16, ok: 11, failed: 5, retransmitted: 1 });
    expect(s.lossPct).toBe(37.5);
    expect(s.longestOutage).toEqual({ fromMs: 1000, toMs: 1300, attempts: 4 });
    expect(s.errorCounts).toEqual({ timeout: 5 });
    expect(s.rtt?.min).toBe(1);
    expect(s.rtt?.max).toBe(1001);
  });

  test("renders Prometheus metrics with escaped labels", () => {
    const stats = new StatsCollector('a"b');
    stats.add({ target: 'a"b', seq: 1, at: 0, ok: true, rttMs: 2 });
    const text = renderMetrics([stats.snapshot()]);
    expect(text).toContain('proxydoc_watch_attempts_total{target="a\\"b"} 1');
    expect(text).toContain('quantile="0.5"} 2');
  });
});

describe("proxydoc watch", () => {
  test("a bad target is a usage error", async () => {
    const run = await runCli(["watch", "nonsense"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/neither host:port/);
  });

  test("reports a clean loopback path and a refused port side by side", async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await runCli([
      "watch",
      `127.0.0.1:${port}`,
      `127.0.0.1:${closedPort}`,
      "--count",
      "20",
      "--interval",
      "0.01",
      "--format",
      "json",
    ]);
    server.close();
    const doc = JSON.parse(run.stdout);
    expect(doc.schema).toBe("proxydoc.watch/v1");
    expect(doc.targets[0]).toMatchObject({ sent: 20, failed: 0, verdict: "healthy" });
    expect(doc.targets[1]).toMatchObject({ sent: 20, ok: 0, verdict: "unreachable" });
    expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(["PD4005", "PD4007"]));
    expect(doc.causes[0].id).toBe("upstream.connection-refused");
    expect(run.code).toBe(1);
  });

  test("jsonl prints one line per attempt and a summary", async () => {
    const server = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const run = await runCli(["watch", `127.0.0.1:${port}`, "--count", "3", "--interval", "0.01", "--format", "jsonl"]);
    server.close();
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === "attempt")).toHaveLength(3);
    expect(lines.at(-1).type).toBe("summary");
  });
});
