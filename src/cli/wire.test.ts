import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";

const dir = mkdtempSync(join(tmpdir(), "proxydoc-wire-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(content, "latin1"));
  return path;
}

const SEED_002 = "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n";

describe("proxydoc wire", () => {
  test("reports defects, peers and why curl works while the mesh fails (json)", async () => {
    const run = await runCli(["wire", file("seed002.bin", SEED_002), "--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.schema).toBe("proxydoc.wire/v1");
    const message = report.streams[0].messages[0];
    expect(message.defects.map((d: { code: string }) => d.code)).toContain("PD2014");
    const envoy = message.peers.find((p: { peer: string }) => p.peer === "envoy");
    expect(envoy).toMatchObject({ outcome: "reject", status: 502 });
    expect(message.explanation).toMatch(/^curl .* without complaint/);
  });

  test("--peer-version picks the version the prediction is for", async () => {
    const run = await runCli([
      "wire",
      file("seed002b.bin", SEED_002),
      "--peer-version",
      "nginx=1.22.1",
      "--format",
      "json",
    ]);
    const nginx = JSON.parse(run.stdout).streams[0].messages[0].peers.find((p: { peer: string }) => p.peer === "nginx");
    expect(nginx).toMatchObject({ version: "1.22.1", outcome: "accept" });
  });

  test("text output highlights the bytes and reads stdin", async () => {
    const run = await runCli(["wire", "-"], "HTTP/1.1 200 OK\r\nTime : x\r\nContent-Length: 0\r\n\r\n");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("PD2002");
    expect(run.stdout).toContain("Time : x\\r\\n");
    expect(run.stdout).toMatch(/\n\s+\^/);
  });

  test("a well-formed message exits 0; a missing file or bad --peer-version exits 2", async () => {
    expect((await runCli(["wire", file("ok.bin", "HTTP/1.1 204 No Content\r\n\r\n")])).code).toBe(0);
    expect((await runCli(["wire", join(dir, "missing.bin")])).code).toBe(2);
    expect((await runCli(["wire", file("ok2.bin", "x"), "--peer-version", "nope"])).code).toBe(2);
  });

  fcTest.prop([fc.uint8Array({ maxLength: 600 })], { numRuns: 40 })(
    "any input gives a report and exit 0 or 1, never an internal error",
    async (bytes) => {
      const run = await runCli(["wire", "-", "--format", "json"], Buffer.from(bytes).toString("latin1"));
      expect(run.stderr).not.toMatch(/internal error/);
      expect([0, 1]).toContain(run.code);
      expect(JSON.parse(run.stdout).schema).toBe("proxydoc.wire/v1");
    },
  );
});
