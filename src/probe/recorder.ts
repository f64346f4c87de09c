/** One piece of the raw exchange as it crossed the socket (after TLS, before any parsing). */
export interface RecordedChunk {
  readonly direction: "out" | "in";
  /** Milliseconds since the probe started. */
  readonly atMs: number;
  readonly bytes: Buffer;
}

export interface RecorderLimits {
  /** Most bytes kept per direction; the rest is counted, not kept. */
  readonly maxBytesPerDirection: number;
}

/** Keeps every byte of an exchange with timestamps, within a cap per direction. */
export class Recorder {
  readonly #started: number;
  readonly #limits: RecorderLimits;
  readonly chunks: RecordedChunk[] = [];
  #kept = { out: 0, in: 0 };
  #seen = { out: 0, in: 0 };

  constructor(started: number, limits: RecorderLimits = { maxBytesPerDirection: 64 << 20 }) {
    this.#started = started;
    this.#limits = limits;
  }

  record(direction: "out" | "in", bytes: Buffer): void {
    this.#seen[direction] += bytes.length;
    const room = this.#limits.maxBytesPerDirection - this.#kept[direction];
    if (room <= 0) return;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.#kept[direction] += kept.length;
    this.chunks.push({ direction, atMs: performance.now() - this.#started, bytes: kept });
  }

  bytesSeen(direction: "out" | "in"): number {
    return this.#seen[direction];
  }

  /** All bytes of one direction, joined. */
  joined(direction: "out" | "in"): Buffer {
    return Buffer.concat(this.chunks.filter((c) => c.direction === direction).map((c) => c.bytes));
  }
}
