import { stat } from "node:fs/promises";
import type { InputSummary } from "../model/diagnosis.ts";
import type { Observation } from "../model/observation.ts";
import { unwrapContainerLine } from "./container-line.ts";
import type { NeedleScanner } from "./gate/needle-scanner.ts";
import { readerGate } from "./gate/reader-gate.ts";
import { type Line, splitLineBatches } from "./lines.ts";
import type { EvidenceSource } from "./open-source.ts";
import { peekStream } from "./open-source.ts";
import { type JoinedLine, PrettyJsonJoiner } from "./pretty-json.ts";
import type { FileReaderFactory, LineReader, LineReaderFactory, ReaderContext } from "./reader.ts";

export interface ReadEvidenceOptions {
  readonly lineReaders: readonly LineReaderFactory[];
  readonly fileReaders: readonly FileReaderFactory[];
  /**
   * Most observations kept in all; beyond it they are counted, not kept.
   * @default 200000
   */
  readonly maxObservations?: number;
  /**
   * Lines of a source read with every reader offered every line, before the gate that spares
   * readers the lines they cannot take is built: building it costs about as much as this many.
   * @default 2000
   */
  readonly ungatedLines?: number;
  /** Called now and then with the bytes read so far, for progress on large inputs. */
  readonly onProgress?: (source: string, bytes: number) => void;
}

export interface EvidenceRead {
  readonly observations: Observation[];
  readonly inputs: InputSummary[];
  readonly droppedObservations: number;
}

/** Reads every source with the readers that recognise it; never throws on content. */
export async function readEvidence(
  sources: readonly EvidenceSource[],
  options: ReadEvidenceOptions,
): Promise<EvidenceRead> {
  const observations: Observation[] = [];
  const inputs: InputSummary[] = [];
  const cap = options.maxObservations ?? 200_000;
  let dropped = 0;
  for (const source of sources) {
    const context: ReaderContext = {
      source: source.id,
      emit(observation) {
        if (observations.length < cap) observations.push(observation);
        else dropped++;
      },
    };
    try {
      inputs.push(await readOne(source, context, options));
    } catch (error) {
      inputs.push({
        source: source.id,
        formats: [],
        lines: 0,
        recognised: 0,
        unknown: 0,
        bytes: 0,
        error: (error as Error).message,
      });
    }
  }
  return { observations, inputs, droppedObservations: dropped };
}

async function readOne(
  source: EvidenceSource,
  context: ReaderContext,
  options: ReadEvidenceOptions,
): Promise<InputSummary> {
  const stream = source.open();
  const peeked = await peekStream(stream);
  let bytes = 0;
  const counted = countBytes(peeked.chunks, (n) => {
    bytes += n;
    options.onProgress?.(source.id, bytes);
  });
  const fileReader = options.fileReaders.find((reader) => safeSniff(reader, peeked.head, source.id));
  if (fileReader) {
    const file = source.path !== undefined && !peeked.compressed ? await plainFile(source.path) : undefined;
    try {
      const result = await fileReader.read(counted, file ? { ...context, file } : context);
      const quoted = result.quoted?.length
        ? await readLines(source.id, [result.quoted], context, options, () => 0)
        : undefined;
      return {
        source: source.id,
        formats: [fileReader.format, ...(quoted?.formats ?? [])],
        lines: 0,
        recognised: result.records + (quoted?.recognised ?? 0),
        unknown: result.unknown,
        bytes: result.bytes ?? bytes,
      };
    } finally {
      // A reader that read the file by path left the stream unread.
      stream.destroy();
    }
  }
  return readLines(source.id, splitLineBatches(counted), context, options, () => bytes);
}

async function plainFile(path: string): Promise<ReaderContext["file"]> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? { path, size: info.size } : undefined;
}

function safeSniff(reader: FileReaderFactory, head: Buffer, name: string): boolean {
  try {
    return reader.sniff(head, name);
  } catch {
    return false;
  }
}

async function* countBytes(chunks: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    onBytes(chunk.length);
    yield chunk;
  }
}

async function readLines(
  source: string,
  batches: AsyncIterable<readonly Line[]> | Iterable<readonly Line[]>,
  context: ReaderContext,
  options: ReadEvidenceOptions,
  bytesRead: () => number,
): Promise<InputSummary> {
  const factories = options.lineReaders;
  const ungatedLines = options.ungatedLines ?? 2000;
  const readers: { format: string; reader: LineReader; hits: number }[] = factories.map((factory) => ({
    format: factory.format,
    reader: factory.create(context),
    hits: 0,
  }));
  const hits = new Uint8Array(readers.length);
  // Per reader: 0 gated, 1 gated with blocks (ask it), 2 offered every line. Until the gate is
  // built (a short input never needs it), every reader is offered every line.
  const mode = new Uint8Array(readers.length).fill(2);
  let scanner: NeedleScanner | undefined;
  const openGate = (): void => {
    const gate = readerGate(factories);
    scanner = gate.scanner;
    readers.forEach((entry, i) => {
      mode[i] = !gate.gated[i] ? 2 : entry.reader.inBlock ? 1 : 0;
    });
  };
  const offered = (i: number): boolean =>
    hits[i] === 1 || mode[i] === 2 || (mode[i] === 1 && readers[i]?.reader.inBlock?.() === true);
  const scan = (text: string): void => {
    if (!scanner) return;
    hits.fill(0);
    scanner.scan(text, hits);
  };
  let sticky = -1;
  /** Whether the sticky reader took the line before this one: then it is offered this one, needles or not. */
  let stickyTookLast = false;
  let lines = 0;
  let recognised = 0;
  const read = ({ line, span }: JoinedLine): void => {
    lines += span;
    if (!scanner && lines > ungatedLines) openGate();
    let scanned = false;
    let taken = false;
    if (sticky >= 0) {
      if (!stickyTookLast && mode[sticky] !== 2) {
        scan(line.text);
        scanned = true;
      }
      taken = (stickyTookLast || offered(sticky)) && offer(readers[sticky], line);
    }
    if (!taken) {
      if (!scanned) scan(line.text);
      for (let i = 0; i < readers.length; i++) {
        if (hits[i] === 0 && mode[i] === 0) continue;
        if (i !== sticky && offered(i) && offer(readers[i], line)) {
          sticky = i;
          taken = true;
          break;
        }
      }
    }
    stickyTookLast = taken;
    if (taken) recognised += span;
  };
  const joiner = new PrettyJsonJoiner();
  for await (const batch of batches) {
    for (const raw of batch) {
      const line = unwrapContainerLine(raw);
      if (joiner.passes(line)) read({ line, span: 1 });
      else for (const joined of joiner.push(line)) read(joined);
    }
  }
  for (const joined of joiner.flush()) read(joined);
  for (const entry of readers) {
    try {
      entry.reader.end();
    } catch {
      // A reader that fails while flushing loses only its own pending block.
    }
  }
  return {
    source,
    formats: readers.filter((entry) => entry.hits > 0).map((entry) => entry.format),
    lines,
    recognised,
    unknown: lines - recognised,
    bytes: bytesRead(),
  };
}

function offer(
  entry: { reader: LineReader; hits: number } | undefined,
  line: Parameters<LineReader["accept"]>[0],
): boolean {
  if (!entry) return false;
  let taken = false;
  try {
    taken = entry.reader.accept(line);
  } catch {
    taken = false;
  }
  if (taken) entry.hits++;
  return taken;
}
