import http from "node:http";
import type net from "node:net";
import { describe, expect, test } from "vitest";
import { runCli } from "../../test/fixture-grid.ts";
import { startRawServer } from "../../test/support/raw-server.ts";
import { encodeFrame } from "../wire/http2/frame-encoder.ts";
import { HpackEncoder } from "../wire/http2/hpack/encoder.ts";

interface Doc {
  exchanges: { protocol: string; response?: { status?: number; complete: boolean; bodyBytes: number } }[];
}

describe("probe --h2c-upgrade", () => {
  test("switches to HTTP/2 on 101 and reads the response on stream 1", async () => {
    let request = "";
    const server = await startRawServer((socket: net.Socket, head: Buffer) => {
      request = head.toString("latin1");
      const block = new HpackEncoder().encode([
        { name: ":status", value: "200" },
        { name: "content-length", value: "2" },
      ]);
      socket.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n");
      socket.write(Buffer.from(encodeFrame({ kind: "SETTINGS", settings: [] })));
      socket.write(Buffer.from(encodeFrame({ kind: "HEADERS", streamId: 1, block, endHeaders: true })));
      socket.write(Buffer.from(encodeFrame({ kind: "DATA", streamId: 1, data: Buffer.from("ok"), endStream: true })));
    });
    const run = await runCli([
      "probe",
      `http://127.0.0.1:${server.port}/`,
      "--h2c-upgrade",
      "--format",
      "json",
      "--timeout",
      "3",
    ]);
    await server.close();
    const doc = JSON.parse(run.stdout) as Doc;
    expect(request).toMatch(/\r\nUpgrade: h2c\r\n/);
    expect(request).toMatch(/\r\nHTTP2-Settings: [A-Za-z0-9_-]+\r\n/);
    expect(doc.exchanges[0]).toMatchObject({
      protocol: "h2c",
      response: { status: 200, complete: true, bodyBytes: 2 },
    });
  });

  test("stays on HTTP/1.1 when the server ignores the upgrade", async () => {
    const server = http.createServer((_, res) => res.end("plain"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const run = await runCli([
      "probe",
      `http://127.0.0.1:${port}/`,
      "--h2c-upgrade",
      "--format",
      "json",
      "--timeout",
      "3",
    ]);
    server.close();
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.exchanges[0]).toMatchObject({
      protocol: "http/1.1",
      response: { status: 200, complete: true, bodyBytes: 5 },
    });
  });
});

describe("probe runs the HTTP/2 checks on the answer", () => {
  test("an uppercase and a connection-specific field in an h2 response are named, with the peers that reject them", async () => {
    const server = await startRawServer((socket: net.Socket) => {
      const block = new HpackEncoder().encode([
        { name: ":status", value: "200" },
        { name: "Content-Type", value: "text/plain" },
        { name: "connection", value: "keep-alive" },
        { name: "content-length", value: "2" },
      ]);
      socket.write(Buffer.from(encodeFrame({ kind: "SETTINGS", settings: [] })));
      socket.write(Buffer.from(encodeFrame({ kind: "HEADERS", streamId: 1, block, endHeaders: true })));
      socket.write(Buffer.from(encodeFrame({ kind: "DATA", streamId: 1, data: Buffer.from("ok"), endStream: true })));
    });
    const run = await runCli(["probe", `http://127.0.0.1:${server.port}/`, "--h2c", "--format", "json"]);
    await server.close();
    const doc = JSON.parse(run.stdout) as {
      exchanges: { findings: { code: string }[]; peers: { peer: string; outcome: string }[] }[];
    };
    const codes = doc.exchanges[0]?.findings.map((f) => f.code) ?? [];
    expect(codes).toEqual(expect.arrayContaining(["PD3001", "PD3002"]));
    expect(codes.filter((c) => c.startsWith("PD30") && c !== "PD3001" && c !== "PD3002")).toEqual([]);
    expect(doc.exchanges[0]?.peers.find((p) => p.peer === "go")?.outcome).toBe("reject");
  });
});
