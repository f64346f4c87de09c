import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { type AnalyzerOptions, type CaptureAnalysis, CaptureAnalyzer } from "../capture/analyze.ts";
import { sniffContainer } from "../capture/container.ts";
import { fileHead, isGzip, type RecordTaker, readCaptureFile } from "../capture/file-reader.ts";
import { hpackHeaderDecoder } from "../capture/hpack.ts";
import { renderCaptureText, transactionHeader, transactionLine } from "../capture/report.ts";
import { analyzeInShards } from "../capture/shard.ts";
import { collectWireFindings } from "../capture/wire-checks.ts";
import { CAPTURE_DETECTORS } from "../detect/capture/index.ts";
import { diagnose } from "../engine/diagnose.ts";
import { peekStream } from "../evidence/open-source.ts";
import type { Diagnosis } from "../model/diagnosis.ts";
import type { Finding } from "../model/finding.ts";
import type { Observation } from "../model/observation.ts";
import type { CaptureObservation } from "../model/observations/capture.ts";
import { atLeast, type Severity } from "../model/severity.ts";
import { diagnosisJson } from "../report/diagnosis-json.ts";
import { severityOf } from "../report/finding-text.ts";
import { chooseStyle } from "../report/style.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";
import type { OutputFormat } from "./options.ts";

export interface PcapOptions {
  readonly input: string;
  readonly format: OutputFormat;
  readonly failOn: Severity;
  readonly follow?: number;
  readonly maxMemory: number;
  readonly limit: number;
  readonly showSecrets: boolean;
  /** Path of an NSS key log (SSLKEYLOGFILE) to decrypt TLS with. */
  readonly keylog?: string;
  /** Worker threads for a capture file (1: none); chosen by the file's size when absent. */
  readonly threads?: number;
}

const MAX_OBSERVATIONS = 20000;

async function openInput(input: string, io: Io): Promise<Readable> {
  if (input === "-") return io.stdin();
  const info = await stat(input).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`Cannot read ${input}: no such file`);
  return createReadStream(input, { highWaterMark: 1 << 20 });
}

/** Bytes of transaction rows gathered before one write: a write per row costs more than the row. */
const ROW_BATCH_CHARS = 64 * 1024;

function batchedWriter(out: Io["stdout"]): { write(text: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    out.write(parts.join(""));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= ROW_BATCH_CHARS) flush();
    },
    flush,
  };
}

export interface PcapRun {
  readonly analysis: CaptureAnalysis;
  readonly diagnosis: Diagnosis;
  readonly checkedMessages: number;
}

interface CaptureInput {
  /** Set for a plain capture file, which worker threads can read on their own. */
  readonly file?: { readonly path: string; readonly size: number };
  read(analyzer: RecordTaker): Promise<void>;
}

/** The capture's bytes: a plain file is read in place, standard input and gzip through a stream. */
async function captureInput(input: string, io: Io): Promise<CaptureInput> {
  if (input !== "-") {
    const info = await stat(input).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`Cannot read ${input}: no such file`);
    const head = fileHead(input, 64);
    if (!isGzip(head)) {
      if (!sniffContainer(head)) throw new UsageError(`${input} is not a pcap or pcapng capture`);
      return {
        file: { path: input, size: info.size },
        read: (analyzer) => readCaptureFile(input, analyzer),
      };
    }
  }
  const peeked = await peekStream(await openInput(input, io));
  if (!sniffContainer(peeked.head))
    throw new UsageError(`${input} is not a pcap or pcapng capture${peeked.compressed ? " (after gunzip)" : ""}`);
  return {
    read: async (analyzer) => {
      for await (const chunk of peeked.chunks) analyzer.push(chunk);
    },
  };
}

/**
 * Worker threads are only used when asked for: every worker reads the whole file and tracks TCP
 * for every connection, which on two cores (measured: bench/pcap/README.md) costs more than the
 * shared decoding saves.
 */
function threadsFor(input: CaptureInput, asked: number | undefined): number {
  return input.file ? (asked ?? 1) : 1;
}

interface AnalysisResult {
  readonly analysis: CaptureAnalysis;
  readonly wireFindings: Finding[];
  readonly checked: number;
}

/** One thread: the analyzer and the wire checks run here, on the bytes as they are read. */
async function analyzeHere(
  options: Omit<AnalyzerOptions, "decoder" | "onHttp1Head" | "onHttp2Headers">,
  input: CaptureInput,
): Promise<AnalysisResult> {
  const wire = collectWireFindings(options.source);
  const analyzer = new CaptureAnalyzer({
    ...options,
    decoder: hpackHeaderDecoder,
    onHttp1Head: (head) => wire.head(head),
    onHttp2Headers: (block) => wire.block(block),
  });
  await input.read(analyzer);
  return { analysis: analyzer.end(), wireFindings: wire.findings, checked: wire.checked };
}

export async function runPcap(options: PcapOptions, io: Io): Promise<number> {
  const input = await captureInput(options.input, io);
  const source = options.input;
  let keyLog: string | undefined;
  if (options.keylog !== undefined) {
    try {
      keyLog = await readFile(options.keylog, "latin1");
    } catch {
      throw new UsageError(`Cannot read the key log ${options.keylog}`);
    }
  }
  const observations: Observation[] = [];
  const style = chooseStyle(io.stdoutIsTTY, io.env);
  const streamRows = options.format === "text" && options.follow === undefined;
  let printed = 0;
  const rows = batchedWriter(io.stdout);
  const rowsWanted = streamRows ? (options.limit === 0 ? Number.MAX_SAFE_INTEGER : options.limit) : 0;
  const printRow = (line: string): void => {
    if (printed >= rowsWanted) return;
    if (printed === 0) rows.write(`${style.bold("HTTP transactions")}\n${transactionHeader()}\n`);
    printed++;
    rows.write(`${line}\n`);
  };
  const analysisOptions = {
    source,
    maxMemory: options.maxMemory,
    ...(options.follow !== undefined ? { follow: options.follow } : {}),
    keepTransactions: options.format === "json" ? (options.limit === 0 ? Number.MAX_SAFE_INTEGER : options.limit) : 0,
    keepConnections: options.limit === 0 ? Number.MAX_SAFE_INTEGER : options.limit,
    ...(keyLog !== undefined ? { keyLog } : {}),
    observe: (observation: CaptureObservation) => {
      if (observations.length < MAX_OBSERVATIONS) observations.push(observation);
    },
  };
  const threads = threadsFor(input, options.threads);
  const { analysis, wireFindings, checked } =
    threads > 1 && input.file
      ? await analyzeInShards({
          ...analysisOptions,
          path: input.file.path,
          shards: threads,
          transactionLines: rowsWanted,
          onTransactionLine: printRow,
        }).then((sharded) => ({
          analysis: sharded.analysis,
          wireFindings: sharded.findings,
          checked: sharded.checked,
        }))
      : await analyzeHere(
          {
            ...analysisOptions,
            onTransaction: (t) => {
              if (printed < rowsWanted) printRow(transactionLine(t));
            },
          },
          input,
        );
  rows.flush();
  const diagnosis = diagnose({
    observations,
    inputs: [
      {
        source,
        formats: analysis.format ? [analysis.format] : [],
        lines: 0,
        recognised: analysis.packets,
        unknown: analysis.packets - analysis.tcpPackets,
        bytes: analysis.bytes,
      },
    ],
    // A capture gives capture observations only; the other families have nothing to read.
    detectors: CAPTURE_DETECTORS,
    extraFindings: wireFindings,
  });
  if (options.format === "json") {
    const report = diagnosisJson(diagnosis, { showSecrets: options.showSecrets }) as Record<string, unknown>;
    const { schema: _schema, ...rest } = report;
    io.stdout.write(
      `${JSON.stringify(
        {
          schema: "proxydoc.pcap/v1",
          capture: {
            source,
            format: analysis.format ?? null,
            packets: analysis.packets,
            tcpPackets: analysis.tcpPackets,
            bytes: analysis.bytes,
            firstTime: analysis.firstTime ?? null,
            lastTime: analysis.lastTime ?? null,
            linkTypes: analysis.linkTypes,
            skipped: analysis.skipped,
            notes: analysis.notes,
            connectionCount: analysis.connectionCount,
            transactionCount: analysis.transactionCount,
            checkedMessages: checked,
          },
          conversations: analysis.connections,
          transactions: analysis.transactions,
          streamResets: analysis.streamResets,
          ...(analysis.follow ? { follow: analysis.follow } : {}),
          ...rest,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    if (streamRows && options.limit > 0 && analysis.transactionCount > printed && printed > 0)
      io.stdout.write(`  … ${analysis.transactionCount - printed} more (use --limit 0 for all)\n`);
    io.stdout.write(
      renderCaptureText(analysis, diagnosis, {
        style,
        showSecrets: options.showSecrets,
        transactionsPrinted: printed > 0,
        ...(options.follow !== undefined ? { follow: options.follow } : {}),
      }),
    );
  }
  if (options.follow !== undefined && !analysis.follow)
    io.stderr.write(`proxydoc: there is no connection ${options.follow} in ${source}\n`);
  return diagnosis.findings.some((finding) => atLeast(severityOf(finding), options.failOn))
    ? EXIT.problems
    : EXIT.clean;
}
