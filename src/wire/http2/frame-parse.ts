import { ErrorCode, Flag, FrameType, LARGEST_MAX_FRAME_SIZE, MAX_WINDOW, SettingId } from "./constants.ts";
import type { Frame, FrameError, FrameErrorReason, FrameHeader, PriorityInfo, Setting } from "./frames.ts";

export interface ParsedFrame {
  readonly frame?: Frame;
  readonly errors: readonly FrameError[];
}

/**
 * Builds a frame with the header's fields written out: spreading the header object itself is an
 * order of magnitude slower in V8, and this runs once per frame.
 */
type FrameBody = Frame extends infer F ? (F extends Frame ? Omit<F, keyof FrameHeader> : never) : never;

function make(h: FrameHeader, body: FrameBody): Frame {
  return {
    type: h.type,
    flags: h.flags,
    streamId: h.streamId,
    length: h.length,
    offset: h.offset,
    index: h.index,
    ...body,
  } as Frame;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function readStreamId(bytes: Uint8Array, at: number): number {
  return readUint32(bytes, at) & 0x7fffffff;
}

export function frameError(
  header: FrameHeader,
  reason: FrameErrorReason,
  errorCode: number,
  scope: "connection" | "stream",
  message: string,
): FrameError {
  return {
    reason,
    errorCode,
    scope,
    message,
    offset: header.offset,
    length: 9 + header.length,
    type: header.type,
    streamId: header.streamId,
    index: header.index,
  };
}

function readPriority(payload: Uint8Array, at: number): PriorityInfo {
  return {
    exclusive: (payload[at]! & 0x80) !== 0,
    dependency: readStreamId(payload, at),
    weight: payload[at + 4]! + 1,
  };
}

/** Splits off Pad Length and padding (RFC 9113 §6.1, §6.2, §6.6); undefined when the padding does not fit. */
function unpad(header: FrameHeader, payload: Uint8Array): { body: Uint8Array; padLength: number } | undefined {
  if ((header.flags & Flag.PADDED) === 0) return { body: payload, padLength: 0 };
  if (payload.length < 1) return undefined;
  const padLength = payload[0]!;
  if (padLength >= payload.length) return undefined;
  return { body: payload.subarray(1, payload.length - padLength), padLength };
}

const badPadding = (header: FrameHeader): FrameError =>
  frameError(
    header,
    "bad-padding",
    ErrorCode.PROTOCOL_ERROR,
    "connection",
    "padding is as long as the payload or longer (RFC 9113 §6.1)",
  );

const needsStream = (header: FrameHeader, name: string): FrameError =>
  frameError(header, "stream-id-required", ErrorCode.PROTOCOL_ERROR, "connection", `${name} on stream 0 (RFC 9113 §6)`);

const forbidsStream = (header: FrameHeader, name: string): FrameError =>
  frameError(
    header,
    "stream-id-forbidden",
    ErrorCode.PROTOCOL_ERROR,
    "connection",
    `${name} on stream ${header.streamId}, must be 0 (RFC 9113 §6)`,
  );

const fixedLength = (header: FrameHeader, name: string, expected: string, scope: "connection" | "stream"): FrameError =>
  frameError(
    header,
    "bad-fixed-length",
    ErrorCode.FRAME_SIZE_ERROR,
    scope,
    `${name} payload of ${header.length} octets, must be ${expected} (RFC 9113 §6)`,
  );

function checkSetting(header: FrameHeader, setting: Setting): FrameError | undefined {
  const bad = (why: string, code: number) =>
    frameError(header, "bad-settings-value", code, "connection", `${why} (RFC 9113 §6.5.2)`);
  if (setting.id === SettingId.ENABLE_PUSH && setting.value > 1)
    return bad(`SETTINGS_ENABLE_PUSH ${setting.value}`, ErrorCode.PROTOCOL_ERROR);
  if (setting.id === SettingId.INITIAL_WINDOW_SIZE && setting.value > MAX_WINDOW)
    return bad(`SETTINGS_INITIAL_WINDOW_SIZE ${setting.value} above 2^31-1`, ErrorCode.FLOW_CONTROL_ERROR);
  if (setting.id === SettingId.MAX_FRAME_SIZE && (setting.value < 16_384 || setting.value > LARGEST_MAX_FRAME_SIZE))
    return bad(`SETTINGS_MAX_FRAME_SIZE ${setting.value} outside 16384–16777215`, ErrorCode.PROTOCOL_ERROR);
  return undefined;
}

/** Parses one complete frame payload. Never throws: malformed frames come back as errors. */
export function parseFrame(header: FrameHeader, payload: Uint8Array): ParsedFrame {
  const flags = header.flags;
  switch (header.type) {
    case FrameType.DATA: {
      if (header.streamId === 0) return { errors: [needsStream(header, "DATA")] };
      const unpadded = unpad(header, payload);
      if (!unpadded) return { errors: [badPadding(header)] };
      const frame: Frame = make(header, {
        kind: "DATA",
        endStream: (flags & Flag.END_STREAM) !== 0,
        data: unpadded.body,
        padLength: unpadded.padLength,
      });
      return { frame, errors: [] };
    }
    case FrameType.HEADERS: {
      if (header.streamId === 0) return { errors: [needsStream(header, "HEADERS")] };
      const unpadded = unpad(header, payload);
      if (!unpadded) return { errors: [badPadding(header)] };
      let block = unpadded.body;
      let priority: PriorityInfo | undefined;
      if (flags & Flag.PRIORITY) {
        if (block.length < 5)
          return { errors: [fixedLength(header, "HEADERS with PRIORITY", "at least 5", "connection")] };
        priority = readPriority(block, 0);
        block = block.subarray(5);
      }
      const base = {
        kind: "HEADERS" as const,
        endStream: (flags & Flag.END_STREAM) !== 0,
        endHeaders: (flags & Flag.END_HEADERS) !== 0,
        block,
        padLength: unpadded.padLength,
      };
      const frame = make(header, priority ? { ...base, priority } : base);
      const errors =
        priority && priority.dependency === header.streamId
          ? [
              frameError(
                header,
                "self-dependency",
                ErrorCode.PROTOCOL_ERROR,
                "stream",
                "stream depends on itself (RFC 9113 §5.3.1)",
              ),
            ]
          : [];
      return { frame, errors };
    }
    case FrameType.PRIORITY: {
      if (header.streamId === 0) return { errors: [needsStream(header, "PRIORITY")] };
      if (payload.length !== 5) return { errors: [fixedLength(header, "PRIORITY", "5", "stream")] };
      const priority = readPriority(payload, 0);
      const errors =
        priority.dependency === header.streamId
          ? [
              frameError(
                header,
                "self-dependency",
                ErrorCode.PROTOCOL_ERROR,
                "stream",
                "stream depends on itself (RFC 9113 §5.3.1)",
              ),
            ]
          : [];
      return { frame: make(header, { kind: "PRIORITY", priority }), errors };
    }
    case FrameType.RST_STREAM: {
      if (header.streamId === 0) return { errors: [needsStream(header, "RST_STREAM")] };
      if (payload.length !== 4) return { errors: [fixedLength(header, "RST_STREAM", "4", "connection")] };
      return { frame: make(header, { kind: "RST_STREAM", errorCode: readUint32(payload, 0) }), errors: [] };
    }
    case FrameType.SETTINGS: {
      if (header.streamId !== 0) return { errors: [forbidsStream(header, "SETTINGS")] };
      const ack = (flags & Flag.ACK) !== 0;
      if (ack && payload.length > 0)
        return {
          errors: [
            frameError(
              header,
              "settings-ack-with-payload",
              ErrorCode.FRAME_SIZE_ERROR,
              "connection",
              "SETTINGS ACK carries a payload (RFC 9113 §6.5)",
            ),
          ],
        };
      if (payload.length % 6 !== 0)
        return { errors: [fixedLength(header, "SETTINGS", "a multiple of 6", "connection")] };
      const settings: Setting[] = [];
      const errors: FrameError[] = [];
      for (let at = 0; at < payload.length; at += 6) {
        const setting = { id: (payload[at]! << 8) | payload[at + 1]!, value: readUint32(payload, at + 2) };
        settings.push(setting);
        const bad = checkSetting(header, setting);
        if (bad) errors.push(bad);
      }
      return { frame: make(header, { kind: "SETTINGS", ack, settings }), errors };
    }
    case FrameType.PUSH_PROMISE: {
      if (header.streamId === 0) return { errors: [needsStream(header, "PUSH_PROMISE")] };
      const unpadded = unpad(header, payload);
      if (!unpadded) return { errors: [badPadding(header)] };
      if (unpadded.body.length < 4)
        return { errors: [fixedLength(header, "PUSH_PROMISE", "at least 4", "connection")] };
      const frame: Frame = make(header, {
        kind: "PUSH_PROMISE",
        endHeaders: (flags & Flag.END_HEADERS) !== 0,
        promisedStreamId: readStreamId(unpadded.body, 0),
        block: unpadded.body.subarray(4),
        padLength: unpadded.padLength,
      });
      return { frame, errors: [] };
    }
    case FrameType.PING: {
      if (header.streamId !== 0) return { errors: [forbidsStream(header, "PING")] };
      if (payload.length !== 8) return { errors: [fixedLength(header, "PING", "8", "connection")] };
      return { frame: make(header, { kind: "PING", ack: (flags & Flag.ACK) !== 0, data: payload }), errors: [] };
    }
    case FrameType.GOAWAY: {
      if (header.streamId !== 0) return { errors: [forbidsStream(header, "GOAWAY")] };
      if (payload.length < 8) return { errors: [fixedLength(header, "GOAWAY", "at least 8", "connection")] };
      const frame: Frame = make(header, {
        kind: "GOAWAY",
        lastStreamId: readStreamId(payload, 0),
        errorCode: readUint32(payload, 4),
        debugData: payload.subarray(8),
      });
      return { frame, errors: [] };
    }
    case FrameType.WINDOW_UPDATE: {
      if (payload.length !== 4) return { errors: [fixedLength(header, "WINDOW_UPDATE", "4", "connection")] };
      const increment = readStreamId(payload, 0);
      const frame: Frame = make(header, { kind: "WINDOW_UPDATE", increment });
      const errors =
        increment === 0
          ? [
              frameError(
                header,
                "zero-window-increment",
                ErrorCode.PROTOCOL_ERROR,
                header.streamId === 0 ? "connection" : "stream",
                "WINDOW_UPDATE with an increment of 0 (RFC 9113 §6.9)",
              ),
            ]
          : [];
      return { frame, errors };
    }
    case FrameType.CONTINUATION: {
      if (header.streamId === 0) return { errors: [needsStream(header, "CONTINUATION")] };
      return {
        frame: make(header, { kind: "CONTINUATION", endHeaders: (flags & Flag.END_HEADERS) !== 0, block: payload }),
        errors: [],
      };
    }
    default:
      return { frame: make(header, { kind: "UNKNOWN", payload }), errors: [] };
  }
}
