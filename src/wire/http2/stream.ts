import type { SourceRef } from "../../model/source.ts";
import type { Direction } from "./checks/finding.ts";
import type { HeaderField } from "./hpack/decoder.ts";

/** RFC 9113 §5.1 stream states, as seen from outside the connection. */
export type StreamState = "idle" | "open" | "half-closed-client" | "half-closed-server" | "closed";

export interface StreamReset {
  readonly by: Direction;
  readonly errorCode: number;
  readonly errorName: string;
  readonly ref: SourceRef;
}

/** Everything the model knows about one stream; consumers read it from `stream-closed` events and `streams()`. */
export interface StreamSummary {
  readonly id: number;
  state: StreamState;
  request?: readonly HeaderField[];
  /** The final response's fields (informational ones are counted, not kept). */
  response?: readonly HeaderField[];
  informational: number;
  trailers?: readonly HeaderField[];
  /** DATA payload octets (padding excluded) sent by each side. */
  readonly dataBytes: { client: number; server: number };
  readonly endStream: { client: boolean; server: boolean };
  reset?: StreamReset;
  /** Set when a GOAWAY's last stream id is below this stream: it was never processed. */
  refusedByGoaway?: boolean;
  readonly firstRef: SourceRef;
  lastRef: SourceRef;
}

export const messageFields = (stream: StreamSummary, direction: Direction): readonly HeaderField[] | undefined =>
  direction === "client" ? stream.request : stream.response;

/** Whether a field name is `lower` in any case, without allocating for names of another length. */
export function isNamed(name: string, lower: string): boolean {
  return name.length === lower.length && (name === lower || name.toLowerCase() === lower);
}

export function fieldValue(fields: readonly HeaderField[] | undefined, name: string): string | undefined {
  return fields?.find((f) => isNamed(f.name, name))?.value;
}

/** The declared body length of one side's message, when it is one well-formed number. */
export function declaredLength(stream: StreamSummary, direction: Direction): number | undefined {
  const value = fieldValue(messageFields(stream, direction), "content-length");
  return value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** Responses to HEAD, and 204/304, carry no body whatever content-length says (RFC 9110 §6.4.1). */
export function bodyless(stream: StreamSummary, direction: Direction): boolean {
  if (direction === "client") return false;
  const status = fieldValue(stream.response, ":status");
  return fieldValue(stream.request, ":method") === "HEAD" || status === "204" || status === "304";
}
