import { type HeaderField, HpackDecoder } from "../wire/http2/hpack/decoder.ts";
import type { HeaderDecoder } from "./http2.ts";

/**
 * One direction's HPACK state. After a decoding error the table is out of step with the
 * sender's, so every later block of the direction is reported undecodable, as a peer would.
 */
class DirectionHeaderDecoder implements HeaderDecoder {
  private readonly decoder = new HpackDecoder();
  private broken = false;

  decode(block: Uint8Array): readonly HeaderField[] | undefined {
    if (this.broken) return undefined;
    const result = this.decoder.decode(block);
    if (result.error && result.error.reason !== "header-list-too-large") {
      this.broken = true;
      return undefined;
    }
    return result.fields;
  }
}

export function hpackHeaderDecoder(): HeaderDecoder {
  return new DirectionHeaderDecoder();
}
