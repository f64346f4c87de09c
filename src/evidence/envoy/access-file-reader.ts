import type { Line } from "../lines.ts";
import type { FileReaderFactory, LineReader } from "../reader.ts";
import { AccessSummariser } from "./access-summary.ts";
import { envoyDebugReader, envoyLocalReplyBodyReader } from "./debug-reader.ts";
import { ChunkSummariser } from "./summarise.ts";

/** Below this the line-by-line path is fast enough and lets every reader see every line. */
const MIN_HEAD = 16 << 10;
const MIN_LINES = 20;
/** Share of the head's lines that must be access records. */
const MIN_SHARE = 0.98;

/** True when the first bytes of a file are (almost) only access-log records. */
export function looksLikeAccessLog(head: Buffer): boolean {
  if (head.length < MIN_HEAD) return false;
  const text = head.toString("latin1", 0, head.lastIndexOf(0x0a) + 1);
  const probe = new AccessSummariser(true);
  let lines = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) break;
    const end = nl > start && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
    if (end > start) {
      lines++;
      probe.addRange(text.slice(start, end), 0, end - start, lines, start);
    }
    start = nl + 1;
  }
  return lines >= MIN_LINES && probe.records >= MIN_SHARE * lines;
}

/**
 * Large access logs, read from bytes without making a string per line (the same summariser as
 * the line reader). The few lines that are not access records go to the family's other readers.
 */
export const envoyAccessFileReader: FileReaderFactory = {
  format: "envoy-access",
  sniff: (head) => looksLikeAccessLog(head),
  async read(chunks, context) {
    const others: LineReader[] = [envoyDebugReader.create(context), envoyLocalReplyBodyReader.create(context)];
    let otherTaken = 0;
    let otherSeen = 0;
    const reader = new ChunkSummariser(0, (latin1, line, byte) => {
      otherSeen++;
      const bytes = Buffer.from(latin1, "latin1");
      const offered: Line = { text: bytes.toString("utf8"), line, byte, length: bytes.length, truncated: false };
      if (others.some((other) => other.accept(offered))) otherTaken++;
    });
    for await (const chunk of chunks) reader.push(chunk);
    const summariser = reader.end();
    for (const other of others) other.end();
    const read = summariser.observations(context.source);
    if (read) {
      context.emit(read.summary);
      for (const sample of read.samples) context.emit(sample);
    }
    return { records: summariser.records + otherTaken, unknown: otherSeen - otherTaken };
  },
};
