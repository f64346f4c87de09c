/**
 * One pass over a byte stream that finds fixed needles and copies byte ranges at absolute offsets,
 * without keeping more than a small overlap between chunks. A needle hit is reported once, with
 * some bytes before it for context; a range is delivered when complete, or cut at the end.
 */
export interface NeedleHit {
  /** Absolute offset of the first byte of the needle. */
  readonly offset: number;
  /** Up to `before` bytes that precede the needle, nearest last. */
  readonly before: Buffer;
}

export interface Needle {
  readonly bytes: Buffer;
  readonly onHit: (hit: NeedleHit) => void;
}

interface PendingRange {
  readonly start: number;
  readonly buffer: Buffer;
  filled: number;
  readonly onDone: (bytes: Buffer, complete: boolean) => void;
}

export class StreamScanner {
  readonly #needles: Needle[] = [];
  readonly #overlap: number;
  readonly #before: number;
  #ranges: PendingRange[] = [];
  /** The bytes still at hand: the overlap kept from earlier chunks, plus the chunk being scanned. */
  #view: Buffer = Buffer.alloc(0);
  #viewStart = 0;

  constructor(options: { before: number; maxNeedle: number }) {
    this.#before = options.before;
    this.#overlap = options.before + options.maxNeedle;
  }

  /** Absolute offset just past the last byte seen. */
  get position(): number {
    return this.#viewStart + this.#view.length;
  }

  addNeedle(needle: Needle): void {
    this.#needles.push(needle);
  }

  /**
   * Asks for `length` bytes from `start`. Bytes that have already gone by are lost: such a request
   * completes at once, empty and incomplete.
   */
  requestRange(start: number, length: number, onDone: PendingRange["onDone"]): void {
    if (length <= 0) {
      onDone(Buffer.alloc(0), true);
      return;
    }
    if (start < this.#viewStart) {
      onDone(Buffer.alloc(0), false);
      return;
    }
    this.#ranges.push({ start, buffer: Buffer.alloc(length), filled: 0, onDone });
    this.#fill();
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const previousEnd = this.position;
    this.#view = this.#view.length > 0 ? Buffer.concat([this.#view, chunk]) : chunk;
    this.#fill();
    for (const needle of this.#needles) this.#find(needle, previousEnd);
    const keep = Math.min(this.#overlap, this.#view.length);
    const dropped = this.#view.length - keep;
    this.#view = Buffer.from(this.#view.subarray(dropped));
    this.#viewStart += dropped;
  }

  /** Completes every pending range with what it has. */
  finish(): void {
    const pending = this.#ranges;
    this.#ranges = [];
    for (const range of pending) range.onDone(range.buffer.subarray(0, range.filled), false);
  }

  #find(needle: Needle, previousEnd: number): void {
    const view = this.#view;
    const viewStart = this.#viewStart;
    // Only hits that end in the new bytes: earlier ones were reported with the previous chunk.
    let from = Math.max(0, previousEnd - viewStart - needle.bytes.length + 1);
    for (;;) {
      const at = view.indexOf(needle.bytes, from);
      if (at < 0) return;
      needle.onHit({ offset: viewStart + at, before: view.subarray(Math.max(0, at - this.#before), at) });
      from = at + 1;
    }
  }

  #fill(): void {
    const viewEnd = this.position;
    const current = this.#ranges;
    this.#ranges = [];
    const done: PendingRange[] = [];
    for (const range of current) {
      const from = range.start + range.filled;
      const to = range.start + range.buffer.length;
      if (from >= this.#viewStart && from < viewEnd) {
        range.filled += this.#view.copy(
          range.buffer,
          range.filled,
          from - this.#viewStart,
          Math.min(to, viewEnd) - this.#viewStart,
        );
      }
      if (range.filled === range.buffer.length) done.push(range);
      else this.#ranges.push(range);
    }
    for (const range of done) range.onDone(range.buffer, true);
  }
}
