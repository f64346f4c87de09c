/**
 * A capture file analysed by several worker threads at once. Every worker reads the whole file
 * and tracks TCP for every connection (so connection numbers, packet numbers and the moments
 * connections end are the same everywhere), but decodes HTTP only for the connections that
 * `shardOf` gives it. Each result is tagged with the tracker's step it came from; a step belongs
 * to one connection, so merging the workers' results by step gives the one-thread order, and one
 * summary on the main thread applies the same limits in the same order.
 */

import type { Finding } from "../model/finding.ts";
import type { CaptureObservation } from "../model/observations/capture.ts";
import { startModuleWorker } from "../threads/module-worker.ts";
import {
  type AnalysisSink,
  type AnalyzerOptions,
  type CaptureAnalysis,
  CaptureAnalyzer,
  type CaptureFacts,
  CaptureSummary,
  type ConnectionNames,
  type ConversationRow,
  DEFAULT_KEPT,
  type FollowTranscript,
  httpErrorKey,
  MAX_OBSERVATIONS_PER_KIND,
} from "./analyze.ts";
import { readCaptureFile } from "./file-reader.ts";
import { hpackHeaderDecoder } from "./hpack.ts";
import type { StreamReset } from "./http2.ts";
import { transactionLine } from "./report.ts";
import type { HttpTransaction } from "./types.ts";
import { collectWireFindings, DEFAULT_MAX_WIRE_FINDINGS } from "./wire-checks.ts";

/** What one worker is asked to do (plain data: it crosses to the worker thread). */
export interface ShardJob {
  readonly path: string;
  readonly index: number;
  readonly count: number;
  readonly source: string;
  readonly maxMemory?: number;
  readonly follow?: number;
  readonly keyLog?: string;
  /** Transactions, conversation rows and rendered transaction lines the main thread can use at most. */
  readonly keepTransactions: number;
  readonly keepConnections: number;
  readonly transactionLines: number;
}

/**
 * One result of a shard. What the main thread cannot use is left out: a transaction past the
 * most it keeps (or prints) is only counted, since the first ones overall are among the first
 * ones of every shard; the same holds for conversation rows, and for server errors, whose
 * first of a kind is sent whole and the rest as a count.
 */
type ShardEvent =
  | { readonly step: number; readonly kind: "transaction"; readonly t?: HttpTransaction; readonly line?: string }
  | { readonly step: number; readonly kind: "observe"; readonly observation: CaptureObservation }
  | { readonly step: number; readonly kind: "http-error"; readonly t: HttpTransaction; readonly connection: number }
  | { readonly step: number; readonly kind: "http-error-again"; readonly key: string }
  | { readonly step: number; readonly kind: "reset"; readonly reset: StreamReset & { connection: number } }
  | { readonly step: number; readonly kind: "follow"; readonly transcript: FollowTranscript }
  | { readonly step: number; readonly kind: "row"; readonly row: ConversationRow }
  | { readonly step: number; readonly kind: "ended"; readonly names: ConnectionNames }
  | { readonly step: number; readonly kind: "finding"; readonly finding: Finding };

/** A worker's message: its results up to and including step `upTo`; the last one has the facts. */
export interface ShardBatch {
  readonly events: ShardEvent[];
  readonly upTo: number;
  readonly done?: { readonly facts: CaptureFacts; readonly checked: number };
}

/** Results gathered before a batch is sent, besides one batch per piece of the file. */
const BATCH_EVENTS = 4096;

/** The worker's side: analyses its shard of the file and posts batches of tagged results. */
export async function runShard(job: ShardJob, post: (batch: ShardBatch) => void): Promise<void> {
  let events: ShardEvent[] = [];
  let step = (): number => 0;
  const emitted = new Map<string, number>();
  let transactions = 0;
  let rows = 0;
  const errorKinds = new Set<string>();
  const named = new Set<number>();
  const add = (event: ShardEvent): void => {
    events.push(event);
    if (events.length >= BATCH_EVENTS) flush(step() - 1);
  };
  const flush = (upTo: number): void => {
    post({ events, upTo });
    events = [];
  };
  const sink: AnalysisSink = {
    transaction: (t) => {
      transactions++;
      add({
        step: step(),
        kind: "transaction",
        ...(transactions <= job.keepTransactions ? { t } : {}),
        ...(transactions <= job.transactionLines ? { line: transactionLine(t) } : {}),
      });
    },
    observe: (observation) => {
      // The first ones of a kind overall are among the first ones of each shard: the rest would be dropped.
      const n = emitted.get(observation.type) ?? 0;
      emitted.set(observation.type, n + 1);
      if (n < MAX_OBSERVATIONS_PER_KIND) add({ step: step(), kind: "observe", observation });
    },
    httpError: (t, connection) => {
      const key = httpErrorKey(t);
      if (errorKinds.has(key)) add({ step: step(), kind: "http-error-again", key });
      else {
        errorKinds.add(key);
        named.add(connection);
        add({ step: step(), kind: "http-error", t, connection });
      }
    },
    streamReset: (reset) => add({ step: step(), kind: "reset", reset }),
    follow: (transcript) => add({ step: step(), kind: "follow", transcript }),
    row: (row) => {
      if (++rows <= job.keepConnections) add({ step: step(), kind: "row", row });
    },
    ended: (names) => {
      if (named.delete(names.connection)) add({ step: step(), kind: "ended", names });
    },
  };
  const wire = collectWireFindings(job.source);
  const checked = <T>(check: (item: T) => void) => {
    return (item: T): void => {
      const before = wire.findings.length;
      check(item);
      for (let i = before; i < wire.findings.length; i++)
        add({ step: step(), kind: "finding", finding: wire.findings[i] as Finding });
    };
  };
  const analyzer = new CaptureAnalyzer(
    {
      source: job.source,
      decoder: hpackHeaderDecoder,
      shard: { index: job.index, count: job.count },
      onHttp1Head: checked((head) => wire.head(head)),
      onHttp2Headers: checked((block) => wire.block(block)),
      ...(job.maxMemory !== undefined ? { maxMemory: job.maxMemory } : {}),
      ...(job.follow !== undefined ? { follow: job.follow } : {}),
      ...(job.keyLog !== undefined ? { keyLog: job.keyLog } : {}),
    },
    sink,
  );
  step = () => analyzer.step;
  // After each piece, every unit of work started in it is over.
  await readCaptureFile(job.path, analyzer, () => flush(analyzer.step));
  const facts = analyzer.close();
  post({ events, upTo: Number.POSITIVE_INFINITY, done: { facts, checked: wire.checked } });
}

export interface ShardedOptions
  extends Pick<
    AnalyzerOptions,
    "source" | "maxMemory" | "follow" | "keyLog" | "keepTransactions" | "keepConnections" | "observe"
  > {
  readonly path: string;
  readonly shards: number;
  /** Receives the first `transactionLines` transactions as table rows (`transactionLine`), in order. */
  readonly onTransactionLine?: (line: string) => void;
  readonly transactionLines?: number;
}

export interface ShardedAnalysis {
  readonly analysis: CaptureAnalysis;
  /** The wire checks' findings, in capture order, as many as one thread would keep. */
  readonly findings: Finding[];
  readonly checked: number;
}

interface ShardQueue {
  events: ShardEvent[];
  at: number;
  upTo: number;
  done?: ShardBatch["done"];
}

/** Runs one shard somewhere and hands over its batches in order; resolves when the last one is in. */
export type ShardRunner = (job: ShardJob, receive: (batch: ShardBatch) => void) => Promise<void>;

/** Analyses a capture file with `options.shards` worker threads; the result is the one-thread result. */
export async function analyzeInShards(options: ShardedOptions, run: ShardRunner = runWorker): Promise<ShardedAnalysis> {
  const summary = new CaptureSummary(options);
  const findings: Finding[] = [];
  const queues: ShardQueue[] = [];
  const lineLimit = options.onTransactionLine ? (options.transactionLines ?? Number.MAX_SAFE_INTEGER) : 0;
  let linesGiven = 0;
  const apply = (event: ShardEvent): void => {
    switch (event.kind) {
      case "transaction":
        summary.count(event.t);
        if (event.line !== undefined && linesGiven < lineLimit) {
          linesGiven++;
          options.onTransactionLine?.(event.line);
        }
        return;
      case "observe":
        summary.observe(event.observation);
        return;
      case "http-error":
        summary.httpError(event.t, event.connection);
        return;
      case "http-error-again":
        summary.countHttpError(event.key);
        return;
      case "reset":
        summary.streamReset(event.reset);
        return;
      case "follow":
        summary.follow(event.transcript);
        return;
      case "row":
        summary.row(event.row);
        return;
      case "ended":
        summary.ended(event.names);
        return;
      case "finding":
        if (findings.length < DEFAULT_MAX_WIRE_FINDINGS) findings.push(event.finding);
        return;
    }
  };
  /** Hands on every result whose step no other shard can still come before. */
  const release = (): void => {
    for (;;) {
      let next: ShardQueue | undefined;
      let step = Number.POSITIVE_INFINITY;
      for (const queue of queues) {
        const head = queue.events[queue.at];
        if (head && head.step < step) {
          step = head.step;
          next = queue;
        }
      }
      if (!next) return;
      for (const queue of queues) if (queue.at >= queue.events.length && queue.upTo < step) return;
      apply(next.events[next.at++] as ShardEvent);
      if (next.at === next.events.length) {
        next.events = [];
        next.at = 0;
      }
    }
  };
  // Every queue exists before any shard starts: a shard that runs to its end at once must not be
  // released ahead of shards that have not yet posted anything.
  for (let index = 0; index < options.shards; index++) queues.push({ events: [], at: 0, upTo: -1 });
  const runs = queues.map((queue, index) => {
    const job: ShardJob = {
      path: options.path,
      index,
      count: options.shards,
      source: options.source,
      ...(options.maxMemory !== undefined ? { maxMemory: options.maxMemory } : {}),
      ...(options.follow !== undefined ? { follow: options.follow } : {}),
      ...(options.keyLog !== undefined ? { keyLog: options.keyLog } : {}),
      keepTransactions: options.keepTransactions ?? DEFAULT_KEPT,
      keepConnections: options.keepConnections ?? DEFAULT_KEPT,
      transactionLines: lineLimit,
    };
    return run(job, (batch) => {
      queue.events = queue.at === 0 && queue.events.length === 0 ? batch.events : queue.events.concat(batch.events);
      queue.upTo = batch.upTo;
      if (batch.done) queue.done = batch.done;
      release();
    });
  });
  await Promise.all(runs);
  release();
  const facts = queues[0]?.done?.facts;
  if (!facts) throw new Error("a capture shard ended without its results");
  return {
    analysis: summary.finish(facts),
    findings,
    checked: queues.reduce((sum, queue) => sum + (queue.done?.checked ?? 0), 0),
  };
}

function runWorker(job: ShardJob, receive: (batch: ShardBatch) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, "shard-worker", job);
    let finished = false;
    worker.on("message", (batch: ShardBatch) => {
      receive(batch);
      if (batch.done) finished = true;
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      finished ? resolve() : reject(new Error(`capture shard ${job.index} stopped (exit code ${code})`)),
    );
  });
}
