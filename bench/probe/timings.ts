/**
 * Probe timings next to curl's `-w` timings against the same local TLS server, in one run.
 * Run: npx tsx bench/probe/timings.ts [iterations]
 * Prints the median of each phase (ms, cumulative from the start as curl reports them).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runProbe } from "../../src/probe/run-probe.ts";
import { makeCertificate } from "../../test/support/certs.ts";

const iterations = Number(process.argv[2] ?? 30);
const dir = mkdtempSync(join(tmpdir(), "proxydoc-bench-"));
const files = makeCertificate(dir, "server", { name: "localhost", days: 2 });
const body = Buffer.alloc(256 * 1024, 120);
const server = https.createServer({ key: readFileSync(files.key), cert: readFileSync(files.cert) }, (_, res) => {
  setTimeout(() => res.end(body), 20);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;

const run = promisify(execFile);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const curl: Record<string, number[]> = { connect: [], tls: [], firstByte: [], total: [] };
const ours: Record<string, number[]> = { connect: [], tls: [], firstByte: [], total: [] };
for (let i = 0; i < iterations; i++) {
  const { stdout: out } = await run("curl", [
    "-sk",
    "--http1.1",
    "-o",
    "/dev/null",
    "-w",
    "%{time_connect} %{time_appconnect} %{time_starttransfer} %{time_total}",
    url,
  ]);
  const [connect, tls, firstByte, total] = out
    .trim()
    .split(" ")
    .map((v) => Number(v) * 1000) as [number, number, number, number];
  curl.connect?.push(connect);
  curl.tls?.push(tls);
  curl.firstByte?.push(firstByte);
  curl.total?.push(total);
  const probed = await runProbe({
    request: { method: "GET", url: new URL(url), headers: [] },
    protocol: "http1.1",
    connect: { insecure: true, timeoutMs: 5000 },
    limits: { idleTimeoutMs: 5000, totalTimeoutMs: 10_000, maxResponseBytes: 1 << 24 },
  });
  const t = probed.result.timings;
  ours.connect?.push(t.connectMs ?? Number.NaN);
  ours.tls?.push(t.tlsMs ?? Number.NaN);
  ours.firstByte?.push(t.firstByteMs ?? Number.NaN);
  ours.total?.push(t.totalMs ?? Number.NaN);
}
server.close();
rmSync(dir, { recursive: true, force: true });

const row = (label: string, a: number, b: number) =>
  console.log(
    `${label.padEnd(26)} ${a.toFixed(2).padStart(8)}  ${b.toFixed(2).padStart(8)}   ${(a - b >= 0 ? "+" : "") + (a - b).toFixed(2)} ms (${(((a - b) / b) * 100).toFixed(1)}%)`,
  );
const phase = (source: Record<string, number[]>, from: string | null, to: string) =>
  median((source[to] ?? []).map((v, i) => v - (from ? (source[from]?.[i] ?? 0) : 0)));

console.log(`probe timings vs curl -w, ${iterations} requests each to a local TLS server (median, ms)`);
console.log("measure                    proxydoc   curl      difference");
for (const name of ["connect", "tls", "firstByte", "total"])
  row(`${name} (from start)`, phase(ours, null, name), phase(curl, null, name));
console.log("per phase (what each measures on the wire):");
row("wait: TLS done→first byte", phase(ours, "tls", "firstByte"), phase(curl, "tls", "firstByte"));
row("body: first byte→end", phase(ours, "firstByte", "total"), phase(curl, "firstByte", "total"));
console.log(
  "TLS handshake times differ by client library (Node's OpenSSL setup vs curl's CA store load), not by measurement.",
);
