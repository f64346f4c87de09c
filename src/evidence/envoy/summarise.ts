import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { startModuleWorker } from "../../threads/module-worker.ts";
import { readJsonKey } from "./access-json.ts";
import {
  AccessSummariser,
  type Head,
  minuteOf,
  type Pair,
  SUMMARY_LIMITS,
  type SummaryState,
} from "./access-summary.ts";
import {
  createTextKernel,
  KERNEL_DURATION_UNREAD,
  KERNEL_KIND,
  KERNEL_ROW,
  type TextKernel,
} from "./access-text-kernel.ts";

/**
 * Summarising whole access logs from bytes: chunks are decoded byte for byte (latin1, which
 * costs nothing per line) and lines are walked inside the chunk's string, so no string is made
 * per line. Files can be split into ranges summarised by worker threads and merged in order.
 */

const LF = 0x0a;
const CR = 0x0d;
/** Under 1 MiB, so each decoded chunk is an ordinary heap string (large ones are slower to scan). */
const CHUNK = 64 << 10;
/** Longest line kept whole; the rest of a longer line is skipped. */
const MAX_LINE = 1 << 20;

/**
 * Walks the complete lines of `text` (latin1). Each line is read in place, as a range of the
 * chunk's string; the summariser keeps its searches inside that range.
 */
function walkLines(
  summariser: AccessSummariser,
  text: string,
  byteBase: number,
  lineBase: number,
  other: OtherLine | undefined,
): number {
  let start = 0;
  let line = lineBase;
  for (;;) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) break;
    const end = nl > start && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    if (!summariser.addRange(text, start, end, ++line, byteBase + start) && other)
      other(text.slice(start, end), line, byteBase + start);
    start = nl + 1;
  }
  return start;
}

/** Receives the lines that are not access records (latin1 text, line number, byte offset). */
export type OtherLine = (text: string, line: number, byte: number) => void;

/**
 * Lines read by the WebAssembly text kernel: Istio records arrive as ids of their head, upstream
 * pair and minute, each resolved to the summariser's objects once; every other line is read by
 * `addRange` from the decoded input, as `walkLines` would.
 */
class KernelLines {
  private readonly kernel: TextKernel;
  private readonly summariser: AccessSummariser;
  private readonly other: OtherLine | undefined;
  /** By kernel id (dense from 1); null for a head folded away (the head table was full). */
  private readonly heads: (Head | null | undefined)[];
  private readonly pairs: (Pair | undefined)[];
  /** NaN until resolved. */
  private readonly minutes: Float64Array;
  /** Records the kernel read itself (the rest went to `addRange`). */
  records = 0;

  constructor(kernel: TextKernel, summariser: AccessSummariser, other: OtherLine | undefined) {
    this.kernel = kernel;
    this.summariser = summariser;
    this.other = other;
    this.heads = new Array<Head | null | undefined>(kernel.entryCapacity).fill(undefined);
    this.pairs = new Array<Pair | undefined>(kernel.entryCapacity).fill(undefined);
    this.minutes = new Float64Array(kernel.entryCapacity).fill(Number.NaN);
  }

  /** Reads the lines of input[0, length), which ends just after an LF. */
  read(length: number, byteBase: number): void {
    const { kernel, summariser } = this;
    const rows = kernel.rows;
    const fields = kernel.rowFields;
    let text: string | undefined;
    let start = 0;
    while (start < length) {
      const count = kernel.scan(start, length);
      if (count === 0) break;
      for (let r = 0, at = 0; r < count; r++, at += fields) {
        const from = rows[at + KERNEL_ROW.start] as number;
        const to = rows[at + KERNEL_ROW.end] as number;
        const kind = rows[at + KERNEL_ROW.kind];
        if (kind === KERNEL_KIND.fallback) {
          text ??= kernel.text(0, length);
          const line = summariser.lines + 1;
          if (!summariser.addRange(text, from, to, line, byteBase + from))
            this.other?.(text.slice(from, to), line, byteBase + from);
          continue;
        }
        const line = ++summariser.lines;
        this.records++;
        const json = kind === KERNEL_KIND.json;
        if (json && !summariser.jsonKeyOrder.learned)
          summariser.jsonKeyOrder.learn(Array.from(rows.subarray(at + KERNEL_ROW.keys, at + KERNEL_ROW.keys + 6)));
        const head = this.head(rows[at + KERNEL_ROW.head] as number, rows[at + KERNEL_ROW.status] as number);
        const pair = head === undefined ? undefined : this.pair(rows[at + KERNEL_ROW.pair] as number);
        let duration = head?.failed ? (kernel.durations[r] as number) : -1;
        if (duration === KERNEL_DURATION_UNREAD) {
          const record = kernel.text(from, to);
          duration = Number(readJsonKey(record, 0, record.length, "duration") ?? -1);
        }
        const minute = this.minute(rows[at + KERNEL_ROW.minute] as number);
        const group = summariser.count(json ? "json" : "istio-text", head, pair, minute, duration);
        if (group !== undefined)
          summariser.addSample(
            group,
            kernel.text(from, Math.min(to, from + SUMMARY_LIMITS.sampleChars)),
            line,
            byteBase + from,
          );
      }
      start = kernel.stoppedAt();
    }
  }

  private head(id: number, status: number): Head | undefined {
    let head = this.heads[id];
    if (head === undefined) {
      head = this.summariser.headOf(this.kernel.entryText(id), status) ?? null;
      this.heads[id] = head;
      if (!head?.failed) this.kernel.skipDurations(id);
    }
    return head ?? undefined;
  }

  private pair(id: number): Pair {
    let pair = this.pairs[id];
    if (pair === undefined) {
      pair = this.summariser.pairOf(this.kernel.entryText(id));
      this.pairs[id] = pair;
    }
    return pair;
  }

  private minute(id: number): number {
    if (id === 0) return -1;
    let minute = this.minutes[id] as number;
    if (Number.isNaN(minute)) {
      minute = minuteOf(this.kernel.entryText(id));
      this.minutes[id] = minute;
    }
    return minute;
  }
}

/** A streaming reader over byte chunks, in the calling thread. */
export class ChunkSummariser {
  readonly summariser = new AccessSummariser(true);
  /** The unfinished line, at the front of `work` (the kernel's input area when there is a kernel). */
  private work: Buffer;
  private carried = 0;
  /** Byte offset of the first carried byte (the start of the unfinished line). */
  private carryByte: number;
  /** Inside a line longer than MAX_LINE: its bytes are dropped up to the next LF. */
  private skipping = false;
  private skipped = 0;

  private readonly other: OtherLine | undefined;
  private readonly kernel: KernelLines | undefined;

  /** `useKernel: false` reads every line in JavaScript (the kernel's reference). */
  constructor(startByte = 0, other?: OtherLine, useKernel = true) {
    this.carryByte = startByte;
    this.other = other;
    const kernel = useKernel ? createTextKernel() : undefined;
    this.kernel = kernel && new KernelLines(kernel, this.summariser, other);
    this.work = kernel ? kernel.input : Buffer.allocUnsafe(CHUNK * 2);
  }

  push(chunk: Buffer): void {
    for (let at = 0; at < chunk.length; at += CHUNK) this.pushPiece(chunk.subarray(at, at + CHUNK));
  }

  private pushPiece(piece: Buffer): void {
    let data = piece;
    if (this.skipping) {
      const nl = data.indexOf(LF);
      if (nl < 0) {
        this.skipped += data.length;
        return;
      }
      this.skipping = false;
      this.carryByte += this.skipped + nl + 1;
      data = data.subarray(nl + 1);
    }
    const length = this.carried + data.length;
    if (length > this.work.length) {
      const grown = Buffer.allocUnsafe(Math.max(length, this.work.length * 2));
      this.work.copy(grown, 0, 0, this.carried);
      this.work = grown;
    }
    data.copy(this.work, this.carried);
    const lastNl = this.work.subarray(0, length).lastIndexOf(LF);
    if (lastNl >= 0) {
      if (this.kernel) this.kernel.read(lastNl + 1, this.carryByte);
      else
        walkLines(
          this.summariser,
          this.work.toString("latin1", 0, lastNl + 1),
          this.carryByte,
          this.summariser.lines,
          this.other,
        );
      this.carryByte += lastNl + 1;
    }
    const rest = length - lastNl - 1;
    if (rest > MAX_LINE) {
      // Too long to be an access record: count the line once and skip to its end.
      this.summariser.lines++;
      this.skipping = true;
      this.skipped = rest;
      this.carried = 0;
      return;
    }
    if (lastNl >= 0) this.work.copy(this.work, 0, lastNl + 1, length);
    this.carried = rest;
  }

  /** Records read by the WebAssembly kernel; 0 when it is not in use. */
  get kernelRecords(): number {
    return this.kernel?.records ?? 0;
  }

  /** True while a line is unfinished. */
  hasCarry(): boolean {
    return this.carried > 0 || this.skipping;
  }

  end(): AccessSummariser {
    if (this.carried > 0 && !this.skipping) {
      const text = this.work.toString("latin1", 0, this.carried);
      const end = text.charCodeAt(text.length - 1) === CR ? text.length - 1 : text.length;
      const line = this.summariser.lines + 1;
      if (!this.summariser.addRange(text, 0, end, line, this.carryByte))
        this.other?.(text.slice(0, end), line, this.carryByte);
    }
    this.carried = 0;
    return this.summariser;
  }
}

/**
 * Summarises the lines that start in `[start, end)` of an open file; the lines that are not
 * access records go to `other`, numbered from 1 within the range.
 */
export function summariseRange(fd: number, start: number, end: number, other?: OtherLine): SummaryState {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let position = start;
  if (start > 0) {
    // The line that crosses `start` belongs to the range before.
    const probe = Buffer.allocUnsafe(1);
    if (readSync(fd, probe, 0, 1, start - 1) === 1 && probe[0] !== LF) {
      position = skipToLineStart(fd, buffer, start);
    }
  }
  const reader = new ChunkSummariser(position, other);
  while (position < end) {
    const n = readSync(fd, buffer, 0, Math.min(CHUNK, end - position), position);
    if (n <= 0) break;
    reader.push(buffer.subarray(0, n));
    position += n;
  }
  // Finish the line that crosses `end`.
  while (reader.hasCarry()) {
    const n = readSync(fd, buffer, 0, Math.min(CHUNK, 64 << 10), position);
    if (n <= 0) break;
    const nl = buffer.subarray(0, n).indexOf(LF);
    reader.push(buffer.subarray(0, nl < 0 ? n : nl + 1));
    position += nl < 0 ? n : nl + 1;
    if (nl >= 0) break;
  }
  return reader.end().state();
}

function skipToLineStart(fd: number, buffer: Buffer, from: number): number {
  let position = from;
  for (;;) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, 64 << 10), position);
    if (n <= 0) return position;
    const nl = buffer.subarray(0, n).indexOf(LF);
    if (nl >= 0) return position + nl + 1;
    position += n;
  }
}

/** A line that is not an access record, as a worker hands it back (see `OtherLine`). */
export type OtherLineRecord = readonly [text: string, line: number, byte: number];

/** What a worker posts back for its range. */
export interface RangeResult {
  readonly state: SummaryState;
  /** The range's other lines, when they fit the worker's allowance (`undefined` when they did not). */
  readonly others: OtherLineRecord[] | undefined;
}

/** The job of one access-log worker. */
export interface RangeJob {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** Most of the range's other lines kept for the caller (0: none are wanted). */
  readonly keepOthers: number;
}

/** Other lines (and their characters) a worker keeps; a range with more is read again in the caller. */
const KEPT_OTHERS = 20_000;
const MAX_KEPT_OTHER_CHARS = 16 << 20;

/** Summarises one range and keeps its other lines within the allowance (runs inside a worker). */
export function summariseJob(fd: number, job: RangeJob): RangeResult {
  if (job.keepOthers <= 0) return { state: summariseRange(fd, job.start, job.end), others: [] };
  let others: OtherLineRecord[] | undefined = [];
  let chars = 0;
  const state = summariseRange(fd, job.start, job.end, (text, line, byte) => {
    if (!others) return;
    chars += text.length;
    if (others.length >= job.keepOthers || chars > MAX_KEPT_OTHER_CHARS) others = undefined;
    else others.push([text, line, byte]);
  });
  return { state, others };
}

export interface SummariseFileOptions {
  /** How many worker threads; 0 or 1 reads in the calling thread. */
  readonly workers?: number;
  /** The worker entry module; by default the `access-worker` built beside this module. */
  readonly workerScript?: string | URL;
  /** Receives the lines that are not access records, in file order, with their line in the file. */
  readonly other?: OtherLine;
  /**
   * Most other lines a worker passes back; a range with more is read again in the calling thread.
   * @default 20000
   */
  readonly keptOthers?: number;
}

/** Below this a file is read in the calling thread whatever the number of workers. */
const MIN_SPLIT_BYTES = 8 << 20;

/** Summarises a whole access-log file, optionally split across worker threads and merged in order. */
export async function summariseFile(path: string, options: SummariseFileOptions = {}): Promise<AccessSummariser> {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const workers = options.workers ?? 1;
    const merged = new AccessSummariser(true);
    const other = options.other;
    if (workers <= 1 || size < MIN_SPLIT_BYTES) {
      merged.absorb(summariseRange(fd, 0, size, other));
      return merged;
    }
    const step = Math.ceil(size / workers);
    const jobs = Array.from({ length: workers }, (_, i) => ({
      path,
      start: i * step,
      end: Math.min(size, (i + 1) * step),
      keepOthers: other ? (options.keptOthers ?? KEPT_OTHERS) : 0,
    }));
    const results = await Promise.all(jobs.map((job) => runWorker(options.workerScript, job)));
    results.forEach((result, i) => {
      const job = jobs[i] as RangeJob;
      const before = merged.lines;
      if (other && result.others) for (const [text, line, byte] of result.others) other(text, before + line, byte);
      // Too many other lines to pass between threads: read the range again here, handing them on as met.
      else if (other) summariseRange(fd, job.start, job.end, (text, line, byte) => other(text, before + line, byte));
      merged.absorb(result.state);
    });
    return merged;
  } finally {
    closeSync(fd);
  }
}

function runWorker(script: string | URL | undefined, job: RangeJob): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker =
      script === undefined
        ? startModuleWorker(import.meta.url, "access-worker", job)
        : new Worker(script, { workerData: job });
    worker.once("message", (result: RangeResult) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`access-log worker stopped with code ${code}`));
    });
  });
}
