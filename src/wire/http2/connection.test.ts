import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { type ConnectionEvent, type Direction, Http2Connection } from "./connection.ts";
import { CLIENT_PREFACE, ErrorCode, SettingId } from "./constants.ts";
import { encodeFrames, type FrameSpec } from "./frame-encoder.ts";
import { HpackEncoder } from "./hpack/encoder.ts";

const fields = (pairs: readonly (readonly [string, string])[]) => pairs.map(([name, value]) => ({ name, value }));
const GET = fields([
  [":method", "GET"],
  [":scheme", "http"],
  [":authority", "a"],
  [":path", "/big"],
]);

function exchange(client: (enc: HpackEncoder) => FrameSpec[], server: (enc: HpackEncoder) => FrameSpec[]) {
  const clientBytes = new Uint8Array([
    ...CLIENT_PREFACE,
    ...encodeFrames([{ kind: "SETTINGS" }, ...client(new HpackEncoder())]),
  ]);
  const serverBytes = encodeFrames([{ kind: "SETTINGS" }, ...server(new HpackEncoder())]);
  return { clientBytes, serverBytes };
}

const codes = (events: readonly ConnectionEvent[]) =>
  events.flatMap((e) => (e.kind === "finding" ? [e.finding.code] : []));
const findings = (events: readonly ConnectionEvent[], code: string) =>
  events.flatMap((e) => (e.kind === "finding" && e.finding.code === code ? [e.finding] : []));

function run(bytes: { clientBytes: Uint8Array; serverBytes: Uint8Array }, order: Direction[] = ["client", "server"]) {
  const connection = new Http2Connection({ source: "t" });
  const events: ConnectionEvent[] = [];
  for (const direction of order)
    events.push(
      ...connection.push(direction, direction === "client" ? bytes.clientBytes : bytes.serverBytes, {
        packet: direction === "client" ? 1 : 2,
        time: 1000,
      }),
    );
  events.push(...connection.finish());
  return events;
}

describe("Http2Connection", () => {
  test("seed 000: a 200 cut by RST_STREAM INTERNAL_ERROR after part of the body", () => {
    const events = run(
      exchange(
        (enc) => [{ kind: "HEADERS", streamId: 1, block: enc.encode(GET), endStream: true }],
        (enc) => [
          {
            kind: "HEADERS",
            streamId: 1,
            block: enc.encode(
              fields([
                [":status", "200"],
                ["content-length", "3000000"],
              ]),
            ),
          },
          { kind: "DATA", streamId: 1, data: new Uint8Array(16_000) },
          { kind: "DATA", streamId: 1, data: new Uint8Array(16_000) },
          { kind: "RST_STREAM", streamId: 1, errorCode: ErrorCode.INTERNAL_ERROR },
        ],
      ),
    );
    const [cut] = findings(events, "PD3011");
    expect(cut?.vars).toMatchObject({
      stream: 1,
      status: "200",
      received: 32_000,
      declared: 3_000_000,
      errorCode: "INTERNAL_ERROR",
      path: "/big",
    });
    expect(cut?.evidence[0]).toMatchObject({ source: "t", stream: 1, packet: 2, frame: 7 });
    const closed = events.find((e) => e.kind === "stream-closed");
    expect(closed?.kind === "stream-closed" && closed.stream).toMatchObject({
      state: "closed",
      reset: { by: "server", errorName: "INTERNAL_ERROR" },
      dataBytes: { server: 32_000 },
    });
    expect(codes(events)).not.toContain("PD3030");
  });

  test("header blocks across CONTINUATION are decoded once, with the right role", () => {
    const events = run(
      exchange(
        (enc) => {
          const block = enc.encode(GET);
          return [
            { kind: "HEADERS", streamId: 1, block: block.subarray(0, 3), endHeaders: false, endStream: true },
            { kind: "CONTINUATION", streamId: 1, block: block.subarray(3, 6), endHeaders: false },
            { kind: "CONTINUATION", streamId: 1, block: block.subarray(6) },
          ];
        },
        (enc) => [
          {
            kind: "HEADERS",
            streamId: 1,
            block: enc.encode(
              fields([
                [":status", "103"],
                ["link", "</a>"],
              ]),
            ),
          },
          { kind: "HEADERS", streamId: 1, block: enc.encode(fields([[":status", "200"]])) },
          { kind: "DATA", streamId: 1, data: new Uint8Array(3) },
          { kind: "HEADERS", streamId: 1, block: enc.encode(fields([["grpc-status", "0"]])), endStream: true },
        ],
      ),
    );
    const blocks = events.flatMap((e) => (e.kind === "headers" ? [[e.direction, e.role, e.fields?.length]] : []));
    expect(blocks).toEqual([
      ["client", "request", 4],
      ["server", "informational", 2],
      ["server", "response", 1],
      ["server", "trailers", 1],
    ]);
    expect(codes(events)).toEqual([]);
  });

  test("a CONTINUATION interleaved with another frame is a protocol violation", () => {
    const events = run(
      exchange(
        (enc) => [{ kind: "HEADERS", streamId: 1, block: enc.encode(GET), endHeaders: false }, { kind: "PING" }],
        () => [],
      ),
    );
    expect(findings(events, "PD3028")[0]?.vars.detail).toContain("awaits CONTINUATION");
  });

  test("flow control: SETTINGS_INITIAL_WINDOW_SIZE applies to streams; WINDOW_UPDATE with timestamps ends a stall", () => {
    const connection = new Http2Connection({ source: "t", stallMs: 500 });
    const enc = new HpackEncoder();
    const senc = new HpackEncoder();
    const events: ConnectionEvent[] = [];
    events.push(
      ...connection.push(
        "client",
        new Uint8Array([
          ...CLIENT_PREFACE,
          ...encodeFrames([
            { kind: "SETTINGS", settings: [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 10 }] },
            { kind: "HEADERS", streamId: 1, block: enc.encode(GET), endStream: true },
          ]),
        ]),
        { time: 0 },
      ),
    );
    events.push(
      ...connection.push(
        "server",
        encodeFrames([
          { kind: "SETTINGS" },
          { kind: "HEADERS", streamId: 1, block: senc.encode(fields([[":status", "200"]])) },
          { kind: "DATA", streamId: 1, data: new Uint8Array(10) },
        ]),
        { time: 100 },
      ),
    );
    events.push(
      ...connection.push("client", encodeFrames([{ kind: "WINDOW_UPDATE", streamId: 1, increment: 100 }]), {
        time: 2100,
      }),
    );
    events.push(
      ...connection.push(
        "server",
        encodeFrames([{ kind: "DATA", streamId: 1, data: new Uint8Array(5), endStream: true }]),
        { time: 2200 },
      ),
    );
    events.push(...connection.finish());
    expect(findings(events, "PD3020")[0]?.vars).toMatchObject({
      direction: "server",
      stream: 1,
      heldMs: 2000,
      heldToEnd: false,
    });
    expect(codes(events)).not.toContain("PD3035");
  });

  test("PING round trips give an RTT; GOAWAY marks streams above last_stream_id", () => {
    const connection = new Http2Connection({ source: "t" });
    const enc = new HpackEncoder();
    const events: ConnectionEvent[] = [];
    const ping = Uint8Array.of(9, 9, 9, 9, 1, 2, 3, 4);
    events.push(
      ...connection.push(
        "client",
        new Uint8Array([
          ...CLIENT_PREFACE,
          ...encodeFrames([
            { kind: "SETTINGS" },
            { kind: "HEADERS", streamId: 1, block: enc.encode(GET), endStream: true },
            { kind: "HEADERS", streamId: 3, block: enc.encode(GET), endStream: true },
            { kind: "PING", data: ping },
          ]),
        ]),
        { time: 1_000 },
      ),
    );
    events.push(
      ...connection.push(
        "server",
        encodeFrames([
          { kind: "SETTINGS" },
          { kind: "PING", ack: true, data: ping },
          { kind: "GOAWAY", lastStreamId: 1, errorCode: 0, debugData: new TextEncoder().encode("max_age") },
        ]),
        { time: 1_042 },
      ),
    );
    events.push(...connection.finish());
    expect(events.find((e) => e.kind === "ping-ack")).toMatchObject({ rttMs: 42 });
    expect(findings(events, "PD3017")[0]?.vars).toMatchObject({ lastStreamId: 1, streamsAbove: 1, debug: "max_age" });
    const ended = findings(events, "PD3030").map((f) => f.vars.stream);
    expect(ended).toEqual([]);
  });

  test("a compression error stops decoding that direction without throwing", () => {
    const events = run(
      exchange(
        (enc) => [{ kind: "HEADERS", streamId: 1, block: enc.encode(GET), endStream: true }],
        () => [
          { kind: "HEADERS", streamId: 1, block: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f) },
          { kind: "HEADERS", streamId: 1, block: Uint8Array.of(0x88) },
        ],
      ),
    );
    expect(findings(events, "PD3024")).toHaveLength(1);
    expect(findings(events, "PD3024")[0]?.vars.reason).toBe("index-out-of-range");
  });
});

/** Cuts at random points and feeds the two directions interleaved as a capture would. */
function feed(clientBytes: Uint8Array, serverBytes: Uint8Array, cuts: readonly number[]) {
  const connection = new Http2Connection({ source: "p", caps: { maxHeaderBlockSize: 4096, maxHeaderListSize: 4096 } });
  const events: ConnectionEvent[] = [];
  let c = 0;
  let s = 0;
  for (const cut of cuts) {
    if (cut % 2 === 0 && c < clientBytes.length) {
      const n = 1 + (cut % 97);
      events.push(...connection.push("client", clientBytes.subarray(c, c + n)));
      c += n;
    } else if (s < serverBytes.length) {
      const n = 1 + (cut % 89);
      events.push(...connection.push("server", serverBytes.subarray(s, s + n)));
      s += n;
    }
  }
  events.push(
    ...connection.push("client", clientBytes.subarray(c)),
    ...connection.push("server", serverBytes.subarray(s)),
    ...connection.finish(),
  );
  return events;
}

const summary = (events: readonly ConnectionEvent[]) =>
  JSON.stringify(
    events
      .filter((e) => e.kind !== "ping-ack")
      .map((e) =>
        e.kind === "frame"
          ? [e.direction, e.frame.kind, e.frame.offset]
          : e.kind === "finding"
            ? [e.finding.code, e.finding.subject]
            : e.kind === "headers"
              ? [e.role, e.fields]
              : [e.kind],
      ),
  );

describe("Http2Connection properties", () => {
  propTest.prop([
    fc.uint8Array({ maxLength: 1500 }),
    fc.uint8Array({ maxLength: 1500 }),
    fc.array(fc.nat({ max: 1000 }), { maxLength: 30 }),
  ])("random bytes in both directions never throw", (client, server, cuts) => {
    const events = feed(new Uint8Array([...CLIENT_PREFACE, ...client]), server, cuts);
    expect(Array.isArray(events)).toBe(true);
  });

  propTest.prop([
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    fc.array(fc.nat({ max: 1000 }), { maxLength: 30 }),
  ])(
    "mutated exchanges never throw, and each direction split into pieces gives the same events as whole",
    (mutations, cuts) => {
      const { clientBytes, serverBytes } = exchange(
        (enc) => [
          { kind: "HEADERS", streamId: 1, block: enc.encode(GET), endStream: true },
          { kind: "PING" },
          { kind: "WINDOW_UPDATE", streamId: 1, increment: 9 },
        ],
        (enc) => [
          {
            kind: "HEADERS",
            streamId: 1,
            block: enc.encode(
              fields([
                [":status", "200"],
                ["content-length", "20"],
                ["Bad", "x"],
              ]),
            ),
          },
          { kind: "DATA", streamId: 1, data: new Uint8Array(15), padLength: 3 },
          { kind: "PING", ack: true },
          { kind: "RST_STREAM", streamId: 1, errorCode: 2 },
          { kind: "GOAWAY", lastStreamId: 1, errorCode: 0 },
        ],
      );
      for (const [at, value] of mutations) serverBytes[at % serverBytes.length] = value;
      const whole = run({ clientBytes, serverBytes });
      const pieces = feed(clientBytes, serverBytes, cuts);
      // Interleaving changes which side's frames come first, so compare per direction.
      for (const direction of ["client", "server"] as const) {
        const mine = (events: ConnectionEvent[]) =>
          summary(events.filter((e) => e.kind === "frame" && e.direction === direction));
        expect(mine(pieces)).toBe(mine(whole));
      }
    },
  );
});

describe("Http2Connection stream lifecycle", () => {
  test("a header block after END_STREAM, or on a stream id that went backwards, is a violation", () => {
    const events = run(
      exchange(
        (enc) => [
          { kind: "HEADERS", streamId: 5, block: enc.encode(GET), endStream: true },
          { kind: "HEADERS", streamId: 5, block: enc.encode(fields([["x-late", "1"]])), endStream: true },
          { kind: "HEADERS", streamId: 3, block: enc.encode(GET), endStream: true },
        ],
        () => [],
      ),
    );
    const details = findings(events, "PD3028").map((f) => String(f.vars.detail));
    expect(details).toHaveLength(2);
    expect(details[0]).toContain("after the client ended it");
    expect(details[1]).toContain("below the highest stream id");
  });

  test("a response to a stream the client already reset is not a violation", () => {
    const events = run(
      exchange(
        (enc) => [
          { kind: "HEADERS", streamId: 1, block: enc.encode(GET), endStream: true },
          { kind: "RST_STREAM", streamId: 1, errorCode: ErrorCode.CANCEL },
        ],
        (enc) => [
          { kind: "HEADERS", streamId: 1, block: enc.encode(fields([[":status", "200"]])) },
          { kind: "DATA", streamId: 1, data: new Uint8Array(4), endStream: true },
        ],
      ),
    );
    expect(codes(events)).toEqual(["PD3013"]);
  });
});

describe("Http2Connection pieces", () => {
  propTest.prop([
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
  ])("each direction fed in random pieces, in the same order as whole, gives identical events", (mutations, sizes) => {
    const { clientBytes, serverBytes } = exchange(
      (enc) => [
        { kind: "HEADERS", streamId: 1, block: enc.encode([...GET, { name: "te", value: "gzip" }]), endStream: true },
        { kind: "PING" },
      ],
      (enc) => [
        {
          kind: "HEADERS",
          streamId: 1,
          block: enc.encode(
            fields([
              [":status", "200"],
              ["content-length", "20"],
              ["Bad", "x"],
            ]),
          ),
        },
        { kind: "DATA", streamId: 1, data: new Uint8Array(15), padLength: 3 },
        { kind: "PING", ack: true },
        { kind: "RST_STREAM", streamId: 1, errorCode: 2 },
      ],
    );
    for (const [at, value] of mutations) serverBytes[at % serverBytes.length] = value;
    const whole = run({ clientBytes, serverBytes });
    const connection = new Http2Connection({ source: "t" });
    const pieces: ConnectionEvent[] = [];
    for (const [direction, bytes] of [
      ["client", clientBytes],
      ["server", serverBytes],
    ] as const) {
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const size = sizes[i % sizes.length]!;
        pieces.push(
          ...connection.push(direction, bytes.subarray(at, at + size), {
            packet: direction === "client" ? 1 : 2,
            time: 1000,
          }),
        );
        at += size;
      }
    }
    pieces.push(...connection.finish());
    expect(summary(pieces)).toBe(summary(whole));
  });
});

describe("Http2Connection frame sizes", () => {
  const bigData = (allow: number | undefined) =>
    run({
      clientBytes: new Uint8Array([
        ...CLIENT_PREFACE,
        ...encodeFrames([
          { kind: "SETTINGS", settings: allow ? [{ id: SettingId.MAX_FRAME_SIZE, value: allow }] : [] },
          { kind: "HEADERS", streamId: 1, block: new HpackEncoder().encode(GET), endStream: true },
        ]),
      ]),
      serverBytes: encodeFrames([
        { kind: "SETTINGS" },
        { kind: "HEADERS", streamId: 1, block: new HpackEncoder().encode(fields([[":status", "200"]])) },
        { kind: "DATA", streamId: 1, data: new Uint8Array(20_000), endStream: true },
      ]),
    });

  test("a frame above the receiver's SETTINGS_MAX_FRAME_SIZE is a frame size error", () => {
    expect(findings(bigData(undefined), "PD3025")[0]?.vars.detail).toBe(
      "frame of 20000 octets, the receiver allows 16384 (SETTINGS_MAX_FRAME_SIZE)",
    );
    expect(codes(bigData(32_768))).not.toContain("PD3025");
  });
});
