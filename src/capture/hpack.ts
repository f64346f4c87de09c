import { HpackDecoder } from "../wire/http2/hpack/decoder.ts";
import type { HeaderDecoder } from "./http2.ts";

/**
 * One direction's HPACK state. After a decoding error the table is out of step with the
 * sender's, so every later block of the direction is reported undecodable, as a peer would.
 */
export function hpackHeaderDecoder(): HeaderDecoder {
  const decoder = new HpackDecoder();
  let broken = false;
  return {
    decode(block) {
      if (broken) return undefined;
      const result = decoder.decode(block);
      if (result.error && result.error.reason !== "header-list-too-large") {
        broken = true;
        return undefined;
      }
      return result.fields;
    },
  };
}
