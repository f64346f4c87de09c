import { fc, test as propTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { CLIENT_PREFACE, ErrorCode, Flag, FrameType, SettingId } from "./constants.ts";
import { FrameDecoder, type FrameDecoderEvent } from "./frame-decoder.ts";
import { encodeFrame, encodeFrames, type FrameSpec } from "./frame-encoder.ts";
import type { Frame } from "./frames.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);
const decodeAll = (input: Uint8Array, options = {}): FrameDecoderEvent[] => {
  const decoder = new FrameDecoder(options);
  return [...decoder.push(input), ...decoder.end()];
};
const framesOf = (events: readonly FrameDecoderEvent[]): Frame[] =>
  events.flatMap((e) => (e.kind === "frame" ? [e.frame] : []));
const errorsOf = (events: readonly FrameDecoderEvent[]) => events.flatMap((e) => (e.kind === "error" ? [e.error] : []));

/** Copies typed arrays into plain arrays so frames compare by content. */
const plain = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_, v) => (v instanceof Uint8Array ? [...v] : v)));

const ALL_KINDS: FrameSpec[] = [
  { kind: "DATA", streamId: 1, data: bytes(1, 2, 3), endStream: true },
  { kind: "DATA", streamId: 3, data: bytes(9), padLength: 4 },
  {
    kind: "HEADERS",
    streamId: 1,
    block: bytes(0x82, 0x86),
    endStream: true,
    priority: { exclusive: true, dependency: 0, weight: 16 },
    padLength: 2,
  },
  { kind: "HEADERS", streamId: 5, block: bytes(0x88), endHeaders: false },
  { kind: "CONTINUATION", streamId: 5, block: bytes(0x40), endHeaders: true },
  { kind: "PRIORITY", streamId: 7, priority: { exclusive: false, dependency: 1, weight: 256 } },
  { kind: "RST_STREAM", streamId: 1, errorCode: ErrorCode.CANCEL },
  {
    kind: "SETTINGS",
    settings: [
      { id: SettingId.INITIAL_WINDOW_SIZE, value: 1 << 20 },
      { id: 0x99, value: 7 },
    ],
  },
  { kind: "SETTINGS", ack: true },
  { kind: "PUSH_PROMISE", streamId: 1, promisedStreamId: 2, block: bytes(0x82), padLength: 1 },
  { kind: "PING", data: bytes(1, 2, 3, 4, 5, 6, 7, 8), ack: true },
  {
    kind: "GOAWAY",
    lastStreamId: 5,
    errorCode: ErrorCode.ENHANCE_YOUR_CALM,
    debugData: new TextEncoder().encode("too_many_pings"),
  },
  { kind: "WINDOW_UPDATE", streamId: 0, increment: 2 ** 31 - 1 },
  { kind: "RAW", type: 0xfa, flags: 0xff, streamId: 9, payload: bytes(1, 2) },
];

describe("frame codec", () => {
  test("every frame type survives encode then decode, with offsets and numbers", () => {
    const wire = encodeFrames(ALL_KINDS);
    const events = decodeAll(wire, { preface: false });
    expect(errorsOf(events)).toEqual([]);
    const frames = framesOf(events);
    expect(frames.map((f) => f.kind)).toEqual([
      "DATA",
      "DATA",
      "HEADERS",
      "HEADERS",
      "CONTINUATION",
      "PRIORITY",
      "RST_STREAM",
      "SETTINGS",
      "SETTINGS",
      "PUSH_PROMISE",
      "PING",
      "GOAWAY",
      "WINDOW_UPDATE",
      "UNKNOWN",
    ]);
    expect(frames.map((f) => f.index)).toEqual(frames.map((_, i) => i + 1));
    let offset = 0;
    for (const [i, frame] of frames.entries()) {
      expect(frame.offset).toBe(offset);
      offset += encodeFrame(ALL_KINDS[i]!).length;
    }
    const [data, padded, headers] = frames;
    expect(data).toMatchObject({ kind: "DATA", endStream: true, data: bytes(1, 2, 3) });
    expect(padded).toMatchObject({ kind: "DATA", padLength: 4, data: bytes(9) });
    expect(headers).toMatchObject({
      kind: "HEADERS",
      endStream: true,
      endHeaders: true,
      priority: { exclusive: true, dependency: 0, weight: 16 },
      block: bytes(0x82, 0x86),
    });
    expect(frames[7]).toMatchObject({
      kind: "SETTINGS",
      ack: false,
      settings: [
        { id: 4, value: 1 << 20 },
        { id: 0x99, value: 7 },
      ],
    });
    expect(frames[11]).toMatchObject({ kind: "GOAWAY", lastStreamId: 5, errorCode: ErrorCode.ENHANCE_YOUR_CALM });
    expect(frames[12]).toMatchObject({ kind: "WINDOW_UPDATE", increment: 2 ** 31 - 1 });
    expect(frames[13]).toMatchObject({ kind: "UNKNOWN", type: 0xfa, flags: 0xff, payload: bytes(1, 2) });
  });

  test("the client preface is consumed, and its absence is reported with what the bytes are", () => {
    const wire = new Uint8Array([...CLIENT_PREFACE, ...encodeFrame({ kind: "SETTINGS" })]);
    const events = decodeAll(wire, { preface: true });
    expect(events[0]).toEqual({ kind: "preface", offset: 0 });
    expect(framesOf(events)[0]).toMatchObject({ kind: "SETTINGS", offset: 24 });
    const http1 = decodeAll(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), { preface: true });
    expect(errorsOf(http1)).toMatchObject([{ reason: "not-http2", offset: 0 }]);
    expect(errorsOf(http1)[0]!.message).toContain("HTTP/1.x request");
    const tls = decodeAll(
      bytes(0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      { preface: "auto" },
    );
    expect(errorsOf(tls)[0]!.message).toContain("TLS");
  });

  test("malformed frames become typed errors with the frame's offset, and decoding goes on", () => {
    const wire = encodeFrames([
      { kind: "SETTINGS" },
      { kind: "RAW", type: FrameType.PING, flags: 0, streamId: 0, payload: bytes(1, 2, 3) },
      { kind: "RAW", type: FrameType.DATA, flags: 0, streamId: 0, payload: bytes(1) },
      { kind: "RAW", type: FrameType.DATA, flags: Flag.PADDED, streamId: 1, payload: bytes(5, 1, 2) },
      { kind: "RAW", type: FrameType.SETTINGS, flags: Flag.ACK, streamId: 0, payload: bytes(0, 1, 0, 0, 0, 1) },
      { kind: "WINDOW_UPDATE", streamId: 3, increment: 0 },
      { kind: "SETTINGS", settings: [{ id: SettingId.ENABLE_PUSH, value: 2 }] },
      { kind: "RAW", type: FrameType.RST_STREAM, flags: 0, streamId: 0, payload: bytes(0, 0, 0, 1) },
      { kind: "PING" },
    ]);
    const events = decodeAll(wire, { preface: false });
    expect(errorsOf(events).map((e) => [e.reason, e.offset, e.errorCode])).toEqual([
      ["bad-fixed-length", 9, ErrorCode.FRAME_SIZE_ERROR],
      ["stream-id-required", 21, ErrorCode.PROTOCOL_ERROR],
      ["bad-padding", 31, ErrorCode.PROTOCOL_ERROR],
      ["settings-ack-with-payload", 43, ErrorCode.FRAME_SIZE_ERROR],
      ["zero-window-increment", 58, ErrorCode.PROTOCOL_ERROR],
      ["bad-settings-value", 71, ErrorCode.PROTOCOL_ERROR],
      ["stream-id-required", 86, ErrorCode.PROTOCOL_ERROR],
    ]);
    expect(framesOf(events).at(-1)).toMatchObject({ kind: "PING" });
  });

  test("a frame above the size cap is skipped without being buffered", () => {
    const decoder = new FrameDecoder({ preface: false, maxFrameSize: 16_384 });
    const header = bytes(0x10, 0x00, 0x00, FrameType.DATA, 0, 0, 0, 0, 1);
    const events = decoder.push(header);
    expect(errorsOf(events)).toMatchObject([{ reason: "frame-too-large", offset: 0 }]);
    for (let i = 0; i < 64; i++) decoder.push(new Uint8Array(16_384));
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(16_384 + 9);
    const after = decoder.push(encodeFrame({ kind: "PING" }));
    expect(framesOf(after)).toMatchObject([{ kind: "PING", offset: 9 + 0x100000 }]);
  });

  test("bytes that end inside a frame are reported at end()", () => {
    const wire = encodeFrame({ kind: "DATA", streamId: 1, data: bytes(1, 2, 3, 4) });
    const events = decodeAll(wire.subarray(0, 11), { preface: false });
    expect(errorsOf(events)).toMatchObject([{ reason: "truncated-frame", offset: 0 }]);
  });
});

const frameSpec: fc.Arbitrary<FrameSpec> = fc.oneof(
  fc.record({
    kind: fc.constant("DATA" as const),
    streamId: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    data: fc.uint8Array({ maxLength: 64 }),
    endStream: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("HEADERS" as const),
    streamId: fc.integer({ min: 1, max: 99 }),
    block: fc.uint8Array({ maxLength: 64 }),
    endStream: fc.boolean(),
    endHeaders: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("RST_STREAM" as const),
    streamId: fc.integer({ min: 1, max: 99 }),
    errorCode: fc.nat(),
  }),
  fc.record({
    kind: fc.constant("SETTINGS" as const),
    settings: fc.array(fc.record({ id: fc.constantFrom(1, 3, 6, 0x77), value: fc.nat() }), { maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant("PING" as const),
    data: fc.uint8Array({ minLength: 8, maxLength: 8 }),
    ack: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("GOAWAY" as const),
    lastStreamId: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    errorCode: fc.nat(),
    debugData: fc.uint8Array({ maxLength: 20 }),
  }),
  fc.record({
    kind: fc.constant("WINDOW_UPDATE" as const),
    streamId: fc.integer({ min: 0, max: 9 }),
    increment: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  }),
);

/** Cuts bytes at the given points (sorted, deduplicated). */
function split(input: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const point of points) {
    pieces.push(input.slice(at, point));
    at = point;
  }
  pieces.push(input.slice(at));
  return pieces;
}

function decodePieces(pieces: readonly Uint8Array[], options = {}): FrameDecoderEvent[] {
  const decoder = new FrameDecoder(options);
  const events = pieces.flatMap((p) => decoder.push(p));
  return [...events, ...decoder.end()];
}

describe("frame codec properties", () => {
  propTest.prop([fc.array(frameSpec, { maxLength: 12 })])("encode then decode is the identity", (specs) => {
    const frames = framesOf(decodeAll(encodeFrames(specs), { preface: false }));
    expect(frames.length).toBe(specs.length);
    for (const [i, spec] of specs.entries()) {
      const frame = frames[i]!;
      expect(frame.kind).toBe(spec.kind);
      if (spec.kind === "DATA" && frame.kind === "DATA") expect([...frame.data]).toEqual([...spec.data]);
      if (spec.kind === "GOAWAY" && frame.kind === "GOAWAY")
        expect([frame.lastStreamId, frame.errorCode >>> 0]).toEqual([spec.lastStreamId, spec.errorCode >>> 0]);
    }
  });

  propTest.prop([fc.array(frameSpec, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), fc.boolean()])(
    "the same events whole or in random pieces",
    (specs, cuts, preface) => {
      const body = encodeFrames(specs);
      const wire = preface ? new Uint8Array([...CLIENT_PREFACE, ...body]) : body;
      const options = { preface: preface || ("auto" as const) };
      expect(plain(decodePieces(split(wire, cuts), options))).toEqual(plain(decodeAll(wire, options)));
    },
  );

  propTest.prop([
    fc.uint8Array({ maxLength: 2048 }),
    fc.array(fc.nat(), { maxLength: 8 }),
    fc.constantFrom(true, false, "auto" as const),
  ])("random bytes never throw, and pieces agree with the whole", (input, cuts, preface) => {
    const whole = decodeAll(input, { preface, maxFrameSize: 16_384 });
    expect(plain(decodePieces(split(input, cuts), { preface, maxFrameSize: 16_384 }))).toEqual(plain(whole));
  });

  propTest.prop([
    fc.array(frameSpec, { minLength: 1, maxLength: 8 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
  ])("mutated valid frames never throw and keep memory within one frame", (specs, mutations) => {
    const wire = encodeFrames(specs);
    for (const [at, value] of mutations) wire[at % wire.length] = value;
    const decoder = new FrameDecoder({ preface: false, maxFrameSize: 16_384 });
    for (const piece of split(wire, [3, 17, 40])) decoder.push(piece);
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(16_384 + 9);
    decoder.end();
  });
});
