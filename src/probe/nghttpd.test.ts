import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, waitForPort } from "../../lab/support/ports.ts";
import { runCli } from "../../test/fixture-grid.ts";

const NGHTTPD = ["/usr/bin/nghttpd", "/usr/sbin/nghttpd"].find((p) => existsSync(p));

interface Doc {
  exchanges: {
    protocol: string;
    response?: { status?: number; bodyBytes: number; complete: boolean; declaredLength?: number };
    frames?: { type: string; direction: string }[];
  }[];
  findings: unknown[];
}

describe.skipIf(!NGHTTPD)(
  `probe against nghttpd (nghttp2's server)${NGHTTPD ? "" : " (skipped: nghttp2-server is not installed)"}`,
  () => {
    let server: ChildProcess;
    let port: number;
    let dir: string;
    const body = "x".repeat(200_000);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "proxydoc-nghttpd-"));
      writeFileSync(join(dir, "big.txt"), body);
      port = await freePort();
      server = spawn(NGHTTPD as string, ["--no-tls", "-d", dir, String(port)], { stdio: "ignore" });
      await waitForPort(port);
    });
    afterAll(() => {
      if (server?.pid && server.exitCode === null) server.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    });

    // nghttpd speaks h2c with prior knowledge only; the Upgrade path is tested against a raw server.
    test("--h2c: a 200 KB file arrives whole over many DATA frames", async () => {
      const run = await runCli([
        "probe",
        `http://127.0.0.1:${port}/big.txt`,
        "--h2c",
        "--format",
        "json",
        "--timeout",
        "5",
      ]);
      const doc = JSON.parse(run.stdout) as Doc;
      const exchange = doc.exchanges[0];
      expect(exchange?.protocol).toBe("h2c");
      expect(exchange?.response).toMatchObject({ status: 200, bodyBytes: body.length, complete: true });
      const frames = exchange?.frames ?? [];
      expect(frames.filter((f) => f.type === "DATA" && f.direction === "in").length).toBeGreaterThan(10);
      expect(frames.some((f) => f.type === "SETTINGS" && f.direction === "out")).toBe(true);
      expect(doc.findings).toEqual([]);
    });

    test("a missing file is a clean 404, not a transport failure", async () => {
      const run = await runCli(["probe", `http://127.0.0.1:${port}/missing`, "--h2c", "--format", "json"]);
      const doc = JSON.parse(run.stdout) as Doc;
      expect(doc.exchanges[0]?.response).toMatchObject({ status: 404, complete: true });
    });
  },
);
