import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { analyzeHttp2 } from "./analyze.ts";
import { CLIENT_PREFACE, ErrorCode } from "./constants.ts";
import { encodeFrames } from "./frame-encoder.ts";
import { HpackEncoder } from "./hpack/encoder.ts";

const fields = (pairs: readonly (readonly [string, string])[]) => pairs.map(([name, value]) => ({ name, value }));
const request = fields([
  [":method", "GET"],
  [":scheme", "https"],
  [":authority", "kong.example"],
  [":path", "/app.js"],
]);

function seed000(): { client: Uint8Array; server: Uint8Array } {
  const client = new Uint8Array([
    ...CLIENT_PREFACE,
    ...encodeFrames([
      { kind: "SETTINGS" },
      { kind: "HEADERS", streamId: 1, block: new HpackEncoder().encode(request), endStream: true },
      { kind: "SETTINGS", ack: true },
    ]),
  ]);
  const server = encodeFrames([
    { kind: "SETTINGS", settings: [{ id: 3, value: 128 }] },
    { kind: "SETTINGS", ack: true },
    {
      kind: "HEADERS",
      streamId: 1,
      block: new HpackEncoder().encode(
        fields([
          [":status", "200"],
          ["server", "kong"],
          ["content-length", "3000000"],
        ]),
      ),
    },
    { kind: "DATA", streamId: 1, data: new Uint8Array(16_384) },
    { kind: "RST_STREAM", streamId: 1, errorCode: ErrorCode.INTERNAL_ERROR },
  ]);
  return { client, server };
}

describe("analyzeHttp2", () => {
  test("a whole connection: the client's bytes then the server's, split at the server's SETTINGS", () => {
    const { client, server } = seed000();
    const result = analyzeHttp2(new Uint8Array([...client, ...server]), { source: "seed000.bin" });
    expect(result.layout).toBe("connection");
    expect(result.settings.server).toEqual({ MAX_CONCURRENT_STREAMS: 128 });
    expect(result.messages.map((m) => [m.direction, m.role])).toEqual([
      ["client", "request"],
      ["server", "response"],
    ]);
    expect(result.streams).toEqual([
      {
        id: 1,
        state: "closed",
        method: "GET",
        path: "/app.js",
        status: "200",
        dataBytes: { client: 0, server: 16_384 },
        reset: { by: "server", errorCode: "INTERNAL_ERROR" },
      },
    ]);
    const cut = result.findings.find((f) => f.code === "PD3011");
    // Offsets are positions in the file: the server part starts after the client part.
    expect(cut?.evidence[0]).toMatchObject({
      source: "seed000.bin",
      stream: 1,
      byte: client.length + server.length - 13,
      length: 13,
    });
    const response = result.messages[1]!;
    expect(response.peers.find((p) => p.peer === "curl")).toMatchObject({ outcome: "truncate", code: "PD3011" });
    expect(response.peers.find((p) => p.peer === "chrome")?.detail).toContain("ERR_HTTP2_PROTOCOL_ERROR");
  });

  test("one direction: a server's bytes alone, and a client's without the preface", () => {
    const { server } = seed000();
    const alone = analyzeHttp2(server);
    expect(alone.layout).toBe("server");
    expect(alone.messages[0]?.fields.find((f) => f.name === ":status")?.value).toBe("200");
    const noPreface = encodeFrames([
      {
        kind: "HEADERS",
        streamId: 1,
        block: new HpackEncoder().encode([...request, { name: "Connection", value: "close" }]),
        endStream: true,
      },
    ]);
    const client = analyzeHttp2(noPreface);
    expect(client.layout).toBe("client");
    expect(client.messages[0]?.findings.map((f) => f.code).sort()).toEqual(["PD3001", "PD3002"]);
    expect(client.findings.map((f) => f.code)).not.toContain("PD3026");
  });

  test("an HTTP/1.1 answer to an h2c request is a protocol mismatch", () => {
    const { client } = seed000();
    const result = analyzeHttp2(
      new Uint8Array([...client, ...new TextEncoder().encode("HTTP/1.1 400 Bad Request\r\n\r\n")]),
    );
    expect(result.findings.find((f) => f.code === "PD3026")?.vars).toMatchObject({
      direction: "server",
      reason: "not-http2",
    });
  });

  test("messages beyond the listing cap are counted and their findings kept", () => {
    const enc = new HpackEncoder();
    const blocks = Array.from({ length: 5 }, (_, i) => ({
      kind: "HEADERS" as const,
      streamId: 2 * i + 1,
      block: enc.encode([...request, { name: "TE", value: "gzip" }]),
      endStream: true,
    }));
    const result = analyzeHttp2(encodeFrames(blocks), { maxMessagesListed: 2 });
    expect(result.messages).toHaveLength(2);
    expect(result.messagesOmitted).toBe(3);
    expect(result.findings.filter((f) => f.code === "PD3003")).toHaveLength(3);
  });

  propTest.prop([fc.uint8Array({ maxLength: 3000 }), fc.boolean()])("arbitrary bytes never throw", (bytes, preface) => {
    const input = preface ? new Uint8Array([...CLIENT_PREFACE, ...bytes]) : bytes;
    const result = analyzeHttp2(input);
    expect(result.frames.length).toBeLessThanOrEqual(500);
  });
});
