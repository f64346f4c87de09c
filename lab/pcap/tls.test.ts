/**
 * TLS decryption against tshark: curl talks to real nginx over TLS 1.2 and 1.3 with AES-GCM and
 * ChaCha20-Poly1305, writing its secrets to a key log; tcpdump captures it. proxydoc (with
 * --keylog, and with the secrets injected into a pcapng DSB by editcap) must list the same
 * requests and statuses as tshark with the same key log.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CaptureAnalysis, CaptureAnalyzer } from "../../src/capture/analyze.ts";
import { hpackHeaderDecoder } from "../../src/capture/hpack.ts";
import { exited, freePort, skipReasonFor, startCapture, stopCapture, waitForPort } from "./harness.ts";

const run = promisify(execFile);
const skipReason = skipReasonFor(["tcpdump", "tshark", "nginx", "curl", "openssl", "editcap"]);

/** curl options of each case, and the path it asks for. */
const CASES: readonly (readonly [string, readonly string[]])[] = [
  ["/h2-tls13-aes", ["--http2", "--tlsv1.3", "--tls13-ciphers", "TLS_AES_128_GCM_SHA256"]],
  ["/h1-tls13-chacha", ["--http1.1", "--tlsv1.3", "--tls13-ciphers", "TLS_CHACHA20_POLY1305_SHA256"]],
  ["/h1-tls12-aes128", ["--http1.1", "--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256"]],
  ["/h2-tls12-aes256", ["--http2", "--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES256-GCM-SHA384"]],
  ["/h2-tls12-chacha", ["--http2", "--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-CHACHA20-POLY1305"]],
];

function analyze(file: string, keyLog?: string): CaptureAnalysis {
  const analyzer = new CaptureAnalyzer({
    source: file,
    decoder: hpackHeaderDecoder,
    ...(keyLog !== undefined ? { keyLog } : {}),
  });
  analyzer.push(readFileSync(file));
  return analyzer.end();
}

describe.skipIf(skipReason !== "")(
  `TLS decryption against tshark${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), "proxydoc-pcap-tls-"));
    const capture = join(dir, "tls.pcap");
    const keys = join(dir, "keys.log");
    let nginx: ChildProcess | undefined;
    let port = 0;

    beforeAll(async () => {
      port = await freePort();
      await run("openssl", [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=lab.proxydoc.test",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ]);
      writeFileSync(
        join(dir, "nginx.conf"),
        `daemon off;\nmaster_process off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/b; proxy_temp_path ${dir}/p; fastcgi_temp_path ${dir}/f; uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;\n  server {\n    listen 127.0.0.1:${port} ssl http2;\n    ssl_certificate ${dir}/cert.pem;\n    ssl_certificate_key ${dir}/key.pem;\n    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305;\n    location / { return 200 "tls $uri\\n"; }\n  }\n}\n`,
      );
      nginx = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: "ignore" });
      await waitForPort(port, 10_000);
      const tcpdump = await startCapture(capture, `tcp port ${port}`, port);
      try {
        for (const [path, options] of CASES) {
          await run("curl", ["-sk", ...options, "-o", "/dev/null", `https://127.0.0.1:${port}${path}`], {
            env: { ...process.env, SSLKEYLOGFILE: keys },
          });
        }
      } finally {
        await stopCapture(tcpdump, capture);
      }
    }, 60_000);

    afterAll(async () => {
      if (nginx?.pid) process.kill(nginx.pid, "SIGTERM");
      if (nginx) await exited(nginx, 3000);
      rmSync(dir, { recursive: true, force: true });
    });

    async function tsharkResponses(): Promise<string[]> {
      const { stdout } = await run(
        "tshark",
        [
          "-n",
          "-r",
          capture,
          "-o",
          `tls.keylog_file:${keys}`,
          "-Y",
          "http.request || http2.headers.path",
          "-T",
          "fields",
          "-e",
          "http.request.uri",
          "-e",
          "http2.headers.path",
        ],
        { maxBuffer: 16 << 20 },
      );
      return stdout
        .split("\n")
        .flatMap((line) => line.split("\t").flatMap((cell) => cell.split(",")))
        .filter((path) => path !== "")
        .sort();
    }

    test("with --keylog, the same requests as tshark, each answered 200", async () => {
      const analysis = analyze(capture, readFileSync(keys, "latin1"));
      const theirs = await tsharkResponses();
      expect(theirs).toEqual(CASES.map(([path]) => path).sort());
      expect(analysis.transactions.map((t) => t.path).sort()).toEqual(theirs);
      expect(analysis.transactions.every((t) => t.status === 200 && t.complete)).toBe(true);
      const protocols = analysis.connections.filter((c) => c.transactions > 0).map((c) => c.protocol);
      expect(protocols.sort()).toEqual(["tls → h2", "tls → h2", "tls → h2", "tls → http/1.1", "tls → http/1.1"]);
    });

    test("the secrets inside a pcapng Decryption Secrets Block are enough", async () => {
      const pcapng = join(dir, "tls-dsb.pcapng");
      await run("editcap", ["--inject-secrets", `tls,${keys}`, capture, pcapng]);
      const analysis = analyze(pcapng);
      expect(analysis.keyLogLines).toBeGreaterThan(0);
      expect(analysis.transactions.map((t) => t.path).sort()).toEqual(CASES.map(([path]) => path).sort());
    });

    test("without secrets, no HTTP is invented: only the TLS versions are known", () => {
      const analysis = analyze(capture);
      expect(analysis.transactionCount).toBe(0);
      const versions = analysis.connections.flatMap((c) => (c.tls?.version ? [c.tls.version] : [])).sort();
      expect(versions).toEqual(["TLS 1.2", "TLS 1.2", "TLS 1.2", "TLS 1.3", "TLS 1.3"]);
    });
  },
);
