import type { SourceRef } from "../../model/source.ts";
import { parseHttp1 } from "../../wire/http1/parser.ts";
import type { WireStream } from "../../wire/input/decode.ts";
import type { ReaderContext } from "../reader.ts";

/** Parses each recovered stream as HTTP/1 and emits it; HTTP/2 or empty streams are skipped. */
export function emitStreams(streams: readonly WireStream[], ref: SourceRef, context: ReaderContext): number {
  let emitted = 0;
  for (const stream of streams) {
    if (stream.bytes.length === 0) continue;
    const expect = stream.direction === "unknown" ? "auto" : stream.direction;
    const parsed = parseHttp1(stream.bytes, { expect, partial: stream.partial, maxMessages: 64 });
    if (parsed.messages.length === 0) continue;
    context.emit({
      type: "wire.http1-stream",
      ref,
      label: stream.label,
      messages: parsed.messages,
      partial: stream.partial,
      bytes: stream.bytes.length,
    });
    emitted++;
  }
  return emitted;
}
