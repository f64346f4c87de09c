/**
 * IP fragment reassembly with bounds: at most `maxDatagrams` datagrams in progress and
 * `maxBytes` per datagram. The oldest unfinished datagram is dropped (and counted) when full.
 */
interface Partial {
  pieces: { offset: number; data: Buffer }[];
  totalLength: number;
  bytes: number;
}

export class FragmentTable {
  private readonly open = new Map<string, Partial>();
  private readonly maxDatagrams: number;
  private readonly maxBytes: number;
  /** Datagrams given up on: too large, overlapping inconsistently, or evicted unfinished. */
  dropped = 0;
  reassembled = 0;

  constructor(maxDatagrams = 256, maxBytes = 65535) {
    this.maxDatagrams = maxDatagrams;
    this.maxBytes = maxBytes;
  }

  /** Adds one fragment; returns the whole payload when it is complete. */
  add(key: string, offset: number, more: boolean, data: Buffer): Buffer | "pending" | "dropped" {
    let partial = this.open.get(key);
    if (!partial) {
      if (this.open.size >= this.maxDatagrams) {
        const oldest = this.open.keys().next().value;
        if (oldest !== undefined) this.open.delete(oldest);
        this.dropped++;
      }
      partial = { pieces: [], totalLength: -1, bytes: 0 };
      this.open.set(key, partial);
    }
    if (offset + data.length > this.maxBytes || partial.bytes + data.length > this.maxBytes * 2) {
      this.open.delete(key);
      this.dropped++;
      return "dropped";
    }
    partial.pieces.push({ offset, data: Buffer.from(data) });
    partial.bytes += data.length;
    if (!more) partial.totalLength = offset + data.length;
    if (partial.totalLength < 0) return "pending";
    const whole = assemble(partial);
    if (!whole) return "pending";
    this.open.delete(key);
    this.reassembled++;
    return whole;
  }

  get pending(): number {
    return this.open.size;
  }
}

function assemble(partial: Partial): Buffer | undefined {
  const pieces = [...partial.pieces].sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const piece of pieces) {
    if (piece.offset > covered) return undefined;
    covered = Math.max(covered, piece.offset + piece.data.length);
  }
  if (covered < partial.totalLength) return undefined;
  const out = Buffer.alloc(partial.totalLength);
  for (const piece of pieces)
    piece.data.copy(out, piece.offset, 0, Math.max(0, Math.min(piece.data.length, partial.totalLength - piece.offset)));
  return out;
}
