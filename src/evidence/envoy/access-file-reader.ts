import { availableParallelism } from "node:os";
import type { Line } from "../lines.ts";
import type { FileReaderFactory, LineReader } from "../reader.ts";
import { AccessSummariser } from "./access-summary.ts";
import { envoyDebugReader, envoyLocalReplyBodyReader } from "./debug-reader.ts";
import { ChunkSummariser, type OtherLine, summariseFile } from "./summarise.ts";

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

export interface AccessFileReaderOptions {
  /**
   * From this size on a plain file is split across worker threads.
   * @default 32 MiB
   */
  readonly parallelFrom?: number;
  /**
   * Worker threads for a split file.
   * @default the cores available, at most 4
   */
  readonly workers?: number;
}

/**
 * Large access logs, read from bytes without making a string per line (the same summariser as
 * the line reader). A plain file is read by path (in worker threads when it is large), anything
 * else from the chunks. The few lines that are not access records go to the family's other
 * readers, in file order either way.
 */
export function createAccessFileReader(options: AccessFileReaderOptions = {}): FileReaderFactory {
  const parallelFrom = options.parallelFrom ?? 32 << 20;
  const workers = options.workers ?? Math.min(availableParallelism(), 4);
  return {
    format: "envoy-access",
    sniff: (head) => looksLikeAccessLog(head),
    async read(chunks, context) {
      const others: LineReader[] = [envoyDebugReader.create(context), envoyLocalReplyBodyReader.create(context)];
      let otherTaken = 0;
      let otherSeen = 0;
      const other = (latin1: string, line: number, byte: number): void => {
        otherSeen++;
        const bytes = Buffer.from(latin1, "latin1");
        const offered: Line = { text: bytes.toString("utf8"), line, byte, length: bytes.length, truncated: false };
        if (others.some((reader) => reader.accept(offered))) otherTaken++;
      };
      const file = context.file;
      const summariser = file
        ? await summariseFile(file.path, { workers: file.size >= parallelFrom ? workers : 1, other })
        : await summariseChunks(chunks, other);
      for (const reader of others) reader.end();
      const read = summariser.observations(context.source);
      if (read) {
        context.emit(read.summary);
        for (const sample of read.samples) context.emit(sample);
      }
      return {
        records: summariser.records + otherTaken,
        unknown: otherSeen - otherTaken,
        ...(file ? { bytes: file.size } : {}),
      };
    },
  };
}

async function summariseChunks(chunks: AsyncIterable<Buffer>, other: OtherLine): Promise<AccessSummariser> {
  const reader = new ChunkSummariser(0, other);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.end();
}

export const envoyAccessFileReader: FileReaderFactory = createAccessFileReader();
