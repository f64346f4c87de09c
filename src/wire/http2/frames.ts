/** What the 9-octet header of every frame says, plus where the frame sits in its byte stream. */
export interface FrameHeader {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  /** Payload length from the header (excludes the 9 header octets). */
  readonly length: number;
  /** Byte offset of the frame header from the start of this direction's bytes (preface included). */
  readonly offset: number;
  /** 1-based number of the frame in this direction. */
  readonly index: number;
}

export interface PriorityInfo {
  readonly exclusive: boolean;
  readonly dependency: number;
  /** 1–256, as RFC 9113 §5.3.2 (the wire value plus one). */
  readonly weight: number;
}

export interface Setting {
  readonly id: number;
  readonly value: number;
}

export interface DataFrame extends FrameHeader {
  readonly kind: "DATA";
  readonly endStream: boolean;
  readonly data: Uint8Array;
  readonly padLength: number;
}

export interface HeadersFrame extends FrameHeader {
  readonly kind: "HEADERS";
  readonly endStream: boolean;
  readonly endHeaders: boolean;
  readonly priority?: PriorityInfo;
  readonly block: Uint8Array;
  readonly padLength: number;
}

export interface PriorityFrame extends FrameHeader {
  readonly kind: "PRIORITY";
  readonly priority: PriorityInfo;
}

export interface RstStreamFrame extends FrameHeader {
  readonly kind: "RST_STREAM";
  readonly errorCode: number;
}

export interface SettingsFrame extends FrameHeader {
  readonly kind: "SETTINGS";
  readonly ack: boolean;
  readonly settings: readonly Setting[];
}

export interface PushPromiseFrame extends FrameHeader {
  readonly kind: "PUSH_PROMISE";
  readonly endHeaders: boolean;
  readonly promisedStreamId: number;
  readonly block: Uint8Array;
  readonly padLength: number;
}

export interface PingFrame extends FrameHeader {
  readonly kind: "PING";
  readonly ack: boolean;
  readonly data: Uint8Array;
}

export interface GoawayFrame extends FrameHeader {
  readonly kind: "GOAWAY";
  readonly lastStreamId: number;
  readonly errorCode: number;
  readonly debugData: Uint8Array;
}

export interface WindowUpdateFrame extends FrameHeader {
  readonly kind: "WINDOW_UPDATE";
  readonly increment: number;
}

export interface ContinuationFrame extends FrameHeader {
  readonly kind: "CONTINUATION";
  readonly endHeaders: boolean;
  readonly block: Uint8Array;
}

/** Extension and unknown frame types are kept with their payload; RFC 9113 §4.1 says to ignore them. */
export interface UnknownFrame extends FrameHeader {
  readonly kind: "UNKNOWN";
  readonly payload: Uint8Array;
}

export type Frame =
  | DataFrame
  | HeadersFrame
  | PriorityFrame
  | RstStreamFrame
  | SettingsFrame
  | PushPromiseFrame
  | PingFrame
  | GoawayFrame
  | WindowUpdateFrame
  | ContinuationFrame
  | UnknownFrame;

export type FrameKind = Frame["kind"];

/** Why a frame or the byte stream is malformed; the RFC section is named in each reason's docs. */
export type FrameErrorReason =
  | "preface-missing"
  | "not-http2"
  | "frame-too-large"
  | "bad-fixed-length"
  | "bad-padding"
  | "stream-id-required"
  | "stream-id-forbidden"
  | "self-dependency"
  | "settings-ack-with-payload"
  | "bad-settings-value"
  | "zero-window-increment"
  | "truncated-frame";

/** A malformed frame or byte stream, as a value: the decoder never throws. */
export interface FrameError {
  readonly reason: FrameErrorReason;
  /** The HTTP/2 error code a conforming peer would answer with (RFC 9113 §7). */
  readonly errorCode: number;
  /** Connection error (GOAWAY) or stream error (RST_STREAM) in the sense of RFC 9113 §5.4. */
  readonly scope: "connection" | "stream";
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  readonly type?: number;
  readonly streamId?: number;
  readonly index?: number;
}
