import type { Observation } from "../model/observation.ts";
import type { SourceRef } from "../model/source.ts";
import type { Line } from "./lines.ts";

/** What a reader is given: where it reads from and where its observations go. */
export interface ReaderContext {
  /** The source id used in every SourceRef. */
  readonly source: string;
  emit(observation: Observation): void;
  /**
   * The file behind the source when it is a plain file read as it is (not standard input, not
   * compressed): a reader may read it by path, in ranges or in worker threads, instead of the chunks.
   */
  readonly file?: { readonly path: string; readonly size: number };
}

/**
 * A reader of one text format. It is offered lines one at a time and says whether it took each
 * one; a reader that is inside a multi-line block (a curl transcript, a header dump) is offered
 * the next line first. It must never throw, and must keep its state bounded.
 */
export interface LineReader {
  accept(line: Line): boolean;
  /**
   * True while the reader holds a block the next line may continue or close: it is then offered
   * every line, its needles or not.
   */
  inBlock?(): boolean;
  /** Called once after the last line; flushes blocks and summaries. */
  end(): void;
}

export interface LineReaderFactory {
  /** The format name shown in the inputs summary, such as `envoy-access` or `curl-verbose`. */
  readonly format: string;
  /**
   * Text the reader's lines contain: it takes a line, or changes its state on one, only when the
   * line contains one of these strings (ASCII case ignored) or could match one of these patterns,
   * unless it took the line before. A reader without needles is offered every line.
   */
  readonly needles?: readonly (string | RegExp)[];
  create(context: ReaderContext): LineReader;
}

/** Summary figures a whole-file reader reports back. */
export interface FileReadResult {
  readonly records: number;
  readonly unknown: number;
  /** Bytes read by path (`ReaderContext.file`) rather than from the chunks. */
  readonly bytes?: number;
  /**
   * Text the file quotes from elsewhere (the status messages of a Kubernetes object), with its
   * place in the file, for the line readers to read as well.
   */
  readonly quoted?: readonly Line[];
}

/**
 * A reader for a whole-file format (HAR, pcap, an executable, a probe result), chosen by
 * sniffing the first bytes of the file.
 */
export interface FileReaderFactory {
  readonly format: string;
  sniff(head: Buffer, name: string): boolean;
  read(chunks: AsyncIterable<Buffer>, context: ReaderContext): Promise<FileReadResult>;
}

/** The SourceRef of a line, with the line quoted (cut to a readable length). */
export function lineRef(source: string, line: Line, extra: Partial<SourceRef> = {}): SourceRef {
  const excerpt = line.text.length > 400 ? `${line.text.slice(0, 400)}…` : line.text;
  return { source, line: line.line, byte: line.byte, excerpt, ...extra };
}

/** What `read` returns for a line of its format that names nothing worth an observation. */
export const KNOWN_LINE = "known";

/**
 * A reader of a format whose lines stand alone: each line gives at most one observation, or
 * KNOWN_LINE when it is of the format but says nothing of note.
 */
export function perLineReader(
  format: string,
  read: (line: Line, source: string) => Observation | typeof KNOWN_LINE | undefined,
): LineReaderFactory {
  return {
    format,
    create(context) {
      return {
        accept(line) {
          const observation = read(line, context.source);
          if (!observation) return false;
          if (observation !== KNOWN_LINE) context.emit(observation);
          return true;
        },
        end() {},
      };
    },
  };
}
