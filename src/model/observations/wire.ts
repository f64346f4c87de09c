import type { Http1Message } from "../../wire/http1/types.ts";
import type { ObservationBase } from "./base.ts";

/**
 * HTTP/1 messages recovered from raw bytes in the evidence (a raw capture file, or a hex dump
 * block such as `tcpdump -X` output pasted into a log). One observation per direction of traffic.
 */
export interface WireHttp1Stream extends ObservationBase<"wire.http1-stream"> {
  /** Where the bytes came from: `raw file`, `hex dump`, or the tcpdump flow `a > b`. */
  readonly label: string;
  readonly messages: readonly Http1Message[];
  /** The bytes are an excerpt: the first message may start, and the last end, mid-way. */
  readonly partial: boolean;
  /** Total bytes recovered, kept or not. */
  readonly bytes: number;
}

export type WireObservation = WireHttp1Stream;
