import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";
import { makeCertificate, OPENSSL_AVAILABLE } from "../../test/support/certs.ts";
import { startRawServer } from "../../test/support/raw-server.ts";

const dir = mkdtempSync(join(tmpdir(), "proxydoc-probe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Doc {
  exchanges: {
    response?: { status?: number; bodyBytes: number; complete: boolean };
    end: string;
    error?: { phase: string };
  }[];
  findings: { code: string; vars: Record<string, unknown> }[];
  causes: { id: string }[];
}

async function probeWith(
  respond: (socket: net.Socket) => void,
  ...args: string[]
): Promise<{ doc: Doc; code: number }> {
  const server = await startRawServer(respond);
  try {
    const run = await runCli([
      "probe",
      `http://127.0.0.1:${server.port}/x`,
      "--format",
      "json",
      "--timeout",
      "3",
      "--idle-timeout",
      "1",
      ...args,
    ]);
    return { doc: JSON.parse(run.stdout) as Doc, code: run.code };
  } finally {
    await server.close();
  }
}

const codes = (doc: Doc) => doc.findings.map((f) => f.code);

describe("proxydoc probe over HTTP/1.1", () => {
  test("a complete response is clean and exits 0", async () => {
    const { doc, code } = await probeWith((s) =>
      s.end("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: nginx/1.22.1\r\n\r\nhello"),
    );
    expect(doc.exchanges[0]?.response).toMatchObject({ status: 200, bodyBytes: 5, complete: true });
    expect(doc.findings).toEqual([]);
    expect(code).toBe(0);
  });

  test("a keep-alive response is finished by its framing, not by a timeout", async () => {
    const started = Date.now();
    const { doc } = await probeWith((s) => s.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    expect(doc.exchanges[0]?.end).toBe("complete");
    expect(Date.now() - started).toBeLessThan(900);
  });

  test("a body shorter than its Content-Length is PD4010", async () => {
    const { doc, code } = await probeWith((s) =>
      s.end(`HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nVia: kong/3.3.1\r\n\r\n${"x".repeat(400)}`),
    );
    const short = doc.findings.find((f) => f.code === "PD4010");
    expect(short?.vars).toMatchObject({ received: 400, declared: 1000, missing: 600, producer: "kong" });
    expect(code).toBe(1);
  });

  test("a chunked body without its last chunk is PD4011, with the last chunk it is clean", async () => {
    const cut = await probeWith((s) => s.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"));
    expect(codes(cut.doc)).toContain("PD4011");
    const whole = await probeWith((s) =>
      s.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
    );
    expect(codes(whole.doc)).not.toContain("PD4011");
    expect(whole.doc.exchanges[0]?.end).toBe("complete");
  });

  test("an empty reply is PD4013 and silence is PD4014", async () => {
    const empty = await probeWith((s) => s.end());
    expect(codes(empty.doc)).toContain("PD4013");
    const silent = await probeWith(() => {});
    expect(codes(silent.doc)).toContain("PD4014");
    expect(codes(silent.doc)).not.toContain("PD4013");
  });

  test("a refused connection is PD4016 and names the refused upstream", async () => {
    const server = await startRawServer(() => {});
    const port = server.port;
    await server.close();
    const run = await runCli(["probe", `http://127.0.0.1:${port}/`, "--format", "json", "--timeout", "2"]);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.exchanges[0]?.error?.phase).toBe("connect");
    expect(codes(doc)).toContain("PD4016");
    expect(doc.causes[0]?.id).toBe("upstream.connection-refused");
  });

  test("--compare names the hop that breaks", async () => {
    const broken = await startRawServer((s) =>
      s.end("HTTP/1.1 502 Bad Gateway\r\nServer: istio-envoy\r\nContent-Length: 0\r\n\r\n"),
    );
    const fine = await startRawServer((s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    const run = await runCli([
      "probe",
      `http://127.0.0.1:${broken.port}/wrong`,
      "--compare",
      `http://127.0.0.1:${fine.port}/wrong`,
    ]);
    await broken.close();
    await fine.close();
    expect(run.stdout).toMatch(/fails through http:\/\/127\.0\.0\.1:\d+\/wrong and works at/);
  });

  test("--save writes a pcapng that tshark reads back", async () => {
    const path = join(dir, "x.pcapng");
    const { doc } = await probeWith((s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"), "--save", path);
    expect(readFileSync(path).readUInt32LE(0)).toBe(0x0a0d0d0a);
    if (existsSync("/usr/bin/tshark")) {
      // The server's port is random, so tshark is told it carries HTTP.
      const port = (doc.exchanges[0] as { remote?: { port: number } }).remote?.port;
      const out = execFileSync("tshark", [
        "-r",
        path,
        "-d",
        `tcp.port==${port},http`,
        "-Y",
        "http",
        "-T",
        "fields",
        "-e",
        "http.request.uri",
        "-e",
        "http.response.code",
      ]).toString();
      expect(out).toMatch(/\/x/);
      expect(out).toMatch(/200/);
    }
  });

  test("bad arguments are usage errors", async () => {
    expect((await runCli(["probe", "ftp://x/"])).code).toBe(2);
    expect((await runCli(["probe", "http://x/", "-H", "no colon"])).code).toBe(2);
    expect((await runCli(["probe", "http://x/", "--http1.1", "--h2c"])).code).toBe(2);
  });
});

describe("proxydoc probe over TLS", () => {
  const tlsDir = mkdtempSync(join(tmpdir(), "proxydoc-tls-"));
  afterAll(() => rmSync(tlsDir, { recursive: true, force: true }));

  test.skipIf(!OPENSSL_AVAILABLE)(
    "reports an untrusted certificate, then with -k the TLS details, hostname mismatch and key log",
    async () => {
      const files = makeCertificate(tlsDir, "other", {
        name: "other.example",
        days: 5,
        altNames: ["DNS:other.example"],
      });
      const server = https.createServer({ key: readFileSync(files.key), cert: readFileSync(files.cert) }, (_, res) =>
        res.end("ok"),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as net.AddressInfo).port;
      const strict = JSON.parse(
        (await runCli(["probe", `https://127.0.0.1:${port}/`, "--format", "json"])).stdout,
      ) as Doc;
      expect(strict.exchanges[0]?.error?.phase).toBe("tls");
      expect(codes(strict)).toContain("PD4017");
      const keylog = join(tlsDir, "keys.log");
      const loose = JSON.parse(
        (await runCli(["probe", `https://127.0.0.1:${port}/`, "-k", "--keylog", keylog, "--format", "json"])).stdout,
      ) as Doc & { exchanges: { tls: { version: string; chain: { daysLeft: number }[] } }[] };
      server.close();
      expect(loose.exchanges[0]?.response?.status).toBe(200);
      expect(loose.exchanges[0]?.tls.version).toMatch(/TLS/);
      expect(codes(loose)).toEqual(expect.arrayContaining(["PD4018", "PD4019"]));
      expect(readFileSync(keylog, "utf8")).toMatch(/^(CLIENT_HANDSHAKE_TRAFFIC_SECRET|CLIENT_RANDOM) /m);
    },
  );
});
