/** One line of text evidence, with where it starts. */
export interface Line {
  /** The line without its terminator (LF or CRLF), decoded as UTF-8. */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the first byte of the line. */
  readonly byte: number;
  /** Length of the line in bytes, without the terminator. */
  readonly length: number;
  /** True when the line was longer than the cap and its tail was dropped. */
  readonly truncated: boolean;
}

export interface SplitLinesOptions {
  /**
   * Longest line kept, in bytes; the rest of a longer line is skipped, not buffered.
   * @default 1048576
   */
  readonly maxLineBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines at LF, keeping line numbers and byte offsets. Memory stays
 * bounded by `maxLineBytes` plus one chunk whatever the input.
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  options: SplitLinesOptions = {},
): AsyncGenerator<Line> {
  for await (const batch of splitLineBatches(chunks, options)) yield* batch;
}

/**
 * The lines of a byte stream, a chunk's worth at a time: what `splitLines` gives, without an
 * await per line.
 */
export async function* splitLineBatches(
  chunks: AsyncIterable<Uint8Array>,
  options: SplitLinesOptions = {},
): AsyncGenerator<Line[]> {
  const maxLineBytes = options.maxLineBytes ?? 1 << 20;
  let parts: Buffer[] = [];
  let kept = 0;
  let seen = 0;
  let lineNo = 0;
  let lineStart = 0;

  const take = (piece: Buffer, copy: boolean): void => {
    seen += piece.length;
    const room = maxLineBytes - kept;
    if (room <= 0 || piece.length === 0) return;
    const slice = piece.length > room ? piece.subarray(0, room) : piece;
    parts.push(copy ? Buffer.from(slice) : slice);
    kept += slice.length;
  };

  const finish = (): Line => {
    const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, kept);
    const truncated = seen > kept;
    let end = bytes.length;
    if (!truncated && end > 0 && bytes[end - 1] === CR) end--;
    const line: Line = {
      text: bytes.toString("utf8", 0, end),
      line: ++lineNo,
      byte: lineStart,
      length: truncated ? seen : end,
      truncated,
    };
    lineStart += seen + 1;
    parts = [];
    kept = 0;
    seen = 0;
    return line;
  };

  for await (const raw of chunks) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const batch: Line[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) {
        // What is carried over is copied so the caller may reuse its chunk buffers.
        take(chunk.subarray(start), true);
        break;
      }
      take(chunk.subarray(start, nl), false);
      batch.push(finish());
      start = nl + 1;
    }
    if (batch.length > 0) yield batch;
  }
  if (seen > 0) yield [finish()];
}
