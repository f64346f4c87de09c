import { Flag, FRAME_HEADER_LENGTH, FrameType } from "./constants.ts";
import type { PriorityInfo, Setting } from "./frames.ts";

/**
 * What the encoder can write. The encoder writes exactly what it is told, including malformed
 * combinations, because the probe and the fixtures need to send defects on purpose.
 */
export type FrameSpec =
  | {
      readonly kind: "DATA";
      readonly streamId: number;
      readonly data: Uint8Array;
      readonly endStream?: boolean;
      readonly padLength?: number;
    }
  | {
      readonly kind: "HEADERS";
      readonly streamId: number;
      readonly block: Uint8Array;
      readonly endStream?: boolean;
      readonly endHeaders?: boolean;
      readonly priority?: PriorityInfo;
      readonly padLength?: number;
    }
  | { readonly kind: "PRIORITY"; readonly streamId: number; readonly priority: PriorityInfo }
  | { readonly kind: "RST_STREAM"; readonly streamId: number; readonly errorCode: number }
  | { readonly kind: "SETTINGS"; readonly ack?: boolean; readonly settings?: readonly Setting[] }
  | {
      readonly kind: "PUSH_PROMISE";
      readonly streamId: number;
      readonly promisedStreamId: number;
      readonly block: Uint8Array;
      readonly endHeaders?: boolean;
      readonly padLength?: number;
    }
  | { readonly kind: "PING"; readonly data?: Uint8Array; readonly ack?: boolean }
  | {
      readonly kind: "GOAWAY";
      readonly lastStreamId: number;
      readonly errorCode: number;
      readonly debugData?: Uint8Array;
    }
  | { readonly kind: "WINDOW_UPDATE"; readonly streamId: number; readonly increment: number }
  | {
      readonly kind: "CONTINUATION";
      readonly streamId: number;
      readonly block: Uint8Array;
      readonly endHeaders?: boolean;
    }
  | {
      readonly kind: "RAW";
      readonly type: number;
      readonly flags: number;
      readonly streamId: number;
      readonly payload: Uint8Array;
    };

function uint32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function priorityBytes(priority: PriorityInfo): number[] {
  const dependency = uint32(priority.dependency & 0x7fffffff);
  if (priority.exclusive) dependency[0] = dependency[0]! | 0x80;
  return [...dependency, (priority.weight - 1) & 0xff];
}

function frame(
  type: number,
  flags: number,
  streamId: number,
  parts: readonly (Uint8Array | readonly number[])[],
): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(FRAME_HEADER_LENGTH + length);
  out[0] = (length >>> 16) & 0xff;
  out[1] = (length >>> 8) & 0xff;
  out[2] = length & 0xff;
  out[3] = type;
  out[4] = flags;
  out.set(uint32(streamId & 0x7fffffff), 5);
  let at = FRAME_HEADER_LENGTH;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Pad Length octet, body, padding: the layout of padded DATA, HEADERS and PUSH_PROMISE. */
function padded(
  padLength: number | undefined,
  body: readonly (Uint8Array | readonly number[])[],
): (Uint8Array | readonly number[])[] {
  if (padLength === undefined) return [...body];
  return [[padLength], ...body, new Uint8Array(padLength)];
}

const flagIf = (condition: boolean | undefined, flag: number): number => (condition ? flag : 0);

export function encodeFrame(spec: FrameSpec): Uint8Array {
  switch (spec.kind) {
    case "DATA": {
      const flags = flagIf(spec.endStream, Flag.END_STREAM) | flagIf(spec.padLength !== undefined, Flag.PADDED);
      return frame(FrameType.DATA, flags, spec.streamId, padded(spec.padLength, [spec.data]));
    }
    case "HEADERS": {
      const flags =
        flagIf(spec.endStream, Flag.END_STREAM) |
        flagIf(spec.endHeaders ?? true, Flag.END_HEADERS) |
        flagIf(spec.padLength !== undefined, Flag.PADDED) |
        flagIf(spec.priority !== undefined, Flag.PRIORITY);
      const body = spec.priority ? [priorityBytes(spec.priority), spec.block] : [spec.block];
      return frame(FrameType.HEADERS, flags, spec.streamId, padded(spec.padLength, body));
    }
    case "PRIORITY":
      return frame(FrameType.PRIORITY, 0, spec.streamId, [priorityBytes(spec.priority)]);
    case "RST_STREAM":
      return frame(FrameType.RST_STREAM, 0, spec.streamId, [uint32(spec.errorCode)]);
    case "SETTINGS": {
      const payload = (spec.settings ?? []).flatMap((s) => [(s.id >>> 8) & 0xff, s.id & 0xff, ...uint32(s.value)]);
      return frame(FrameType.SETTINGS, flagIf(spec.ack, Flag.ACK), 0, [payload]);
    }
    case "PUSH_PROMISE": {
      const flags =
        flagIf(spec.endHeaders ?? true, Flag.END_HEADERS) | flagIf(spec.padLength !== undefined, Flag.PADDED);
      return frame(
        FrameType.PUSH_PROMISE,
        flags,
        spec.streamId,
        padded(spec.padLength, [uint32(spec.promisedStreamId & 0x7fffffff), spec.block]),
      );
    }
    case "PING":
      return frame(FrameType.PING, flagIf(spec.ack, Flag.ACK), 0, [spec.data ?? new Uint8Array(8)]);
    case "GOAWAY":
      return frame(FrameType.GOAWAY, 0, 0, [
        uint32(spec.lastStreamId & 0x7fffffff),
        uint32(spec.errorCode),
        spec.debugData ?? new Uint8Array(0),
      ]);
    case "WINDOW_UPDATE":
      return frame(FrameType.WINDOW_UPDATE, 0, spec.streamId, [uint32(spec.increment & 0x7fffffff)]);
    case "CONTINUATION":
      return frame(FrameType.CONTINUATION, flagIf(spec.endHeaders ?? true, Flag.END_HEADERS), spec.streamId, [
        spec.block,
      ]);
    case "RAW":
      return frame(spec.type, spec.flags, spec.streamId, [spec.payload]);
  }
}

/** Several frames, back to back. */
export function encodeFrames(specs: readonly FrameSpec[]): Uint8Array {
  const parts = specs.map(encodeFrame);
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
