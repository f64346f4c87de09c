import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http2 from "node:http2";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HTTP2_PEER_RULES } from "../peers/http2-rules.ts";
import { predictPeers } from "../peers/predict.ts";
import { CLIENT_PREFACE, ErrorCode } from "./constants.ts";
import { FrameDecoder } from "./frame-decoder.ts";
import { encodeFrames, type FrameSpec } from "./frame-encoder.ts";
import { HpackDecoder } from "./hpack/decoder.ts";
import { HpackEncoder } from "./hpack/encoder.ts";

/**
 * What curl (nghttp2) and node:http2 do, observed on loopback, with the responses our checks flag:
 * a raw HTTP/2 server answers stream 1 with one defect, and the observed outcome must be the one
 * the peer table predicts for the installed version.
 */
type Fields = [string, string][];
const OK: Fields = [
  [":status", "200"],
  ["content-length", "5"],
];

const CASES: { code: `PD${number}`; name: string; response: (enc: HpackEncoder) => FrameSpec[] }[] = [
  {
    code: "PD3001",
    name: "connection: keep-alive",
    response: (enc) => respond(enc, [...OK, ["connection", "keep-alive"]]),
  },
  { code: "PD3002", name: "uppercase name", response: (enc) => respond(enc, [...OK, ["X-Upper", "1"]]) },
  { code: "PD3003", name: "te: gzip", response: (enc) => respond(enc, [...OK, ["te", "gzip"]]) },
  {
    code: "PD3031",
    name: "content-length: abc",
    response: (enc) =>
      respond(enc, [
        [":status", "200"],
        ["content-length", "abc"],
      ]),
  },
  {
    code: "PD3011",
    name: "RST_STREAM INTERNAL_ERROR mid-body",
    response: (enc) => [
      {
        kind: "HEADERS",
        streamId: 1,
        block: enc.encode(
          fields([
            [":status", "200"],
            ["content-length", "100"],
          ]),
        ),
      },
      { kind: "DATA", streamId: 1, data: new Uint8Array(10) },
      { kind: "RST_STREAM", streamId: 1, errorCode: ErrorCode.INTERNAL_ERROR },
    ],
  },
];
const CLEAN = { name: "clean", response: (enc: HpackEncoder) => respond(enc, OK) };

function fields(pairs: Fields) {
  return pairs.map(([name, value]) => ({ name, value }));
}
function respond(enc: HpackEncoder, pairs: Fields): FrameSpec[] {
  return [
    { kind: "HEADERS", streamId: 1, block: enc.encode(fields(pairs)) },
    { kind: "DATA", streamId: 1, data: new TextEncoder().encode("hello"), endStream: true },
  ];
}

let server: net.Server;
let port = 0;
/** The response the next connection gets, chosen by the test. */
let next: (enc: HpackEncoder) => FrameSpec[] = CLEAN.response;

/** Answers the first request on a connection with the chosen response, then closes. */
function serveOnce(socket: net.Socket): void {
  const decoder = new FrameDecoder({ preface: true });
  const response = next;
  let answered = false;
  socket.on("error", () => {});
  socket.on("data", (chunk) => {
    const sawRequest = decoder.push(chunk).some((e) => e.kind === "frame" && e.frame.kind === "HEADERS");
    if (!sawRequest || answered) return;
    answered = true;
    socket.write(
      encodeFrames([{ kind: "SETTINGS" }, { kind: "SETTINGS", ack: true }, ...response(new HpackEncoder())]),
    );
    setTimeout(() => socket.end(), 200);
  });
}

beforeAll(async () => {
  server = net.createServer(serveOnce);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const curlVersion = await new Promise<string | undefined>((resolve) =>
  execFile("curl", ["--version"], (error, stdout) => resolve(error ? undefined : /^curl (\S+)/.exec(stdout)?.[1])),
);

function runCurl(): Promise<{ exit: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      "curl",
      ["-sS", "--http2-prior-knowledge", "--max-time", "5", `http://127.0.0.1:${port}/`],
      { timeout: 10_000 },
      (error, _stdout, stderr) =>
        resolve({ exit: error ? Number((error as { code?: number }).code ?? -1) : 0, stderr }),
    ),
  );
}

function runNode(): Promise<{ ok: boolean; status?: number; error?: string }> {
  return new Promise((resolve) => {
    const client = http2.connect(`http://127.0.0.1:${port}`);
    client.on("error", (e) => resolve({ ok: false, error: e.message }));
    const req = client.request({ ":path": "/" });
    let status: number | undefined;
    req.on("response", (h) => (status = Number(h[":status"])));
    req.on("data", () => {});
    req.on("error", (e) => resolve({ ok: false, error: e.message }));
    req.on("close", () => {
      const rst = req.rstCode ?? 0;
      client.destroy();
      resolve(rst === 0 && status !== undefined ? { ok: true, status } : { ok: false, error: `rst ${rst}` });
    });
  });
}

const predicted = (code: `PD${number}`, peer: "curl" | "node", version: string) =>
  predictPeers([code], { [peer]: version }, HTTP2_PEER_RULES).find((p) => p.peer === peer)!;

describe.skipIf(!curlVersion)(
  `curl ${curlVersion ?? "(not installed: skipped)"} against flagged HTTP/2 responses`,
  () => {
    test("a clean response is read", async () => {
      next = CLEAN.response;
      expect((await runCurl()).exit).toBe(0);
    });

    test.each(CASES)("$code $name: observed as predicted", async ({ code, response }) => {
      next = response;
      const observed = await runCurl();
      const prediction = predicted(code, "curl", curlVersion!);
      expect(prediction.outcome).not.toBe("accept");
      expect(observed.exit).toBe(92);
      expect(observed.stderr.trim()).toBe(prediction.detail);
    });
  },
);

describe("node:http2 client against flagged HTTP/2 responses", () => {
  test("a clean response is read", async () => {
    next = CLEAN.response;
    expect(await runNode()).toEqual({ ok: true, status: 200 });
  });

  test.each(CASES)("$code $name: observed as predicted", async ({ code, response }) => {
    next = response;
    const observed = await runNode();
    const prediction = predicted(code, "node", process.versions.node);
    expect(observed.ok).toBe(prediction.outcome === "accept");
  });
});

/** Go's net/http client speaks HTTP/2 only over TLS (ALPN h2), so the raw server gets a TLS front. */
const GO = ["/usr/bin/go", "/usr/local/go/bin/go"].find((p) => existsSync(p));

const GO_CLIENT = `package main

import (
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, ForceAttemptHTTP2: true}}
	resp, err := client.Get(os.Args[1])
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fmt.Println("body error:", err)
		return
	}
	fmt.Println("ok:", resp.Proto, resp.StatusCode, len(body))
}
`;

import { makeCertificate, OPENSSL_AVAILABLE } from "../../../test/support/certs.ts";

describe.skipIf(!GO || !OPENSSL_AVAILABLE)(
  "Go net/http client against flagged HTTP/2 responses (skipped without go and openssl)",
  () => {
    let dir = "";
    let tlsServer: tls.Server;
    let tlsPort = 0;
    let goVersion = "";

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "proxydoc-h2-go-"));
      const certificate = makeCertificate(dir, "server", { name: "localhost", days: 2 });
      writeFileSync(join(dir, "main.go"), GO_CLIENT);
      execFileSync(GO!, ["build", "-o", join(dir, "client"), join(dir, "main.go")], {
        env: { ...process.env, GOCACHE: join(dir, "cache"), GO111MODULE: "off" },
        stdio: "ignore",
        timeout: 120_000,
      });
      goVersion = /go(\d+\.\d+(?:\.\d+)?)/.exec(execFileSync(GO!, ["version"], { encoding: "utf8" }))?.[1] ?? "";
      tlsServer = tls.createServer(
        { key: readFileSync(certificate.key), cert: readFileSync(certificate.cert), ALPNProtocols: ["h2"] },
        serveOnce,
      );
      await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
      tlsPort = (tlsServer.address() as net.AddressInfo).port;
    }, 150_000);

    afterAll(async () => {
      await new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const runGo = () =>
      new Promise<string>((resolve) =>
        execFile(join(dir, "client"), [`https://127.0.0.1:${tlsPort}/`], { timeout: 10_000 }, (_error, stdout) =>
          resolve(stdout.trim()),
        ),
      );

    test("a clean response is read over HTTP/2", async () => {
      next = CLEAN.response;
      expect(await runGo()).toBe("ok: HTTP/2.0 200 5");
    });

    test.each(CASES)("$code $name: observed as predicted", async ({ code, response }) => {
      next = response;
      const observed = await runGo();
      const prediction = predictPeers([code], { go: goVersion }, HTTP2_PEER_RULES).find((p) => p.peer === "go")!;
      if (prediction.outcome === "accept") expect(observed).toMatch(/^ok: HTTP\/2\.0 200/);
      else expect(observed).not.toMatch(/^ok:/);
      if (code === "PD3011") expect(observed).toContain(prediction.detail);
    });
  },
);

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

/** A request with one defect, sent to nginx over h2c prior knowledge: what nginx answers. */
const REQUEST_BASE: Fields = [
  [":method", "GET"],
  [":scheme", "http"],
  [":authority", "127.0.0.1"],
  [":path", "/"],
];
const REQUEST_CASES: { code: `PD${number}`; extra: Fields }[] = [
  { code: "PD3001", extra: [["connection", "keep-alive"]] },
  { code: "PD3002", extra: [["X-Upper", "1"]] },
  { code: "PD3003", extra: [["te", "gzip"]] },
  { code: "PD3008", extra: [["x y", "1"]] },
  { code: "PD3009", extra: [["x", "a\u0000b"]] },
  { code: "PD3031", extra: [["content-length", "abc"]] },
  { code: "PD3032", extra: [["host", "other"]] },
];

describe.skipIf(!NGINX)("nginx as an HTTP/2 server against flagged requests (skipped without nginx)", () => {
  let dir = "";
  let nginxPid = 0;
  let nginxPort = 0;
  let nginxVersion = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "proxydoc-h2-nginx-"));
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    nginxPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
    writeFileSync(
      join(dir, "nginx.conf"),
      `worker_processes 1;\nerror_log ${join(dir, "error.log")} info;\npid ${join(dir, "nginx.pid")};\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n  ")}\n  server { listen 127.0.0.1:${nginxPort} http2; location / { return 200 "ok"; } }\n}\n`,
    );
    // nginx -v prints its version on stderr.
    nginxVersion = /nginx\/(\S+)/.exec(spawnSync(NGINX!, ["-v"], { encoding: "utf8" }).stderr)?.[1] ?? "";
    const child = spawn(NGINX!, ["-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore" });
    nginxPid = child.pid ?? 0;
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      const up = await new Promise<boolean>((resolve) => {
        const s = net.connect(nginxPort, "127.0.0.1", () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      if (up) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    if (nginxPid) process.kill(nginxPid, "SIGTERM");
    // nginx removes its pid file on the way out; give it a moment before the directory goes.
    await new Promise((r) => setTimeout(r, 300));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Sends one request and reports `status N` or `RST_STREAM <code>`. */
  const send = (pairs: Fields) =>
    new Promise<string>((resolve) => {
      const decoder = new FrameDecoder({ preface: false });
      const headers = new HpackDecoder();
      const socket = net.connect(nginxPort, "127.0.0.1", () => {
        const block = new HpackEncoder({ huffman: "never" }).encode(fields(pairs));
        socket.write(
          new Uint8Array([
            ...CLIENT_PREFACE,
            ...encodeFrames([{ kind: "SETTINGS" }, { kind: "HEADERS", streamId: 1, block, endStream: true }]),
          ]),
        );
      });
      const done = (what: string) => {
        socket.destroy();
        resolve(what);
      };
      socket.on("error", () => done("connection error"));
      socket.on("data", (chunk) => {
        for (const event of decoder.push(chunk)) {
          if (event.kind !== "frame") continue;
          if (event.frame.kind === "RST_STREAM") done(`RST_STREAM ${event.frame.errorCode}`);
          if (event.frame.kind === "HEADERS")
            done(`status ${headers.decode(event.frame.block).fields.find((f) => f.name === ":status")?.value}`);
        }
      });
      setTimeout(() => done("no answer"), 3000);
    });

  test("a clean request is answered 200", async () => {
    expect(await send(REQUEST_BASE)).toBe("status 200");
  });

  test.each(REQUEST_CASES)("$code: observed as predicted", async ({ code, extra }) => {
    const observed = await send([...REQUEST_BASE, ...extra]);
    const prediction = predictPeers([code], { nginx: nginxVersion }, HTTP2_PEER_RULES).find((p) => p.peer === "nginx")!;
    if (prediction.outcome === "accept") expect(observed).toBe("status 200");
    else if (prediction.status) expect(observed).toBe(`status ${prediction.status}`);
    else expect(observed).toBe(`RST_STREAM ${ErrorCode.PROTOCOL_ERROR}`);
  });
});
