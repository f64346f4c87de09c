import type { Io } from "./io.ts";

const EVERY_MS = 250;
const MIN_BYTES = 64 << 20;

/**
 * Progress on standard error for large inputs: shown only on a terminal, only after 64 MiB, and
 * at most four times a second. The report on standard output is never touched.
 */
export function progressReporter(io: Io, quiet: boolean) {
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    update(source: string, bytes: number): void {
      if (quiet || !io.stderrIsTTY || bytes < MIN_BYTES) return;
      const now = Date.now();
      if (now - last < EVERY_MS) return;
      last = now;
      shown = true;
      const mb = bytes / (1 << 20);
      const rate = mb / Math.max((now - started) / 1000, 0.001);
      io.stderr.write(`\rreading ${source}: ${mb.toFixed(0)} MiB (${rate.toFixed(0)} MiB/s)   `);
    },
    done(): void {
      if (shown) io.stderr.write("\r\u001b[K");
    },
  };
}
