import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CaptureObservation } from "../model/observations/capture.ts";
import { encodeFrames } from "../wire/http2/frame-encoder.ts";
import { HpackEncoder } from "../wire/http2/hpack/encoder.ts";
import { type CaptureAnalysis, CaptureAnalyzer } from "./analyze.ts";
import {
  type CraftedPacket,
  ethernetFrame,
  FLAG,
  ipv4Bytes20,
  ipv6Packet,
  pcapFile,
  pcapngFile,
  TcpScript,
  tcpBytes,
} from "./craft.ts";
import { readCaptureFile } from "./file-reader.ts";
import { hpackHeaderDecoder } from "./hpack.ts";
import type { HttpTransaction } from "./types.ts";

const REQUEST = "GET /a HTTP/1.1\r\nHost: example\r\n\r\n";
const RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

function analyze(
  bytes: Buffer,
  pieces: readonly number[] = [],
  options: { maxMemory?: number; follow?: number } = {},
): { analysis: CaptureAnalysis; observations: CaptureObservation[] } {
  const observations: CaptureObservation[] = [];
  const analyzer = new CaptureAnalyzer({
    source: "test.pcap",
    decoder: hpackHeaderDecoder,
    observe: (o) => observations.push(o),
    ...options,
  });
  let at = 0;
  for (const size of pieces) {
    if (at >= bytes.length) break;
    analyzer.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (at < bytes.length) analyzer.push(bytes.subarray(at));
  return { analysis: analyzer.end(), observations };
}

function summary(t: HttpTransaction): string {
  return `${t.connection}/${t.stream} ${t.method} ${t.authority} ${t.path} ${t.status} ${t.responseBodyBytes} ${t.complete ? "ok" : t.cut}`;
}

function simpleExchange(frame?: (ip: Buffer) => Buffer): TcpScript {
  const s = new TcpScript(frame ? { frame } : {}).handshake();
  s.send("client", REQUEST).send("server", RESPONSE).close("client");
  return s;
}

describe("container formats", () => {
  const packets = simpleExchange().packets;
  const expected = ["1/1 GET example /a 200 5 ok"];

  test.each([
    ["pcap little-endian µs", pcapFile(packets)],
    ["pcap big-endian µs", pcapFile(packets, { bigEndian: true })],
    ["pcap little-endian ns", pcapFile(packets, { nano: true })],
    ["pcap big-endian ns", pcapFile(packets, { nano: true, bigEndian: true })],
    ["pcapng little-endian", pcapngFile(packets)],
    ["pcapng big-endian", pcapngFile(packets, { bigEndian: true })],
    ["pcapng ns resolution", pcapngFile(packets, { interfaces: [{ linkType: 1, tsresol: 9 }] })],
    ["pcapng binary resolution", pcapngFile(packets, { interfaces: [{ linkType: 1, tsresol: 0x80 | 20 }] })],
    ["pcapng simple packet blocks", pcapngFile(packets, { simple: true })],
  ])("%s", (_, file) => {
    const { analysis } = analyze(file);
    expect(analysis.transactions.map(summary)).toEqual(expected);
    expect(analysis.notes).toEqual([]);
  });

  test.each([["pcap"], ["pcapng"]])("timestamps survive in %s", (kind) => {
    const file =
      kind === "pcap"
        ? pcapFile(packets, { nano: true })
        : pcapngFile(packets, { interfaces: [{ linkType: 1, tsresol: 9 }] });
    const { analysis } = analyze(file);
    expect(analysis.firstTime).toBeCloseTo(packets[0]?.time ?? 0, 5);
    expect(analysis.lastTime).toBeCloseTo(packets[packets.length - 1]?.time ?? 0, 5);
  });

  test("pcapng with several interfaces of different link types and a key log block", () => {
    const ethernet = simpleExchange().packets;
    const raw = new TcpScript({ client: ["10.1.0.1", 41000], frame: (ip) => ip }).handshake();
    raw.send("client", REQUEST).send("server", RESPONSE).close("client");
    const mixed: CraftedPacket[] = [...ethernet, ...raw.packets.map((p) => ({ ...p, iface: 1 }))];
    const file = pcapngFile(mixed, {
      interfaces: [{ linkType: 1 }, { linkType: 101 }],
      keyLog: `# comment\nCLIENT_RANDOM ${"ab".repeat(32)} ${"cd".repeat(48)}\nnot a key line\n`,
    });
    const { analysis } = analyze(file);
    expect(analysis.connectionCount).toBe(2);
    expect(analysis.transactionCount).toBe(2);
    expect(analysis.keyLogLines).toBe(1);
    expect(analysis.linkTypes).toEqual({ "1": ethernet.length, "101": raw.packets.length });
  });
});

describe("link layers", () => {
  const sll = (ip: Buffer): Buffer => {
    const h = Buffer.alloc(16);
    h.writeUInt16BE(0x0800, 14);
    return Buffer.concat([h, ip]);
  };
  const sll2 = (ip: Buffer): Buffer => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(0x0800, 0);
    return Buffer.concat([h, ip]);
  };
  const nullLink = (ip: Buffer): Buffer => Buffer.concat([Buffer.from([2, 0, 0, 0]), ip]);
  const loop = (ip: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, 2]), ip]);
  test.each([
    ["Ethernet with 802.1Q", 1, (ip: Buffer) => ethernetFrame(ip, [100])],
    ["Ethernet with QinQ", 1, (ip: Buffer) => ethernetFrame(ip, [10, 20])],
    ["Linux cooked SLL", 113, sll],
    ["Linux cooked SLL2", 276, sll2],
    ["BSD null", 0, nullLink],
    ["OpenBSD loop", 108, loop],
    ["raw IP", 101, (ip: Buffer) => ip],
    ["IPv4 link type", 228, (ip: Buffer) => ip],
  ])("%s", (_, linkType, frame) => {
    const { analysis } = analyze(pcapFile(simpleExchange(frame).packets, { linkType }));
    expect(analysis.transactions.map(summary)).toEqual(["1/1 GET example /a 200 5 ok"]);
  });

  test("IPv6 with hop-by-hop and destination options", () => {
    const packets: CraftedPacket[] = [];
    let t = 1_700_000_000;
    const seg = (from: "c" | "s", seq: number, ack: number, flags: number, payload = ""): void => {
      const tcp = tcpBytes({
        srcPort: from === "c" ? 40000 : 80,
        dstPort: from === "c" ? 80 : 40000,
        seq,
        ack,
        flags,
        payload: Buffer.from(payload),
      });
      const [src, dst] = from === "c" ? ["fd00::1", "fd00::2"] : ["fd00::2", "fd00::1"];
      const ext = [Buffer.alloc(6), Buffer.alloc(6)];
      t += 0.001;
      packets.push({ time: t, data: ethernetFrame(ipv6Packet(src, dst, tcp, ext)) });
    };
    seg("c", 100, 0, FLAG.syn);
    seg("s", 500, 101, FLAG.syn | FLAG.ack);
    seg("c", 101, 501, FLAG.ack | FLAG.psh, REQUEST);
    seg("s", 501, 101 + REQUEST.length, FLAG.ack | FLAG.psh, RESPONSE);
    const { analysis } = analyze(pcapFile(packets));
    expect(analysis.transactions.map(summary)).toEqual(["1/1 GET example /a 200 5 ok"]);
    expect(analysis.connections[0]?.client).toBe("[fd00::1]:40000");
  });
});

describe("TCP reassembly", () => {
  test("out-of-order segments, retransmissions and overlaps give the same bytes", () => {
    const s = new TcpScript().handshake();
    s.send("client", REQUEST);
    const body = Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n0123456789abcdefghijklmnopqrst");
    const start = s.nextSeq("server");
    const piece = (from: number, to: number) =>
      s.segment("server", FLAG.ack, body.subarray(from, to), { seq: start + from, advance: false });
    piece(20, 45); // ahead of the first byte: held
    piece(0, 25); // overlaps the held piece
    piece(0, 10); // retransmission
    piece(45, body.length);
    s.segment("server", FLAG.fin | FLAG.ack, Buffer.alloc(0), { seq: start + body.length, advance: false });
    const { analysis } = analyze(pcapFile(s.packets));
    expect(analysis.transactions.map(summary)).toEqual(["1/1 GET example /a 200 30 ok"]);
    expect(analysis.connections[0]?.retransmissions).toBeGreaterThanOrEqual(1);
  });

  test("sequence numbers that wrap around 2^32", () => {
    const s = new TcpScript();
    const packets: CraftedPacket[] = [];
    const isn = 0xffffffff - 10;
    const seg = (from: "c" | "s", seq: number, flags: number, payload = "") => {
      const tcp = tcpBytes({
        srcPort: from === "c" ? 40000 : 80,
        dstPort: from === "c" ? 80 : 40000,
        seq: seq >>> 0,
        ack: 0,
        flags,
        payload: Buffer.from(payload),
      });
      const [src, dst] = from === "c" ? ["10.0.0.1", "10.0.0.2"] : ["10.0.0.2", "10.0.0.1"];
      s.time += 0.001;
      packets.push({ time: s.time, data: ethernetFrame(ipv4Bytes20({ src, dst }, tcp)) });
    };
    seg("c", 7, FLAG.syn);
    seg("s", isn, FLAG.syn | FLAG.ack);
    seg("c", 8, FLAG.psh | FLAG.ack, REQUEST);
    seg("s", isn + 1, FLAG.psh | FLAG.ack, RESPONSE.slice(0, 20));
    seg("s", isn + 21, FLAG.psh | FLAG.ack, RESPONSE.slice(20));
    const { analysis } = analyze(pcapFile(packets));
    expect(analysis.transactions.map(summary)).toEqual(["1/1 GET example /a 200 5 ok"]);
  });

  test("a capture that joins mid-stream still finds the responses", () => {
    const s2 = new TcpScript().handshake();
    s2.send("client", REQUEST).send("server", RESPONSE);
    s2.send("client", REQUEST.replace("/a", "/b")).send("server", RESPONSE);
    const { analysis } = analyze(pcapFile(s2.packets.slice(5)));
    // The first response's request is before the capture began: it is kept, without a request.
    expect(analysis.transactions.map(summary)).toEqual([
      "1/1 undefined undefined undefined 200 5 ok",
      "1/2 GET example /b 200 5 ok",
    ]);
    expect(analysis.connections[0]?.midStream).toBe(true);
  });

  test("out-of-order memory stays within --max-memory and the holes become gaps", () => {
    const s = new TcpScript().handshake();
    s.send("client", REQUEST);
    s.segment("server", FLAG.ack, Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n"));
    const start = s.nextSeq("server");
    // Every other 1000-byte segment is missing: nothing can be delivered without giving up holes.
    for (let i = 1; i < 200; i += 2)
      s.segment("server", FLAG.ack, Buffer.alloc(1000, 1), { seq: start + i * 1000, advance: false });
    const { analysis, observations } = analyze(pcapFile(s.packets), [], { maxMemory: 20_000 });
    expect(analysis.peakBufferedBytes).toBeLessThanOrEqual(21_000);
    expect(observations.some((o) => o.type === "capture.file-problem" && o.problem === "missing-segments")).toBe(true);
  });

  test("IPv6 fragments are put back together", () => {
    const tcp = tcpBytes({
      srcPort: 8080,
      dstPort: 40000,
      seq: 1,
      ack: 1,
      flags: FLAG.ack,
      payload: Buffer.from(RESPONSE),
    });
    const fragment = (payload: Buffer, offset: number, more: boolean): CraftedPacket => {
      const ip = ipv6Packet("fd00::2", "fd00::1", Buffer.alloc(0));
      const header = Buffer.alloc(8);
      header[0] = 6;
      header.writeUInt16BE(offset | (more ? 1 : 0), 2);
      header.writeUInt32BE(0xabcd, 4);
      ip[6] = 44;
      ip.writeUInt16BE(8 + payload.length, 4);
      return { time: 1, data: ethernetFrame(Buffer.concat([ip, header, payload])) };
    };
    const { analysis } = analyze(
      pcapFile([fragment(tcp.subarray(0, 32), 0, true), fragment(tcp.subarray(32), 32, false)]),
    );
    expect(analysis.tcpPackets).toBe(1);
    expect(analysis.transactions.map(summary)).toEqual(["1/1 undefined undefined undefined 200 5 ok"]);
  });

  test("IPv4 fragments are put back together", () => {
    const tcp = tcpBytes({
      srcPort: 8080,
      dstPort: 40000,
      seq: 1,
      ack: 1,
      flags: FLAG.ack,
      payload: Buffer.from(RESPONSE),
    });
    const frag = (payload: Buffer, offset: number, more: boolean): CraftedPacket => ({
      time: 1,
      data: ethernetFrame(
        ipv4Bytes20({ src: "10.0.0.2", dst: "10.0.0.1", id: 9, fragmentOffset: offset, moreFragments: more }, payload),
      ),
    });
    const { analysis } = analyze(pcapFile([frag(tcp.subarray(24), 24, false), frag(tcp.subarray(0, 24), 0, true)]));
    expect(analysis.tcpPackets).toBe(1);
    expect(analysis.transactionCount).toBe(1);
  });
});

describe("HTTP decoding", () => {
  test("pipelined requests pair with their responses; HEAD, 304 and chunked bodies frame right", () => {
    const s = new TcpScript().handshake();
    s.send(
      "client",
      "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: h\r\n\r\nGET /3 HTTP/1.1\r\nHost: h\r\n\r\nGET /4 HTTP/1.1\r\nHost: h\r\n\r\n",
    );
    s.send(
      "server",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n",
    );
    s.send("server", "HTTP/1.1 200 OK\r\n\r\nuntil close");
    s.close("server");
    const { analysis } = analyze(pcapFile(s.packets), [7, 13, 1, 1, 100]);
    expect(analysis.transactions.map(summary)).toEqual([
      "1/1 GET h /1 200 5 ok",
      "1/2 HEAD h /2 200 0 ok",
      "1/3 GET h /3 304 0 ok",
      "1/4 GET h /4 200 11 ok",
    ]);
  });

  test("h2c upgrade continues as HTTP/2 stream 1; found on any port", async () => {
    const { HpackEncoder } = await import("../wire/http2/hpack/encoder.ts");
    const { encodeFrames } = await import("../wire/http2/frame-encoder.ts");
    const s = new TcpScript({ server: ["10.0.0.2", 9999] }).handshake();
    s.send(
      "client",
      "GET /up HTTP/1.1\r\nHost: h2\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
    );
    const block = new HpackEncoder().encode([{ name: ":status", value: "200" }]);
    s.send(
      "server",
      Buffer.concat([
        Buffer.from("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"),
        Buffer.from(
          encodeFrames([
            { kind: "SETTINGS", settings: [] },
            { kind: "HEADERS", streamId: 1, block, endHeaders: true },
            { kind: "DATA", streamId: 1, data: new Uint8Array(7), endStream: true },
          ]),
        ),
      ]),
    );
    s.send(
      "client",
      Buffer.concat([
        Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
        Buffer.from(encodeFrames([{ kind: "SETTINGS", settings: [] }])),
      ]),
    );
    s.close("client");
    const { analysis } = analyze(pcapFile(s.packets), [], { follow: 1 });
    expect(analysis.transactions.map(summary)).toEqual(["1/1 GET h2 /up 200 7 ok"]);
    expect(analysis.connections[0]?.protocol).toBe("http/1.1 → h2c-upgrade");
    expect(analysis.follow?.frames.map((f) => f.type)).toContain("HEADERS");
  });

  test("a CONNECT tunnel hands its bytes to a new detection (TLS inside)", async () => {
    const { clientHello } = await import("../../test/fixtures/pcap/cases.ts");
    const s = new TcpScript({ server: ["10.0.0.2", 3128] }).handshake();
    s.send("client", "CONNECT api.internal:443 HTTP/1.1\r\nHost: api.internal:443\r\n\r\n");
    s.send("server", "HTTP/1.1 200 Connection established\r\n\r\n");
    s.send("client", clientHello("api.internal", ["h2"]));
    s.close("client");
    const { analysis } = analyze(pcapFile(s.packets));
    expect(analysis.transactions.map(summary)).toEqual(["1/1 CONNECT api.internal:443 api.internal:443 200 0 ok"]);
    expect(analysis.connections[0]?.tls?.sni).toBe("api.internal");
  });
});

describe("hostile input", () => {
  const valid = pcapFile(simpleExchange().packets);
  const validNg = pcapngFile(simpleExchange().packets);

  test.prop([fc.uint8Array({ maxLength: 4000 })])("random bytes never throw", (bytes) => {
    analyze(Buffer.from(bytes));
    analyze(Buffer.concat([valid.subarray(0, 24), Buffer.from(bytes)]));
    analyze(Buffer.concat([validNg.subarray(0, 28), Buffer.from(bytes)]));
  });

  test.prop([fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 })])(
    "mutated captures never throw",
    (ng, mutations) => {
      const file = Buffer.from(ng ? validNg : valid);
      for (const [at, value] of mutations) file[at % file.length] = value;
      analyze(file);
    },
  );

  test.prop([fc.boolean(), fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 40 }), fc.nat()])(
    "whole or in pieces, the result is the same",
    (ng, pieces, cut) => {
      const file = ng ? validNg : valid;
      const truncated = file.subarray(0, file.length - (cut % 40));
      const whole = analyze(truncated);
      const split = analyze(truncated, pieces);
      expect(JSON.stringify(split.analysis)).toBe(JSON.stringify(whole.analysis));
      expect(split.observations).toEqual(whole.observations);
    },
  );

  test("a lying record length stops reading with a note that says where", () => {
    const file = Buffer.from(valid);
    file.writeUInt32LE(0x7fffffff, 24 + 8);
    const { analysis, observations } = analyze(file);
    expect(analysis.notes[0]?.kind).toBe("corrupt-block");
    expect(observations.find((o) => o.type === "capture.file-problem")?.ref.byte).toBe(24);
  });
});

describe("hostile streams inside valid captures", () => {
  const H1 =
    "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  const H1_RESPONSES =
    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n";

  function conversation(client: Buffer, server: Buffer, clientPieces: number[], serverPieces: number[]): Buffer {
    const s = new TcpScript().handshake();
    const cut = (bytes: Buffer, pieces: number[]): Buffer[] => {
      const out: Buffer[] = [];
      let at = 0;
      for (const size of pieces) {
        if (at >= bytes.length) break;
        out.push(bytes.subarray(at, at + size));
        at += size;
      }
      if (at < bytes.length) out.push(bytes.subarray(at));
      return out;
    };
    for (const piece of cut(client, clientPieces)) s.segment("client", FLAG.ack | FLAG.psh, piece);
    for (const piece of cut(server, serverPieces)) s.segment("server", FLAG.ack | FLAG.psh, piece);
    s.close("client");
    return pcapFile(s.packets);
  }

  const pieces = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 });
  const mutate = (text: string, edits: [number, number][]): Buffer => {
    const bytes = Buffer.from(text, "latin1");
    for (const [at, value] of edits) bytes[at % bytes.length] = value;
    return bytes;
  };
  const edits = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 });

  test.prop([edits, edits, pieces, pieces])(
    "mutated HTTP/1 in any segmentation: never a throw, and the same transactions as in one segment",
    (clientEdits, serverEdits, clientPieces, serverPieces) => {
      const client = mutate(H1, clientEdits);
      const server = mutate(H1_RESPONSES, serverEdits);
      const whole = analyze(conversation(client, server, [], []));
      const split = analyze(conversation(client, server, clientPieces, serverPieces));
      expect(split.analysis.transactions.map(summary)).toEqual(whole.analysis.transactions.map(summary));
    },
  );

  test.prop([fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }), pieces])(
    "random bytes after an HTTP/2 preface, or in a TLS record, never throw",
    (a, b, split) => {
      const preface = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
      analyze(conversation(Buffer.concat([preface, Buffer.from(a)]), Buffer.from(b), split, split));
      const tls = Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00]), Buffer.from(a)]);
      analyze(conversation(tls, Buffer.concat([Buffer.from([0x16, 0x03, 0x03]), Buffer.from(b)]), split, []), [], {});
    },
  );
});

describe("bounded work on hostile reassembly", () => {
  test("thousands of tiny out-of-order segments are bounded and become gaps", () => {
    const s = new TcpScript().handshake();
    s.send("client", REQUEST);
    const start = s.nextSeq("server");
    // 20,000 one-byte segments, every one after a hole, in reverse order.
    for (let i = 20_000; i > 0; i--)
      s.segment("server", FLAG.ack, Buffer.from("x"), { seq: start + i * 2, advance: false });
    const { analysis } = analyze(pcapFile(s.packets));
    expect(analysis.connections[0]?.missingBytes).toBeGreaterThan(0);
  });
});

describe("bounded work on hostile message heads", () => {
  test("a head sent one byte per segment is read once it ends", () => {
    const s = new TcpScript().handshake();
    const head = `GET /slow HTTP/1.1\r\nHost: h\r\nX-Pad: ${"p".repeat(20_000)}\r\n\r\n`;
    s.sendSegments("client", Buffer.from(head), 1);
    s.send("server", RESPONSE);
    const { analysis } = analyze(pcapFile(s.packets));
    expect(analysis.transactions.map(summary)).toEqual(["1/1 GET h /slow 200 5 ok"]);
  });
});

describe("pieces of a reused read buffer", () => {
  const dir = new URL("../../test/fixtures/pcap/", import.meta.url);
  const captures = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.pcap(ng)?$/.test(name))
    .sort()
    .map((name) => [name, readFileSync(new URL(name, dir))] as const);

  /** Feeds `bytes` through one buffer that is scribbled over after every piece, as the file reader reuses it. */
  function analyzeThroughReusedBuffer(bytes: Buffer, sizes: readonly number[]): CaptureAnalysis {
    const analyzer = new CaptureAnalyzer({ source: "test.pcap", decoder: hpackHeaderDecoder, follow: 1 });
    const buffer = Buffer.alloc(Math.max(1, ...sizes));
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = Math.min(sizes[i % sizes.length] ?? 1, bytes.length - at);
      bytes.copy(buffer, 0, at, at + size);
      analyzer.push(buffer.subarray(0, size));
      buffer.fill(0xee);
      at += size;
    }
    return analyzer.end();
  }

  test("a header block split over HEADERS and CONTINUATION in separate segments survives the reuse", () => {
    const encoder = new HpackEncoder();
    const block = Buffer.from(
      encoder.encode([
        { name: ":method", value: "GET" },
        { name: ":scheme", value: "http" },
        { name: ":authority", value: "split.example" },
        { name: ":path", value: "/split/over/two/frames" },
        { name: "user-agent", value: "a".repeat(40) },
      ]),
    );
    const half = Math.floor(block.length / 2);
    const s = new TcpScript().handshake();
    s.send(
      "client",
      Buffer.concat([
        Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
        Buffer.from(encodeFrames([{ kind: "SETTINGS" }])),
      ]),
    );
    s.send("server", Buffer.from(encodeFrames([{ kind: "SETTINGS" }])));
    s.send(
      "client",
      Buffer.from(
        encodeFrames([
          { kind: "HEADERS", streamId: 1, block: block.subarray(0, half), endStream: true, endHeaders: false },
        ]),
      ),
    );
    s.send(
      "client",
      Buffer.from(encodeFrames([{ kind: "CONTINUATION", streamId: 1, block: block.subarray(half), endHeaders: true }])),
    );
    const response = new HpackEncoder().encode([{ name: ":status", value: "204" }]);
    s.send(
      "server",
      Buffer.from(encodeFrames([{ kind: "HEADERS", streamId: 1, block: response, endStream: true, endHeaders: true }])),
    );
    s.close();
    const bytes = pcapFile(s.packets);
    const fresh = analyze(bytes, [], { follow: 1 }).analysis;
    expect(fresh.transactions.map(summary)).toEqual(["1/1 GET split.example /split/over/two/frames 204 0 ok"]);
    // Piece sizes that put each packet inside one piece at some point, where it is read in place.
    for (let size = 60; size < 700; size += 9)
      expect(JSON.stringify(analyzeThroughReusedBuffer(bytes, [size]))).toBe(JSON.stringify(fresh));
  });

  /** Reads `bytes` from a file as the command does: whole records from each piece, what is left at the end pushed. */
  async function analyzeFromFile(bytes: Buffer, pieceBytes: number): Promise<CaptureAnalysis> {
    const dir = mkdtempSync(join(tmpdir(), "proxydoc-pieces-"));
    try {
      const path = join(dir, "capture");
      writeFileSync(path, bytes);
      const analyzer = new CaptureAnalyzer({ source: "test.pcap", decoder: hpackHeaderDecoder, follow: 1 });
      await readCaptureFile(path, analyzer, undefined, pieceBytes);
      return analyzer.end();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("a file read a whole record at a time, in pieces smaller and larger than its records, reads the same", async () => {
    for (const [, bytes] of captures) {
      const fresh = JSON.stringify(analyze(bytes, [], { follow: 1 }).analysis);
      for (const pieceBytes of [1, 13, 700, 4096, 1 << 20])
        expect(JSON.stringify(await analyzeFromFile(bytes, pieceBytes))).toBe(fresh);
    }
  });

  test("a file cut inside a record, or holding no capture, is read as from fresh pieces", async () => {
    const [, whole] = captures[0] as (typeof captures)[number];
    for (const bytes of [
      whole.subarray(0, whole.length - 7),
      whole.subarray(0, 30),
      Buffer.from("not a capture at all"),
    ]) {
      const fresh = JSON.stringify(analyze(bytes, [], { follow: 1 }).analysis);
      for (const pieceBytes of [1, 64, 1 << 16])
        expect(JSON.stringify(await analyzeFromFile(bytes, pieceBytes))).toBe(fresh);
    }
  });

  test("every fixture capture is read the same as from fresh pieces", () => {
    expect(captures.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.constantFrom(...captures),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }),
        ([, bytes], sizes) => {
          const fresh = analyze(bytes, [], { follow: 1 }).analysis;
          expect(JSON.stringify(analyzeThroughReusedBuffer(bytes, sizes))).toBe(JSON.stringify(fresh));
        },
      ),
      { numRuns: 60 },
    );
  });
});
