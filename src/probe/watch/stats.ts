import type { OutageWindow, RttSummary, WatchFigures } from "../../model/observations/probe.ts";

/** One attempt of a watch loop: a connect, a PING, or a request. */
export interface Attempt {
  readonly target: string;
  readonly seq: number;
  /** Milliseconds since the loop started. */
  readonly at: number;
  readonly ok: boolean;
  /** Round trip in milliseconds, for successful attempts. */
  readonly rttMs?: number;
  readonly error?: string;
  /** True when a TCP connect succeeded only after the kernel resent its SYN (a lost packet). */
  readonly retransmitted?: boolean;
}

export interface TargetStats extends WatchFigures {
  readonly lastErrors: readonly string[];
}

const MAX_SAMPLES = 100_000;
const LAST_ERRORS = 5;

/** Accumulates attempts for one target with bounded memory. */
export class StatsCollector {
  readonly #target: string;
  #sent = 0;
  #ok = 0;
  #retransmitted = 0;
  #rtts: number[] = [];
  #lastErrors: string[] = [];
  #errorCounts = new Map<string, number>();
  #run: { fromMs: number; toMs: number; attempts: number } | null = null;
  #longest: OutageWindow | null = null;

  constructor(target: string) {
    this.#target = target;
  }

  add(attempt: Attempt): void {
    this.#sent++;
    if (attempt.ok) {
      this.#ok++;
      if (attempt.retransmitted) this.#retransmitted++;
      if (attempt.rttMs !== undefined && this.#rtts.length < MAX_SAMPLES) this.#rtts.push(attempt.rttMs);
      this.#closeRun();
      return;
    }
    const error = attempt.error ?? "failed";
    this.#lastErrors.push(error);
    if (this.#lastErrors.length > LAST_ERRORS) this.#lastErrors.shift();
    if (this.#errorCounts.size < 50 || this.#errorCounts.has(error)) {
      this.#errorCounts.set(error, (this.#errorCounts.get(error) ?? 0) + 1);
    }
    if (this.#run) {
      this.#run.toMs = attempt.at;
      this.#run.attempts++;
    } else {
      this.#run = { fromMs: attempt.at, toMs: attempt.at, attempts: 1 };
    }
    this.#keepLongest(this.#run);
  }

  #closeRun(): void {
    this.#run = null;
  }

  #keepLongest(run: OutageWindow): void {
    if (!this.#longest || run.attempts > this.#longest.attempts) this.#longest = { ...run };
  }

  snapshot(): TargetStats {
    const failed = this.#sent - this.#ok;
    const lost = failed + this.#retransmitted;
    return {
      target: this.#target,
      sent: this.#sent,
      ok: this.#ok,
      failed,
      retransmitted: this.#retransmitted,
      lossPct: this.#sent === 0 ? 0 : round((lost / this.#sent) * 100),
      rtt: summarise(this.#rtts),
      longestOutage: this.#longest,
      lastErrors: [...this.#lastErrors],
      errorCounts: Object.fromEntries(this.#errorCounts),
    };
  }
}

function summarise(values: readonly number[]): RttSummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
  return {
    min: round(sorted[0] as number),
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: round(sorted[sorted.length - 1] as number),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
