import type { Finding } from "../../../model/finding.ts";
import type { SourceRef } from "../../../model/source.ts";
import { ErrorCode, errorCodeName } from "../constants.ts";
import type { FrameError, GoawayFrame } from "../frames.ts";
import type { HpackError } from "../hpack/decoder.ts";
import { type Direction, h2Finding } from "./finding.ts";

/** Debug data is opaque octets, often ASCII (`too_many_pings`, `max_age`); shown printable and short. */
export function debugText(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 200))
    .toString("latin1")
    .replace(/[^\x20-\x7e]/g, ".");
}

/**
 * RFC 9113 §6.8: GOAWAY NO_ERROR is a graceful drain (max age, max requests, shutdown);
 * ENHANCE_YOUR_CALM says the peer misbehaved by the sender's standards (gRPC's too_many_pings);
 * any other code is a connection error.
 */
export function goawayFinding(frame: GoawayFrame, by: Direction, ref: SourceRef, openAbove: number): Finding[] {
  const debug = debugText(frame.debugData);
  const vars = {
    by,
    lastStreamId: frame.lastStreamId,
    errorCode: errorCodeName(frame.errorCode),
    debug,
    streamsAbove: openAbove,
  };
  const code =
    frame.errorCode === ErrorCode.NO_ERROR
      ? "PD3017"
      : frame.errorCode === ErrorCode.ENHANCE_YOUR_CALM
        ? "PD3018"
        : "PD3019";
  return [
    h2Finding(code, `GOAWAY from ${by}`, vars, [
      { ...ref, excerpt: `GOAWAY last_stream_id=${frame.lastStreamId} ${vars.errorCode}${debug ? ` "${debug}"` : ""}` },
    ]),
  ];
}

/** Frame-level defects found by the decoder, sorted into the codes a person can act on. */
export function frameErrorFinding(error: FrameError, direction: Direction, ref: SourceRef): Finding[] {
  const vars = { direction, reason: error.reason, detail: error.message, errorCode: errorCodeName(error.errorCode) };
  const subject = error.streamId ? `stream ${error.streamId}` : "connection";
  switch (error.reason) {
    case "frame-too-large":
    case "bad-fixed-length":
    case "settings-ack-with-payload":
      return [h2Finding("PD3025", subject, vars, [ref])];
    case "preface-missing":
    case "not-http2":
      return [h2Finding("PD3026", "connection", vars, [ref])];
    case "truncated-frame":
      return [h2Finding("PD3034", "connection", vars, [ref])];
    default:
      return [h2Finding("PD3028", subject, vars, [ref])];
  }
}

/** RFC 9113 §4.2: a frame larger than the receiver's SETTINGS_MAX_FRAME_SIZE (16384 until it says more). */
export function frameAboveAdvertisedSize(
  direction: Direction,
  streamId: number,
  length: number,
  advertised: number,
  ref: SourceRef,
): Finding[] {
  if (length <= advertised) return [];
  const detail = `frame of ${length} octets, the receiver allows ${advertised} (SETTINGS_MAX_FRAME_SIZE)`;
  return [
    h2Finding(
      "PD3025",
      streamId ? `stream ${streamId}` : "connection",
      { direction, reason: "frame-too-large", detail, errorCode: "FRAME_SIZE_ERROR" },
      [ref],
    ),
  ];
}

/** RFC 9113 §4.3, RFC 7541: a header block that cannot be decompressed is a connection error. */
export function hpackErrorFinding(
  error: HpackError,
  direction: Direction,
  streamId: number,
  ref: SourceRef,
): Finding[] {
  const vars = { direction, stream: streamId, reason: error.reason, detail: error.message };
  if (error.reason === "header-list-too-large") return [h2Finding("PD3029", `stream ${streamId}`, vars, [ref])];
  return [h2Finding("PD3024", `stream ${streamId}`, vars, [ref])];
}

/** A sequencing defect the connection model saw (RFC 9113 §5.1, §6.10): same code as frame-level ones. */
export function protocolViolation(direction: Direction, streamId: number, detail: string, ref: SourceRef): Finding[] {
  return [
    h2Finding(
      "PD3028",
      streamId ? `stream ${streamId}` : "connection",
      { direction, reason: "sequence", detail, errorCode: "PROTOCOL_ERROR" },
      [ref],
    ),
  ];
}

export interface FloodCounts {
  readonly settings: number;
  readonly pings: number;
  readonly emptyFrames: number;
  readonly resetsSent: number;
}

/** Thresholds near those of nghttp2 and the 2019 HTTP/2 DoS advisories (CVE-2019-9512/9515/9518). */
export const FLOOD_LIMITS = { settings: 64, pings: 256, emptyFrames: 256 } as const;

/** RFC 9113 §10.5: many SETTINGS, PINGs or empty frames with no purpose are a denial-of-service pattern. */
export function controlFrameFlood(direction: Direction, counts: FloodCounts, ref: SourceRef): Finding[] {
  const kinds: [string, number, number][] = [
    ["SETTINGS", counts.settings, FLOOD_LIMITS.settings],
    ["PING", counts.pings, FLOOD_LIMITS.pings],
    ["empty DATA/CONTINUATION", counts.emptyFrames, FLOOD_LIMITS.emptyFrames],
  ];
  return kinds
    .filter(([, count, limit]) => count > limit)
    .map(([kind, count, limit]) =>
      h2Finding("PD3022", `${kind} from ${direction}`, { direction, kind, count, limit }, [ref]),
    );
}

export const RAPID_RESET = { minResets: 32, share: 0.5 } as const;

/** CVE-2023-44487: a client opens streams and cancels them at once, over and over. */
export function rapidReset(quickResets: number, streams: number, ref: SourceRef): Finding[] {
  if (quickResets < RAPID_RESET.minResets || quickResets < streams * RAPID_RESET.share) return [];
  return [h2Finding("PD3023", "client", { resets: quickResets, streams }, [ref])];
}

export const CONTINUATION_LIMITS = { frames: 32, blockBytes: 256 * 1024 } as const;

/** CVE-2024-27316 and kin: a header block spread over endless CONTINUATION frames. */
export function continuationFlood(
  direction: Direction,
  streamId: number,
  frames: number,
  bytes: number,
  ended: boolean,
  ref: SourceRef,
): Finding[] {
  if (frames <= CONTINUATION_LIMITS.frames && bytes <= CONTINUATION_LIMITS.blockBytes) return [];
  return [
    h2Finding("PD3021", `stream ${streamId}`, { direction, stream: streamId, frames, bytes, endHeaders: ended }, [ref]),
  ];
}

/** PINGs a side sent that the other never acknowledged, when the other side kept talking afterwards. */
export function pingUnanswered(
  direction: Direction,
  unanswered: number,
  peerFramesAfter: number,
  ref: SourceRef,
): Finding[] {
  if (unanswered === 0 || peerFramesAfter === 0) return [];
  return [h2Finding("PD3027", `PING from ${direction}`, { direction, unanswered, peerFramesAfter }, [ref])];
}

/** RFC 9113 §6.9: a sender that is out of window must wait; a window held at zero stalls the stream. */
export function windowStall(
  direction: Direction,
  streamId: number,
  heldMs: number | undefined,
  atEnd: boolean,
  ref: SourceRef,
): Finding[] {
  const held = heldMs !== undefined ? `${Math.round(heldMs)} ms` : "until the end of the bytes";
  const vars = {
    direction,
    stream: streamId,
    held,
    ...(heldMs !== undefined ? { heldMs: Math.round(heldMs) } : {}),
    heldToEnd: atEnd,
  };
  return [h2Finding("PD3020", streamId ? `stream ${streamId}` : "connection", vars, [ref])];
}

/** RFC 9113 §6.9.1: sending more DATA than the window allows is a FLOW_CONTROL_ERROR. */
export function windowOverrun(direction: Direction, streamId: number, window: number, ref: SourceRef): Finding[] {
  return [
    h2Finding(
      "PD3035",
      streamId ? `stream ${streamId}` : "connection",
      { direction, stream: streamId, overBy: -window },
      [ref],
    ),
  ];
}
