import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type tls from "node:tls";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";
import { makeCertificate, OPENSSL_AVAILABLE } from "../../test/support/certs.ts";

const dir = mkdtempSync(join(tmpdir(), "proxydoc-mtls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!OPENSSL_AVAILABLE)("probe with a client certificate (mTLS)", () => {
  test("a server that requires one answers with it and refuses without it", async () => {
    const ca = makeCertificate(dir, "ca", { name: "test CA", days: 2 });
    const serverFiles = makeCertificate(dir, "server", { name: "localhost", days: 2, ca });
    const client = makeCertificate(dir, "client", { name: "probe", days: 2, ca });
    const server = https.createServer(
      {
        key: readFileSync(serverFiles.key),
        cert: readFileSync(serverFiles.cert),
        ca: readFileSync(ca.cert),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => res.end(`hello ${(req.socket as tls.TLSSocket).getPeerCertificate().subject?.CN}`),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
    const withCert = JSON.parse(
      (await runCli(["probe", url, "-k", "--cert", client.cert, "--key", client.key, "--format", "json"])).stdout,
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
