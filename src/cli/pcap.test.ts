import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { capturedIo, runCli } from "../../test/fixture-grid.ts";
import { main } from "./main.ts";

const fixture = (path: string): string => new URL(`../../test/fixtures/pcap/${path}`, import.meta.url).pathname;

describe("proxydoc pcap", () => {
  test("JSON report: schema, capture summary, conversations, transactions, findings, exit 1", async () => {
    const run = await runCli(["pcap", fixture("seed-002-reset-after-response/sidecar-lo.pcap"), "--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.schema).toBe("proxydoc.pcap/v1");
    expect(report.capture).toMatchObject({ format: "pcap", packets: 8, connectionCount: 1, transactionCount: 1 });
    expect(report.conversations[0]).toMatchObject({
      client: "127.0.0.6:39063",
      server: "10.244.0.17:8080",
      ended: "rst by client",
    });
    expect(report.transactions[0]).toMatchObject({
      method: "GET",
      path: "/wrong",
      status: 200,
      authority: "http-chunked:8080",
    });
    expect(report.causes[0].id).toBe("upstream.malformed-header");
  });

  test("a clean capture exits 0 and says so", async () => {
    const run = await runCli(["pcap", fixture("h2-clean/h2.pcap")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No findings");
    expect(run.stdout).toMatch(/1\s+1\s+h2\s+GET\s+kong-manager:8002\s+\/assets\/app\.js\s+200/);
  });

  test("reads gzip-compressed captures from standard input", async () => {
    const bytes = gzipSync(readFileSync(fixture("clean-h1/clean.pcap")));
    const captured = capturedIo(bytes);
    expect(await main(["pcap", "-", "--format", "json"], captured.io)).toBe(0);
    expect(JSON.parse(captured.stdout()).capture.transactionCount).toBe(2);
  });

  test("--follow shows one connection's HTTP/2 frames with decoded headers", async () => {
    const run = await runCli(["pcap", fixture("seed-000-h2-stream-reset/kong-h2.pcap"), "--follow", "1"]);
    expect(run.stdout).toContain(":path: /assets/app.js");
    expect(run.stdout).toMatch(/RST_STREAM\s+stream=1 .* INTERNAL_ERROR/);
    expect(run.stdout).not.toContain("PRI * HTTP/2.0");
  });

  test("--follow shows HTTP/1 bytes as sent", async () => {
    const run = await runCli(["pcap", fixture("seed-002-reset-after-response/sidecar-lo.pcap"), "--follow", "1"]);
    expect(run.stdout).toContain("Transfer-Encoding: Chunked");
    expect(run.stdout).toContain("transfer-encoding: chunked");
  });

  test("input that is not a capture, or missing, is a usage error (exit 2)", async () => {
    expect((await runCli(["pcap", fixture("clean-h1/expect.json")])).code).toBe(2);
    expect((await runCli(["pcap", fixture("no-such.pcap")])).code).toBe(2);
    expect((await runCli(["pcap", fixture("clean-h1/clean.pcap"), "--max-memory", "lots"])).code).toBe(2);
    expect((await runCli(["pcap", fixture("clean-h1/clean.pcap"), "--threads", "0"])).code).toBe(2);
  });

  test("a capture file, analysed on a thread of its own, reports what the same bytes read from standard input do", async () => {
    const capture = fixture("seed-002-reset-after-response/sidecar-lo.pcap");
    for (const format of ["text", "json"]) {
      const fromFile = await runCli(["pcap", capture, "--format", format, "--limit", "0"]);
      const piped = capturedIo(readFileSync(capture));
      const code = await main(["pcap", "-", "--format", format, "--limit", "0"], piped.io);
      expect(fromFile.code).toBe(code);
      expect(fromFile.stdout.replaceAll(capture, "-")).toBe(piped.stdout());
    }
  });

  test("the analysis thread passes on what it writes to standard error, and its usage errors", async () => {
    const missing = await runCli(["pcap", fixture("clean-h1/clean.pcap"), "--follow", "99"]);
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain("there is no connection 99");
    const notCapture = await runCli(["pcap", fixture("clean-h1/expect.json")]);
    expect(notCapture.code).toBe(2);
    expect(notCapture.stderr).toContain("is not a pcap or pcapng capture");
  });

  test("--threads 2 prints what one thread prints, in text and in JSON", async () => {
    const capture = fixture("seed-000-h2-stream-reset/kong-h2.pcap");
    for (const format of ["text", "json"]) {
      const one = await runCli(["pcap", capture, "--format", format, "--limit", "0", "--threads", "1"]);
      const two = await runCli(["pcap", capture, "--format", format, "--limit", "0", "--threads", "2"]);
      expect(two.stdout).toBe(one.stdout);
      expect(two.code).toBe(one.code);
    }
  });
});
