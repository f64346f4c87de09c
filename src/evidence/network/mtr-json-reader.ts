import type { HopStats } from "../../model/observations/network.ts";
import type { FileReaderFactory, FileReadResult, ReaderContext } from "../reader.ts";
import { mtrHop, mtrSummary } from "./mtr-reader.ts";

const MAX_BYTES = 16 << 20;
const MAX_HOPS = 64;

/** `mtr --json`: `{"report": {"mtr": {"dst": …}, "hubs": [{"count", "host", "Loss%", "Snt", …}]}}`. */
export const mtrJsonReader: FileReaderFactory = {
  format: "mtr-json",
  sniff(head) {
    const text = head.toString("utf8", 0, Math.min(head.length, 4096)).trimStart();
    return text.startsWith("{") && text.includes('"report"') && (text.includes('"hubs"') || text.includes('"mtr"'));
  },
  async read(chunks, context): Promise<FileReadResult> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      if (size + chunk.length > MAX_BYTES) return { records: 0, unknown: 1 };
      parts.push(chunk);
      size += chunk.length;
    }
    return readReport(Buffer.concat(parts, size).toString("utf8"), context);
  },
};

function readReport(text: string, context: ReaderContext): FileReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { records: 0, unknown: 1 };
  }
  const report = field(value, "report");
  const hubs = field(report, "hubs");
  if (!Array.isArray(hubs)) return { records: 0, unknown: 1 };
  const destination = field(field(report, "mtr"), "dst");
  const hops: HopStats[] = [];
  hubs.slice(0, MAX_HOPS).forEach((hub, i) => {
    const host = field(hub, "host");
    if (typeof host !== "string") return;
    const ref = { source: context.source, path: `report.hubs[${i}]`, excerpt: JSON.stringify(hub).slice(0, 400) };
    hops.push(
      mtrHop(
        {
          hop: numberOf(field(hub, "count")) || i + 1,
          host,
          lossPercent: numberOf(field(hub, "Loss%")),
          sent: numberOf(field(hub, "Snt")),
          best: numberOf(field(hub, "Best")),
          avg: numberOf(field(hub, "Avg")),
          worst: numberOf(field(hub, "Wrst")),
          stdev: numberOf(field(hub, "StDev")),
        },
        ref,
      ),
    );
  });
  if (hops.length === 0) return { records: 0, unknown: 1 };
  const last = hops[hops.length - 1] as HopStats;
  const ref = last.lossRefs[0] ?? { source: context.source, path: `report.hubs[${hops.length - 1}]` };
  context.emit(mtrSummary(hops, ref, typeof destination === "string" ? destination : undefined));
  return { records: hops.length, unknown: hubs.length - hops.length };
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** mtr writes numbers, or numbers in strings in older releases. */
function numberOf(value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : 0;
}
