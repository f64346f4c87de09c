import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";
import { startRawServer } from "../../test/support/raw-server.ts";
import { freePort, waitForPort } from "../support/ports.ts";

const HAPROXY = ["/usr/sbin/haproxy", "/usr/bin/haproxy"].find((p) => existsSync(p));

/** The application of the third field report: `Transfer-Encoding` twice, once capitalised. */
const WRONG =
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n1a\r\nthis is the wrong endpoint\r\n0\r\n\r\n";
const CORRECT =
  "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nright\r\n0\r\n\r\n";

describe.skipIf(!HAPROXY)(
  `seed 002: probe --compare through a strict proxy${HAPROXY ? "" : " (skipped: haproxy is not installed)"}`,
  () => {
    let upstream: Awaited<ReturnType<typeof startRawServer>>;
    let proxy: ChildProcess;
    let proxyPort: number;
    let dir: string;

    beforeAll(async () => {
      upstream = await startRawServer((socket, head) =>
        socket.end(head.toString("latin1").startsWith("GET /wrong") ? WRONG : CORRECT),
      );
      proxyPort = await freePort();
      dir = mkdtempSync(join(tmpdir(), "proxydoc-haproxy-"));
      writeFileSync(
        join(dir, "haproxy.cfg"),
        `defaults\n  mode http\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\nfrontend web\n  bind 127.0.0.1:${proxyPort}\n  default_backend app\nbackend app\n  server app 127.0.0.1:${upstream.port}\n`,
      );
      proxy = spawn(HAPROXY as string, ["-f", join(dir, "haproxy.cfg"), "-db"], { stdio: "ignore" });
      await waitForPort(proxyPort);
    });

    afterAll(async () => {
      if (proxy?.pid && proxy.exitCode === null) proxy.kill("SIGTERM");
      await upstream?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test("the mixed-case duplicate Transfer-Encoding breaks at the proxy hop, not at the application", async () => {
      const run = await runCli([
        "probe",
        `http://127.0.0.1:${proxyPort}/wrong`,
        "--compare",
        `http://127.0.0.1:${upstream.port}/wrong`,
      ]);
      expect(run.stdout).toMatch(/502/);
      expect(run.stdout).toMatch(
        new RegExp(
          `fails through http://127\\.0\\.0\\.1:${proxyPort}/wrong and works at http://127\\.0\\.0\\.1:${upstream.port}/wrong`,
        ),
      );
    });

    test("a correct chunked answer passes the same proxy", async () => {
      const run = await runCli([
        "probe",
        `http://127.0.0.1:${proxyPort}/correct`,
        "--compare",
        `http://127.0.0.1:${upstream.port}/correct`,
      ]);
      expect(run.stdout).toMatch(/Both answers are clean/);
    });
  },
);
