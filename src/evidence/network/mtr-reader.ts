import type { HopStats, NetworkTraceSummary } from "../../model/observations/network.ts";
import type { SourceRef } from "../../model/source.ts";
import { WHITE_SPACE } from "../gate/literals.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { round } from "./rtt.ts";

const HEADER = /^HOST:\s+\S+\s+Loss%\s+Snt\s+Last\s+Avg\s+Best\s+Wrst\s+StDev\s*$/;
const START = /^Start:\s+\S/;
const ROW =
  /^\s*(?<hop>\d{1,3})\.(?:\|--|\s)\s*(?:AS\S+\s+)?(?<host>\S+(?: \([^)]*\))?)\s+(?<loss>\d+(?:\.\d+)?)%?\s+(?<sent>\d+)\s+(?<last>[\d.]+)\s+(?<avg>[\d.]+)\s+(?<best>[\d.]+)\s+(?<worst>[\d.]+)\s+(?<stdev>[\d.]+)\s*$/;
/** With `-w`, extra hosts answering at the same hop are listed under it. */
const EXTRA_HOST = /^\s+\|\s+`\|--\s+(?<host>\S+)\s*$/;
const MAX_HOPS = 64;

/** `mtr --report` / `mtr -r -w` output: Loss%, Snt and RTTs per hop. */
class MtrReader implements LineReader {
  private readonly context: ReaderContext;
  private ref: SourceRef | undefined;
  private hops: HopStats[] = [];
  private lastRowRef: SourceRef | undefined;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    const text = line.text;
    if (START.test(text) && /\d/.test(text)) {
      this.flush();
      return true;
    }
    if (HEADER.test(text)) {
      this.flush();
      this.ref = lineRef(this.context.source, line);
      return true;
    }
    if (!this.ref) return false;
    const row = ROW.exec(text);
    if (row?.groups) {
      this.addRow(row.groups as Record<string, string>, lineRef(this.context.source, line));
      return true;
    }
    const extra = EXTRA_HOST.exec(text);
    if (extra?.groups && this.hops.length > 0) {
      const last = this.hops[this.hops.length - 1] as HopStats;
      this.hops[this.hops.length - 1] = {
        ...last,
        addresses: [...last.addresses, addressOf(extra.groups.host as string)],
      };
      return true;
    }
    this.flush();
    return false;
  }

  /** After the header, rows come until a line that is not one. */
  inBlock(): boolean {
    return this.ref !== undefined;
  }

  end(): void {
    this.flush();
  }

  private addRow(groups: Record<string, string>, ref: SourceRef): void {
    if (this.hops.length >= MAX_HOPS) return;
    this.lastRowRef = ref;
    this.hops.push(
      mtrHop(
        {
          hop: Number(groups.hop),
          host: groups.host as string,
          lossPercent: Number(groups.loss),
          sent: Number(groups.sent),
          best: Number(groups.best),
          avg: Number(groups.avg),
          worst: Number(groups.worst),
          stdev: Number(groups.stdev),
        },
        ref,
      ),
    );
  }

  private flush(): void {
    const ref = this.ref;
    const hops = this.hops;
    const lastRowRef = this.lastRowRef;
    this.ref = undefined;
    this.hops = [];
    this.lastRowRef = undefined;
    if (ref && hops.length > 0) this.context.emit(mtrSummary(hops, lastRowRef ?? ref));
  }
}

/** One hop as mtr reports it, in any of its output formats. */
export interface MtrRow {
  readonly hop: number;
  readonly host: string;
  readonly lossPercent: number;
  readonly sent: number;
  readonly best: number;
  readonly avg: number;
  readonly worst: number;
  readonly stdev: number;
}

export function mtrHop(row: MtrRow, ref: SourceRef): HopStats {
  const lossPercent = Math.min(100, Math.max(0, row.lossPercent));
  const lost = Math.round((row.sent * lossPercent) / 100);
  const host = addressOf(row.host);
  return {
    hop: row.hop,
    addresses: host === "???" ? [] : [host],
    sent: row.sent,
    lost,
    lossPercent: round(lossPercent, 2),
    lossRefs: lost > 0 ? [ref] : [],
    ...(lost < row.sent ? { rtt: { min: row.best, avg: row.avg, max: row.worst, mdev: row.stdev } } : {}),
  };
}

/** An mtr report: one run whose last hop is the target. */
export function mtrSummary(hops: readonly HopStats[], ref: SourceRef, destination?: string): NetworkTraceSummary {
  const last = hops[hops.length - 1];
  const target = last?.addresses[0] ?? destination ?? "???";
  return {
    type: "network.trace-summary",
    ref,
    tool: "mtr",
    mode: "unknown",
    target,
    runs: 1,
    runsReaching: last && last.lost < last.sent ? 1 : 0,
    hops,
    correlation: { upstream: target },
  };
}

/** `name (1.2.3.4)` → `1.2.3.4`; a bare name or address stays. */
function addressOf(host: string): string {
  const inParens = /\(([^)]+)\)$/.exec(host);
  return inParens ? (inParens[1] as string) : host;
}

export const mtrReader: LineReaderFactory = {
  format: "mtr",
  // START (`Start: 2024-…`) and HEADER; the rows are read only after the header.
  needles: [...WHITE_SPACE.map((space) => `Start:${space}`), "Loss%"],
  create: (context) => new MtrReader(context),
};
