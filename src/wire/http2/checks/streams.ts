import type { Finding, FindingCode } from "../../../model/finding.ts";
import { ErrorCode } from "../constants.ts";
import { bodyless, declaredLength, fieldValue, type StreamReset, type StreamSummary } from "../stream.ts";
import { type Direction, h2Finding } from "./finding.ts";

function resetVars(stream: StreamSummary, reset: StreamReset) {
  const status = fieldValue(stream.response, ":status");
  const declared = declaredLength(stream, "server");
  return {
    stream: stream.id,
    by: reset.by,
    errorCode: reset.errorName,
    received: stream.dataBytes.server,
    ...(status !== undefined ? { status } : {}),
    ...(declared !== undefined ? { declared } : {}),
    ...(fieldValue(stream.request, ":path") !== undefined ? { path: fieldValue(stream.request, ":path")! } : {}),
  };
}

const responseStarted = (stream: StreamSummary): boolean => stream.response !== undefined;
const responseComplete = (stream: StreamSummary): boolean => stream.endStream.server;

/**
 * RFC 9113 §6.4, §7: what a RST_STREAM means depends on its code and on how far the response got.
 * INTERNAL_ERROR after the response started is the "200 cut mid-body" of a proxy that lost its
 * upstream or could not buffer it; NO_ERROR after a complete response only stops the request body.
 */
export function classifyReset(stream: StreamSummary, reset: StreamReset): FindingCode | undefined {
  switch (reset.errorCode) {
    case ErrorCode.NO_ERROR:
      return responseComplete(stream) || reset.by === "client" ? undefined : "PD3016";
    case ErrorCode.INTERNAL_ERROR:
      return reset.by === "server" && responseStarted(stream) && !responseComplete(stream) ? "PD3011" : "PD3016";
    case ErrorCode.REFUSED_STREAM:
      return "PD3012";
    case ErrorCode.CANCEL:
      return "PD3013";
    case ErrorCode.PROTOCOL_ERROR:
      return "PD3014";
    case ErrorCode.HTTP_1_1_REQUIRED:
      return "PD3015";
    default:
      return "PD3016";
  }
}

/** One finding per reset stream, coded by classifyReset. */
export function resetFinding(stream: StreamSummary): Finding[] {
  const reset = stream.reset;
  if (!reset) return [];
  const code = classifyReset(stream, reset);
  if (!code) return [];
  return [h2Finding(code, `stream ${stream.id}`, resetVars(stream, reset), [reset.ref])];
}

/** RFC 9113 §8.1.1: with END_STREAM, the DATA octets must add up to content-length. */
export function contentLengthMismatch(stream: StreamSummary, direction: Direction): Finding[] {
  const declared = declaredLength(stream, direction);
  if (declared === undefined || !stream.endStream[direction] || bodyless(stream, direction)) return [];
  const received = stream.dataBytes[direction];
  if (received === declared) return [];
  return [
    h2Finding(
      "PD3010",
      `stream ${stream.id}`,
      { stream: stream.id, direction, declared, received, shortBy: declared - received },
      [stream.lastRef],
    ),
  ];
}

/**
 * A message whose side never sent END_STREAM and was not reset: the connection ended (GOAWAY,
 * close, or the end of the capture) in the middle of it (RFC 9113 §8.1).
 */
export function streamEndedEarly(stream: StreamSummary, direction: Direction, connectionClosed: boolean): Finding[] {
  if (!connectionClosed || stream.reset || stream.endStream[direction] || stream.refusedByGoaway) return [];
  const started = direction === "client" ? stream.request !== undefined : stream.response !== undefined;
  if (!started) return [];
  const declared = declaredLength(stream, direction);
  const vars = {
    stream: stream.id,
    direction,
    received: stream.dataBytes[direction],
    ...(declared !== undefined ? { declared } : {}),
    ...(fieldValue(stream.response, ":status") !== undefined
      ? { status: fieldValue(stream.response, ":status")! }
      : {}),
  };
  return [h2Finding("PD3030", `stream ${stream.id}`, vars, [stream.lastRef])];
}
