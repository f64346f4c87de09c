import type { FileReaderFactory } from "../reader.ts";
import { emitStreams } from "./streams.ts";

const MAX_BYTES = 16 << 20;
const RAW_EXTENSIONS = /\.(?:http|raw|bin|h1)$/i;
const STATUS_OR_REQUEST = /^(?:HTTP\/\d\.\d \d|[A-Z]{3,10} \S+ HTTP\/\d\.\d\r?\n)/;

/**
 * A file that holds the raw bytes of HTTP/1 messages: named `.http`/`.raw`/`.bin`, or starting
 * with a status or request line whose lines end in CRLF (what `curl -i` or `nc` save).
 */
export const rawHttpReader: FileReaderFactory = {
  format: "raw-http",
  sniff(head, name) {
    const text = head.subarray(0, 256).toString("latin1");
    // The HTTP/2 connection preface looks like a request line; it belongs to the HTTP/2 readers.
    if (text.startsWith("PRI * HTTP/2.0") || !STATUS_OR_REQUEST.test(text)) return false;
    return RAW_EXTENSIONS.test(name) || /^[^\n]*\r\n/.test(text);
  },
  async read(chunks, context) {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      if (size >= MAX_BYTES) continue;
      const piece = chunk.subarray(0, MAX_BYTES - size);
      parts.push(Buffer.from(piece));
      size += piece.length;
    }
    const bytes = Buffer.concat(parts, size);
    const emitted = emitStreams(
      [{ direction: "unknown", label: "raw bytes", bytes, partial: false }],
      { source: context.source, byte: 0, excerpt: bytes.subarray(0, 80).toString("latin1").split("\r\n")[0] ?? "" },
      context,
    );
    return { records: emitted, unknown: emitted === 0 ? 1 : 0 };
  },
};
