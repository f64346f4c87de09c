import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";
import { renderMetrics, startMetricsServer } from "./watch/metrics.ts";
import { StatsCollector } from "./watch/stats.ts";

interface Doc {
  exchanges: {
    response?: { status?: number };
    remote?: { address: string; port: number };
    error?: { phase: string; message: string };
  }[];
}

let origin: http.Server;
let originPort: number;
const hosts: string[] = [];

beforeAll(async () => {
  origin = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? "");
    res.end("origin");
  });
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
  originPort = (origin.address() as net.AddressInfo).port;
});
afterAll(() => origin.close());

const probe = async (...args: string[]) =>
  JSON.parse((await runCli(["probe", ...args, "--format", "json", "--timeout", "3"])).stdout) as Doc;

describe("probe routing options (all on loopback; .invalid names never resolve)", () => {
  test("--resolve connects to the given address and keeps the Host header", async () => {
    const doc = await probe(`http://shop.invalid:${originPort}/`, "--resolve", `shop.invalid:${originPort}:127.0.0.1`);
    expect(doc.exchanges[0]?.response?.status).toBe(200);
    expect(hosts.at(-1)).toBe(`shop.invalid:${originPort}`);
  });

  test("--connect-to goes to another host and port, keeping the URL's Host", async () => {
    const doc = await probe("http://api.invalid:1/", "--connect-to", `127.0.0.1:${originPort}`);
    expect(doc.exchanges[0]?.remote?.port).toBe(originPort);
    expect(hosts.at(-1)).toBe("api.invalid:1");
  });

  test("--proxy tunnels with CONNECT, and a refused tunnel is reported", async () => {
    const targets: string[] = [];
    const proxy = net.createServer((client) => {
      client.once("data", (head) => {
        const [, target = ""] = /^CONNECT (\S+) /.exec(head.toString("latin1")) ?? [];
        targets.push(target);
        if (!target.endsWith(`:${originPort}`)) {
          client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
          return;
        }
        const upstream = net.connect(originPort, "127.0.0.1", () => {
          client.write("HTTP/1.1 200 Connection established\r\n\r\n");
          client.pipe(upstream).pipe(client);
        });
        upstream.on("error", () => client.destroy());
      });
      client.on("error", () => {});
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyPort = (proxy.address() as net.AddressInfo).port;
    const ok = await probe(`http://127.0.0.1:${originPort}/`, "--proxy", `http://127.0.0.1:${proxyPort}`);
    const refused = await probe("http://127.0.0.1:9/", "--proxy", `127.0.0.1:${proxyPort}`);
    proxy.close();
    expect(targets).toEqual([`127.0.0.1:${originPort}`, "127.0.0.1:9"]);
    expect(ok.exchanges[0]?.response?.status).toBe(200);
    expect(refused.exchanges[0]?.error).toMatchObject({ phase: "proxy" });
    expect(refused.exchanges[0]?.error?.message).toMatch(/403 Forbidden/);
  });
});

describe("watch metrics endpoint", () => {
  test("serves /metrics on 127.0.0.1 and 404 elsewhere", async () => {
    const stats = new StatsCollector("10.0.0.1:443");
    stats.add({ target: "10.0.0.1:443", seq: 1, at: 0, ok: false, error: "timeout" });
    const server = await startMetricsServer(0, () => [stats.snapshot()]);
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        http.get({ host: "127.0.0.1", port: server.port, path }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
      });
    const metrics = await get("/metrics");
    const other = await get("/");
    await server.close();
    expect(metrics.status).toBe(200);
    expect(metrics.body).toBe(renderMetrics([stats.snapshot()]));
    expect(metrics.body).toContain('proxydoc_watch_failures_total{target="10.0.0.1:443"} 1');
    expect(other.status).toBe(404);
  });
});
