import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import http2 from "node:http2";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ConnectionEvent, type Direction, Http2Connection } from "./connection.ts";
import { frameTypeName } from "./constants.ts";

/**
 * Oracles: real HTTP/2 peers on loopback. A TCP relay we own sits between client and server and
 * feeds every byte, per direction and as it arrives, to our connection model; what node:http2 and
 * nghttp report about the same exchange must agree with what we decoded.
 */
interface Recorded {
  readonly connection: Http2Connection;
  readonly events: ConnectionEvent[];
}

let server: http2.Http2Server;
let relay: net.Server;
let relayPort = 0;
const recordings: Recorded[] = [];
const BODY = "0123456789".repeat(700);

beforeAll(async () => {
  server = http2.createServer();
  server.on("stream", (stream, headers) => {
    const path = headers[":path"];
    stream.on("error", () => {});
    if (path === "/reset") {
      stream.respond({ ":status": 200, "content-length": "100000", "x-kind": "cut" });
      stream.write("x".repeat(1000));
      setTimeout(() => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR), 20);
      return;
    }
    stream.respond({
      ":status": 200,
      "content-type": "text/plain",
      "content-length": String(BODY.length),
      "x-echo": String(headers["x-token"] ?? ""),
    });
    stream.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serverPort = (server.address() as net.AddressInfo).port;
  relay = net.createServer((downstream) => {
    const recorded: Recorded = { connection: new Http2Connection({ source: "relay" }), events: [] };
    recordings.push(recorded);
    const upstream = net.connect(serverPort, "127.0.0.1");
    const tap = (direction: Direction) => (chunk: Buffer) => {
      recorded.events.push(...recorded.connection.push(direction, new Uint8Array(chunk), { time: Date.now() }));
    };
    downstream.on("data", tap("client"));
    upstream.on("data", tap("server"));
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    const close = () => {
      recorded.events.push(...recorded.connection.finish());
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on("close", close);
    upstream.on("close", close);
    downstream.on("error", close);
    upstream.on("error", close);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  relayPort = (relay.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
};

describe("oracle: node:http2 client and server through our relay", () => {
  test("headers, body sizes, the length mismatch and its reset, and the PING agree with what node saw", async () => {
    const before = recordings.length;
    const client = http2.connect(`http://127.0.0.1:${relayPort}`);
    const fetch = (path: string) =>
      new Promise<{ headers: http2.IncomingHttpHeaders; bytes: number; rstCode: number }>((resolve) => {
        const req = client.request({ ":path": path, "x-token": "abc" });
        let headers: http2.IncomingHttpHeaders = {};
        let bytes = 0;
        req.on("response", (h) => (headers = h));
        req.on("data", (d: Buffer) => (bytes += d.length));
        req.on("error", () => {});
        req.on("close", () => resolve({ headers, bytes, rstCode: req.rstCode ?? 0 }));
      });
    const ok = await fetch("/ok");
    const cut = await fetch("/reset");
    const rtt = await new Promise<number>((resolve) => client.ping((_, duration) => resolve(duration)));
    await new Promise<void>((resolve) => client.close(() => resolve()));
    await waitFor(
      () =>
        recordings.length > before &&
        recordings[before]!.events.some((e) => e.kind === "stream-closed" && e.stream.id === 3),
    );
    await waitFor(() => recordings[before]!.events.some((e) => e.kind === "ping-ack"));
    const { events } = recordings[before]!;

    const responses = events.flatMap((e) =>
      e.kind === "headers" && e.direction === "server" && e.role === "response" ? [e] : [],
    );
    const okHeaders = Object.fromEntries((responses[0]?.fields ?? []).map((f) => [f.name, f.value]));
    for (const [name, value] of Object.entries(ok.headers))
      if (!name.startsWith(":") || name === ":status") expect(okHeaders[name], name).toBe(String(value));
    const requests = events.flatMap((e) => (e.kind === "headers" && e.direction === "client" ? [e] : []));
    expect(requests[0]?.fields?.find((f) => f.name === "x-token")?.value).toBe("abc");

    const streams = events.flatMap((e) => (e.kind === "stream-closed" ? [e.stream] : []));
    expect(streams.find((s) => s.id === 1)?.dataBytes.server).toBe(ok.bytes);
    expect(ok.bytes).toBe(BODY.length);
    // node's close(code) ends the stream first (an empty DATA with END_STREAM), so the client's
    // nghttp2 sees 1000 octets against content-length 100000 and resets with PROTOCOL_ERROR itself.
    expect(cut.bytes).toBe(1000);
    const reset = streams.find((s) => s.id === 3);
    expect(reset?.dataBytes.server).toBe(cut.bytes);
    const clientResets = events.flatMap((e) =>
      e.kind === "frame" && e.direction === "client" && e.frame.kind === "RST_STREAM"
        ? [[e.frame.streamId, e.frame.errorCode]]
        : [],
    );
    expect(clientResets).toEqual([[3, http2.constants.NGHTTP2_PROTOCOL_ERROR]]);
    const found = events.flatMap((e) => (e.kind === "finding" ? [e.finding] : []));
    expect(found.find((f) => f.code === "PD3010")?.vars).toMatchObject({
      stream: 3,
      direction: "server",
      declared: 100_000,
      received: 1000,
    });
    // Which reset is recorded first (the client's PROTOCOL_ERROR or node's trailing NO_ERROR) depends on timing.
    expect(
      found.filter((f) => f.code !== "PD3010" && f.code !== "PD3014" && f.code !== "PD3017").map((f) => f.code),
    ).toEqual([]);
    // client.close() drains the connection with GOAWAY NO_ERROR.
    expect(found.filter((f) => f.code === "PD3017").every((f) => f.vars.by === "client")).toBe(true);
    expect(rtt).toBeGreaterThanOrEqual(0);
    expect(events.some((e) => e.kind === "ping-ack" && e.direction === "server")).toBe(true);
  });
});

const NGHTTP = ["/usr/bin/nghttp", "/usr/local/bin/nghttp"].find((p) => existsSync(p));

/** `[  0.001] recv HEADERS frame <length=46, flags=0x04, stream_id=1>` → direction, type, length, stream. */
function nghttpFrames(output: string): string[] {
  const frames: string[] = [];
  for (const match of output.matchAll(
    /\] (send|recv) (\w+) frame <length=(\d+), flags=0x[0-9a-f]+, stream_id=(\d+)>/g,
  )) {
    frames.push(`${match[1] === "send" ? "client" : "server"} ${match[2]} ${match[3]} ${match[4]}`);
  }
  return frames;
}

describe.skipIf(!NGHTTP)("oracle: nghttp -nv (skipped: nghttp is not installed)", () => {
  test("the frames nghttp sent and received are the frames we decoded, with the same headers", async () => {
    const before = recordings.length;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        NGHTTP!,
        ["-nv", "-H", "x-token: nghttp", `http://127.0.0.1:${relayPort}/ok`],
        { timeout: 10_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    await waitFor(
      () =>
        recordings.length > before &&
        recordings[before]!.events.some((e) => e.kind === "frame" && e.frame.kind === "GOAWAY"),
    );
    await new Promise((r) => setTimeout(r, 50));
    const ours = recordings[before]!.events.flatMap((e) =>
      e.kind === "frame" ? [`${e.direction} ${frameTypeName(e.frame.type)} ${e.frame.length} ${e.frame.streamId}`] : [],
    );
    const theirs = nghttpFrames(output);
    expect(theirs.length).toBeGreaterThan(4);
    for (const direction of ["client", "server"]) {
      expect(ours.filter((f) => f.startsWith(direction))).toEqual(theirs.filter((f) => f.startsWith(direction)));
    }
    const statusLine = /recv \(stream_id=\d+\) :status: (\d+)/.exec(output)?.[1];
    const decoded = recordings[before]!.events.find((e) => e.kind === "headers" && e.direction === "server");
    expect(decoded?.kind === "headers" && decoded.fields?.find((f) => f.name === ":status")?.value).toBe(statusLine);
    const echo = /recv \(stream_id=\d+\) x-echo: (\S+)/.exec(output)?.[1];
    expect(echo).toBe("nghttp");
  });
});
