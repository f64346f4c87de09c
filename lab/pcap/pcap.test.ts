/**
 * proxydoc pcap against tshark on captures this test makes itself: tcpdump on loopback while
 * curl talks to real nginx (an HTTP/1.1 and a prior-knowledge h2c listener) and to a raw Node
 * upstream that sends seed 002's doubled Transfer-Encoding, whose client resets right after the
 * response. Both tools must see the same connections, HTTP/1 transactions, HTTP/2 frames with
 * their stream ids, status codes and header values.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CaptureAnalysis, CaptureAnalyzer } from "../../src/capture/analyze.ts";
import { hpackHeaderDecoder } from "../../src/capture/hpack.ts";
import type { Http2FrameRecord } from "../../src/capture/http2.ts";
import type { HttpTransaction } from "../../src/capture/types.ts";
import type { CaptureObservation } from "../../src/model/observations/capture.ts";
import { runCli } from "../../test/fixture-grid.ts";
import { exited, freePort, skipReasonFor, startCapture, stopCapture, waitForPort } from "./harness.ts";

const run = promisify(execFile);

const skipReason = skipReasonFor(["tcpdump", "tshark", "nginx", "curl", "nghttp"]);

const SEED_002_RESPONSE =
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\ntransfer-encoding: chunked\r\nContent-Type: text/plain\r\n\r\n5\r\nhello\r\n0\r\n\r\n";

/** A raw upstream: answers every request with seed 002's response, byte for byte. */
function rawUpstream(port: number): Promise<Server> {
  const server = createServer((socket) => {
    socket.on("data", () => socket.write(SEED_002_RESPONSE));
    socket.on("error", () => undefined);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

/** A client that reads the response and resets the connection, as Envoy does when it rejects it. */
function resettingClient(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      resolve();
    }, 3000);
    socket.on("error", () => undefined);
    socket.connect(port, "127.0.0.1", () => socket.write("GET /wrong HTTP/1.1\r\nHost: http-chunked:8080\r\n\r\n"));
    socket.on("data", (data) => {
      if (data.includes("0\r\n\r\n")) {
        clearTimeout(timer);
        socket.resetAndDestroy();
        resolve();
      }
    });
  });
}

describe.skipIf(skipReason !== "")(`pcap against tshark${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "proxydoc-pcap-lab-"));
  const capture = join(dir, "lab.pcap");
  const ports = { h1: 0, h2: 0, raw: 0 };
  let nginx: ChildProcess | undefined;
  let upstream: Server | undefined;
  let analysis: CaptureAnalysis;
  const observations: CaptureObservation[] = [];
  const frames = new Map<number, Http2FrameRecord[]>();

  beforeAll(async () => {
    ports.h1 = await freePort();
    ports.h2 = await freePort();
    ports.raw = await freePort();
    mkdirSync(join(dir, "logs"));
    writeFileSync(
      join(dir, "nginx.conf"),
      `daemon off;\nmaster_process off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log warn;\nevents { worker_connections 64; }\nhttp {\n  access_log ${dir}/logs/access.log;\n  client_body_temp_path ${dir}/b; proxy_temp_path ${dir}/p; fastcgi_temp_path ${dir}/f; uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;\n  server {\n    listen 127.0.0.1:${ports.h1};\n    listen 127.0.0.1:${ports.h2} http2;\n    location / { add_header X-Lab "pcap-$uri"; return 200 "hello $uri\\n"; }\n    location /missing { return 404; }\n    location /big { return 200 "${"b".repeat(3000)}"; }\n  }\n}\n`,
    );
    nginx = spawn("nginx", ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: "ignore" });
    upstream = await rawUpstream(ports.raw);
    await waitForPort(ports.h1, 10_000);
    await waitForPort(ports.h2, 10_000);
    const filter = `tcp and (port ${ports.h1} or port ${ports.h2} or port ${ports.raw})`;
    // The readiness probe (one bare connection to the HTTP/1 port) is in the capture too.
    const tcpdump = await startCapture(capture, filter, ports.h1);
    try {
      const h1 = `http://127.0.0.1:${ports.h1}`;
      const h2 = `http://127.0.0.1:${ports.h2}`;
      await run("curl", [
        "-s",
        "-o",
        "/dev/null",
        "-o",
        "/dev/null",
        "-o",
        "/dev/null",
        `${h1}/a`,
        `${h1}/missing`,
        `${h1}/big`,
      ]);
      // nghttp (prior knowledge) sends both requests on one connection, after PRIORITY frames on streams 3-11.
      await run("nghttp", ["-n", `${h2}/x`, `${h2}/y?q=1`]);
      await run("curl", ["-s", "-I", `${h1}/head`]);
      await resettingClient(ports.raw);
    } finally {
      await stopCapture(tcpdump, capture);
    }
    const analyzer = new CaptureAnalyzer({
      source: capture,
      decoder: hpackHeaderDecoder,
      observe: (o) => observations.push(o),
    });
    analyzer.push(readFileSync(capture));
    analysis = analyzer.end();
    for (const row of analysis.connections.filter((c) => c.protocol === "h2")) {
      const follow = new CaptureAnalyzer({ source: capture, decoder: hpackHeaderDecoder, follow: row.id });
      follow.push(readFileSync(capture));
      frames.set(row.id, [...(follow.end().follow?.frames ?? [])]);
    }
  }, 60_000);

  afterAll(async () => {
    if (nginx?.pid) process.kill(nginx.pid, "SIGTERM");
    if (nginx) await exited(nginx, 3000);
    await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
    if (!process.env.PROXYDOC_KEEP_LAB) rmSync(dir, { recursive: true, force: true });
  });

  async function tshark(args: readonly string[]): Promise<string[][]> {
    const decode = [
      "-d",
      `tcp.port==${ports.h1},http`,
      "-d",
      `tcp.port==${ports.raw},http`,
      "-d",
      `tcp.port==${ports.h2},http2`,
    ];
    const { stdout } = await run("tshark", ["-n", "-r", capture, ...decode, ...args], { maxBuffer: 64 << 20 });
    return stdout
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => line.split("\t"));
  }

  const clientPort = (t: HttpTransaction): string =>
    analysis.connections
      .find((c) => c.id === t.connection)
      ?.client.split(":")
      .pop() ?? "?";

  test("the same TCP connections", async () => {
    const rows = await tshark([
      "-Y",
      "tcp.flags.syn==1 && tcp.flags.ack==0",
      "-T",
      "fields",
      "-e",
      "tcp.srcport",
      "-e",
      "tcp.dstport",
    ]);
    const theirs = rows.map(([src, dst]) => `${src}>${dst}`).sort();
    const ours = analysis.connections.map((c) => `${c.client.split(":").pop()}>${c.server.split(":").pop()}`).sort();
    expect(ours).toEqual([...new Set(theirs)]);
    // curl's three HTTP/1 requests, nghttp, curl -I, the resetting client, and the readiness probe.
    expect(ours.length).toBe(5);
  });

  test("the same HTTP/1 requests and responses, with header values", async () => {
    const requests = await tshark([
      "-Y",
      "http.request",
      "-T",
      "fields",
      "-e",
      "tcp.srcport",
      "-e",
      "http.request.method",
      "-e",
      "http.request.uri",
      "-e",
      "http.host",
    ]);
    const responses = await tshark([
      "-Y",
      "http.response",
      "-T",
      "fields",
      "-e",
      "tcp.dstport",
      "-e",
      "http.response.code",
      "-e",
      "http.server",
    ]);
    const h1 = analysis.transactions.filter((t) => t.protocol === "http/1.1");
    expect(h1.length).toBe(5);
    expect(h1.map((t) => `${clientPort(t)} ${t.method} ${t.path} ${t.authority}`).sort()).toEqual(
      requests.map((r) => r.join(" ")).sort(),
    );
    expect(h1.map((t) => `${clientPort(t)} ${t.status} ${t.server ?? ""}`.trim()).sort()).toEqual(
      responses.map((r) => r.join(" ").trim()).sort(),
    );
  });

  test("the same HTTP/2 frames with stream ids, paths and statuses", async () => {
    const rows = await tshark([
      "-Y",
      "http2",
      "-T",
      "fields",
      "-e",
      "tcp.srcport",
      "-e",
      "http2.type",
      "-e",
      "http2.streamid",
    ]);
    expect(frames.size).toBe(1);
    for (const [id, ours] of frames) {
      const port =
        analysis.connections
          .find((c) => c.id === id)
          ?.client.split(":")
          .pop() ?? "";
      const theirs: string[] = [];
      for (const [src, types = "", streams = ""] of rows) {
        const side = src === port ? "client" : "server";
        const t = types.split(",");
        const s = streams.split(",");
        for (let i = 0; i < t.length; i++) if (t[i] !== "") theirs.push(`${side} ${t[i]} ${s[i]}`);
      }
      const mine = ours.map((f) => `${f.side} ${typeCode(f.type)} ${f.stream}`);
      expect(mine.length).toBeGreaterThan(6);
      expect(mine).toEqual(expect.arrayContaining(theirs));
      expect(theirs).toEqual(expect.arrayContaining(mine));
      for (const side of ["client ", "server "]) {
        expect(mine.filter((m) => m.startsWith(side))).toEqual(theirs.filter((m) => m.startsWith(side)));
      }
    }
    // tshark's field output of header values is not usable for this; its packet details are.
    const details = await tshark(["-Y", "http2.type==1", "-V"]);
    const theirLab = details.flatMap(([line = ""]) => /^\s+Header: x-lab: (.*)$/.exec(line)?.slice(1) ?? []);
    const ourLab = [...frames.values()]
      .flat()
      .flatMap((f) => (f.headers ?? []).filter(([n]) => n === "x-lab").map(([, v]) => v));
    expect(ourLab.sort()).toEqual(theirLab.sort());
    expect(ourLab.length).toBe(2);
    // tshark lists the values of every frame in a packet, comma-separated.
    const headers = await tshark([
      "-Y",
      "http2.type==1",
      "-T",
      "fields",
      "-e",
      "http2.headers.path",
      "-e",
      "http2.headers.status",
    ]);
    const split = (column: number): string[] =>
      headers
        .flatMap((r) => (r[column] ?? "").split(","))
        .filter((v) => v !== "")
        .sort();
    const h2 = analysis.transactions.filter((t) => t.protocol === "h2");
    expect(h2.length).toBe(2);
    expect(h2.map((t) => t.path).sort()).toEqual(split(0));
    expect(h2.map((t) => String(t.status)).sort()).toEqual(split(1));
    const requestStreams = [...frames.values()]
      .flat()
      .filter((f) => f.side === "client" && f.type === "HEADERS")
      .map((f) => f.stream);
    expect(h2.map((t) => t.stream).sort((a, b) => a - b)).toEqual(requestStreams.sort((a, b) => a - b));
  });

  test("seed 002: the reset right after the doubled Transfer-Encoding is found, as tshark sees it", async () => {
    const resets = await tshark([
      "-Y",
      `tcp.flags.reset==1 && tcp.dstport==${ports.raw}`,
      "-T",
      "fields",
      "-e",
      "frame.number",
    ]);
    expect(resets.length).toBeGreaterThan(0);
    const found = observations.find((o) => o.type === "capture.reset-after-response");
    const raw = analysis.connections.find((c) => c.server.endsWith(`:${ports.raw}`));
    const context = JSON.stringify({
      raw,
      resets,
      transactions: analysis.transactions.filter((t) => t.connection === raw?.id),
    });
    expect(found?.ref.packet, context).toBe(Number(resets[0]?.[0]));
    const report = await runCli(["pcap", capture, "--format", "json"]);
    const codes = (JSON.parse(report.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    expect(codes, context).toEqual(expect.arrayContaining(["PD4201", "PD2014", "PD2015"]));
  });
});

function typeCode(name: string): string {
  const codes: Record<string, number> = {
    DATA: 0,
    HEADERS: 1,
    PRIORITY: 2,
    RST_STREAM: 3,
    SETTINGS: 4,
    PUSH_PROMISE: 5,
    PING: 6,
    GOAWAY: 7,
    WINDOW_UPDATE: 8,
    CONTINUATION: 9,
  };
  return String(codes[name] ?? name);
}
