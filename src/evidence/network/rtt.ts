import type { RttStats } from "../../model/observations/network.ts";

/** Running RTT figures in constant memory: count, sum, sum of squares, min, max. */
export class RttAccumulator {
  count = 0;
  private sum = 0;
  private squares = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = 0;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.count++;
    this.sum += ms;
    this.squares += ms * ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** The figures, or undefined before the first sample; mdev is the standard deviation. */
  stats(): RttStats | undefined {
    if (this.count === 0) return undefined;
    const avg = this.sum / this.count;
    const variance = Math.max(0, this.squares / this.count - avg * avg);
    return { min: round(this.min), avg: round(avg), max: round(this.max), mdev: round(Math.sqrt(variance)) };
  }
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? round((100 * part) / whole, 2) : 0;
}
