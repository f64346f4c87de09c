import type { HeaderField } from "../wire/http2/hpack/decoder.ts";
import type { Side } from "./tcp.ts";

/** Where a message or event is in the capture. */
export interface PacketSpan {
  readonly first: number;
  readonly last: number;
}

export type CutReason = "gap" | "fin" | "rst" | "capture-end" | "rst_stream" | "goaway";

/** One HTTP request and its response, as far as the capture shows them. */
export interface HttpTransaction {
  readonly connection: number;
  readonly protocol: "http/1.1" | "h2";
  /** HTTP/2 stream id, or the 1-based position of the request on an HTTP/1 connection. */
  readonly stream: number;
  method?: string;
  authority?: string;
  path?: string;
  status?: number;
  /** The response's Server header, when it has one. */
  server?: string;
  requestPacket?: number;
  responsePacket?: number;
  endPacket?: number;
  requestTime?: number;
  responseTime?: number;
  endTime?: number;
  requestBodyBytes: number;
  responseBodyBytes: number;
  /** Content-Length of the response, when declared. */
  declaredLength?: number;
  /** True when the response ended the way its framing says it should. */
  complete: boolean;
  /** Why the response (or the request) stopped short. */
  cut?: CutReason;
  resetBy?: Side;
  /** HTTP/2 RST_STREAM or GOAWAY error code name. */
  resetCode?: string;
  /** Bytes of the capture that were missing inside the response. */
  missingBytes: number;
}

/** A raw HTTP/1 message head, for the wire checks. */
export interface Http1Head {
  readonly connection: number;
  readonly side: Side;
  readonly kind: "request" | "response";
  readonly bytes: Buffer;
  /** `bytes` as latin1 text. */
  readonly text: string;
  readonly packet: number;
  readonly transaction: HttpTransaction;
}

/** A decoded HTTP/2 header block. */
export interface Http2HeaderBlock {
  readonly connection: number;
  readonly side: Side;
  readonly stream: number;
  readonly packet: number;
  /** What the block is on its stream. */
  readonly role: "request" | "response" | "informational" | "trailers";
  readonly fields: readonly HeaderField[];
}

export type ProtocolName = "http/1.1" | "h2" | "h2c-upgrade" | "tls" | "tunnel" | "unknown" | "none";

/** Everything the decoders report back to the analysis. */
export interface DecoderEvents {
  transaction(t: HttpTransaction): void;
  http1Head?(head: Http1Head): void;
  http2Headers?(block: Http2HeaderBlock): void;
}

export interface FollowEntry {
  readonly side: Side;
  readonly packet: number;
  readonly text: string;
}
