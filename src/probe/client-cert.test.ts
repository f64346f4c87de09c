import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";

const dir = mkdtempSync(join(tmpdir(), "proxydoc-mtls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });

describe.skipIf(!existsSync("/usr/bin/openssl"))("probe with a client certificate (mTLS)", () => {
  test("a server that requires one answers with it and refuses without it", async () => {
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=test CA",
    );
    openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=localhost",
    );
    openssl(
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.pem",
      "-days",
      "2",
    );
    openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "client.key",
      "-out",
      "client.csr",
      "-subj",
      "/CN=probe",
    );
    openssl(
      "x509",
      "-req",
      "-in",
      "client.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "client.pem",
      "-days",
      "2",
    );
    const read = (name: string) => readFileSync(join(dir, name));
    const server = https.createServer(
      {
        key: read("server.key"),
        cert: read("server.pem"),
        ca: read("ca.pem"),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        res.end(`hello ${(req.socket as import("node:tls").TLSSocket).getPeerCertificate().subject?.CN}`);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
    const withCert = JSON.parse(
      (
        await runCli([
          "probe",
          url,
          "-k",
          "--cert",
          join(dir, "client.pem"),
          "--key",
          join(dir, "client.key"),
          "--format",
          "json",
        ])
      ).stdout,
    );
    const without = JSON.parse((await runCli(["probe", url, "-k", "--format", "json", "--timeout", "3"])).stdout);
    server.close();
    expect(withCert.exchanges[0].response.status).toBe(200);
    expect(withCert.exchanges[0].response.bodyBytes).toBe("hello probe".length);
    expect(without.exchanges[0].response).toBeUndefined();
    expect(without.findings.length).toBeGreaterThan(0);
  });

  test("an unreadable certificate file is a usage error", async () => {
    const run = await runCli(["probe", "https://127.0.0.1:1/", "--cert", join(dir, "missing.pem")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read the client certificate/);
  });
});
