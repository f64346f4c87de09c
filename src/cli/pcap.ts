import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { Command } from "@commander-js/extra-typings";
import { type CaptureAnalysis, CaptureAnalyzer } from "../capture/analyze.ts";
import { sniffContainer } from "../capture/container.ts";
import { fileHead, isGzip, readFileInPieces } from "../capture/file-reader.ts";
import { hpackHeaderDecoder } from "../capture/hpack.ts";
import { renderCaptureText, transactionHeader, transactionLine } from "../capture/report.ts";
import type { HttpTransaction } from "../capture/types.ts";
import { collectWireFindings } from "../capture/wire-checks.ts";
import { ALL_DETECTORS } from "../detect/all.ts";
import { diagnose } from "../engine/diagnose.ts";
import { peekStream } from "../evidence/open-source.ts";
import type { Diagnosis } from "../model/diagnosis.ts";
import type { Observation } from "../model/observation.ts";
import { atLeast, type Severity } from "../model/severity.ts";
import { diagnosisJson } from "../report/diagnosis-json.ts";
import { severityOf } from "../report/finding-text.ts";
import { chooseStyle } from "../report/style.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";
import { failOnOption, formatOption, type OutputFormat, SHOW_SECRETS_HELP } from "./options.ts";

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
}

const MAX_OBSERVATIONS = 20000;

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`Not a size: "${text}" (use 512M, 2G, 65536)`);
  const unit = (match[2] ?? "").toLowerCase()[0];
  const scale = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  return Math.floor(Number(match[1]) * scale);
}

export function registerPcap(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("pcap")
    .description("read a pcap/pcapng capture: conversations, HTTP/1 and HTTP/2 transactions, resets, findings")
    .argument("<file>", "capture file (pcap, pcapng, optionally gzip-compressed), or - for standard input")
    .option("--follow <connection>", "show one connection as Follow Stream does (its number in the table)", Number)
    .option("--max-memory <size>", "most bytes held for out-of-order TCP reassembly", "256M")
    .option("--keylog <file>", "TLS key log (SSLKEYLOGFILE format) to decrypt TLS 1.2/1.3 and decode the HTTP inside")
    .option("--limit <rows>", "most conversation and transaction rows printed (0: all)", Number, 1000)
    .addOption(formatOption())
    .addOption(failOnOption())
    .option("--show-secrets", SHOW_SECRETS_HELP, false)
    .addHelpText(
      "after",
      "\nExamples:\n  proxydoc pcap app.pcap\n  proxydoc pcap app.pcapng --follow 3\n  SSLKEYLOGFILE=keys.log curl …; proxydoc pcap tls.pcap --keylog keys.log\n  tcpdump -i lo -w - port 8080 | proxydoc pcap -\n  proxydoc pcap app.pcap.gz --format json",
    )
    .action(async (input, options) => {
      if (options.follow !== undefined && !(Number.isInteger(options.follow) && options.follow > 0))
        throw new UsageError("--follow takes a connection number from the conversation table (1, 2, …)");
      if (!Number.isInteger(options.limit) || options.limit < 0) throw new UsageError("--limit takes a whole number");
      done(
        await runPcap(
          {
            input,
            format: options.format,
            failOn: options.failOn,
            ...(options.follow !== undefined ? { follow: options.follow } : {}),
            maxMemory: parseSize(options.maxMemory),
            limit: options.limit,
            showSecrets: options.showSecrets,
            ...(options.keylog !== undefined ? { keylog: options.keylog } : {}),
          },
          io,
        ),
      );
    });
}

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

/** The capture's bytes: a plain file is read in place, standard input and gzip through a stream. */
async function captureInput(input: string, io: Io): Promise<(push: (piece: Buffer) => void) => Promise<void>> {
  if (input !== "-") {
    const info = await stat(input).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`Cannot read ${input}: no such file`);
    const head = fileHead(input, 64);
    if (!isGzip(head)) {
      if (!sniffContainer(head)) throw new UsageError(`${input} is not a pcap or pcapng capture`);
      return async (push) => readFileInPieces(input, push);
    }
  }
  const peeked = await peekStream(await openInput(input, io));
  if (!sniffContainer(peeked.head))
    throw new UsageError(`${input} is not a pcap or pcapng capture${peeked.compressed ? " (after gunzip)" : ""}`);
  return async (push) => {
    for await (const chunk of peeked.chunks) push(chunk);
  };
}

export async function runPcap(options: PcapOptions, io: Io): Promise<number> {
  const readInput = await captureInput(options.input, io);
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
  const wire = collectWireFindings(source);
  const style = chooseStyle(io.stdoutIsTTY, io.env);
  const streamRows = options.format === "text" && options.follow === undefined;
  let printed = 0;
  const rows = batchedWriter(io.stdout);
  const onTransaction = (t: HttpTransaction): void => {
    if (!streamRows || (options.limit > 0 && printed >= options.limit)) return;
    if (printed === 0) rows.write(`${style.bold("HTTP transactions")}\n${transactionHeader()}\n`);
    printed++;
    rows.write(`${transactionLine(t)}\n`);
  };
  const analyzer = new CaptureAnalyzer({
    source,
    decoder: hpackHeaderDecoder,
    maxMemory: options.maxMemory,
    ...(options.follow !== undefined ? { follow: options.follow } : {}),
    keepTransactions: options.format === "json" ? (options.limit === 0 ? Number.MAX_SAFE_INTEGER : options.limit) : 0,
    keepConnections: options.limit === 0 ? Number.MAX_SAFE_INTEGER : options.limit,
    onTransaction,
    onHttp1Head: (head) => wire.head(head),
    onHttp2Headers: (block) => wire.block(block),
    ...(keyLog !== undefined ? { keyLog } : {}),
    observe: (observation) => {
      if (observations.length < MAX_OBSERVATIONS) observations.push(observation);
    },
  });
  await readInput((piece) => analyzer.push(piece));
  const analysis = analyzer.end();
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
    detectors: ALL_DETECTORS,
    extraFindings: wire.findings,
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
            checkedMessages: wire.checked,
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
