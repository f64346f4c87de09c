import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { emitSignal } from "./emit-signal.ts";
import { cellsOf, columnsOf } from "./kube-reader.ts";

/** `istioctl proxy-status`: one row per proxy, one column per xDS type (SYNCED, NOT SENT, STALE…). */
const HEADER = /^NAME\s+(?:CLUSTER\s+)?CDS\s+LDS\s+EDS\s+RDS\b.*\b(?:ISTIOD|PILOT)\b/;
const XDS_TYPES = ["CDS", "LDS", "EDS", "RDS", "ECDS"];
const STATES = /^(?:SYNCED|NOT SENT|STALE|IGNORED|ERROR)\b/;

export interface ProxyStatusRow {
  readonly proxy: string;
  /** Each xDS type's state as printed (`SYNCED`, `STALE (Never Acknowledged)`…). */
  readonly states: Readonly<Record<string, string>>;
}

export function parseProxyStatusRow(text: string, columns: ReturnType<typeof columnsOf>): ProxyStatusRow | undefined {
  if (columns[0]?.name !== "NAME") return undefined;
  const cells = cellsOf(text, columns);
  const proxy = (cells.get("NAME") ?? "").split(/\s+/)[0] ?? "";
  if (proxy === "") return undefined;
  const states: Record<string, string> = {};
  for (const type of XDS_TYPES) {
    const value = cells.get(type);
    if (value === undefined) continue;
    if (!STATES.test(value)) return undefined;
    states[type] = value;
  }
  return Object.keys(states).length > 0 ? { proxy, states } : undefined;
}

class ProxyStatusReader implements LineReader {
  private readonly context: ReaderContext;
  private columns: ReturnType<typeof columnsOf> | undefined;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    if (HEADER.test(line.text)) {
      this.columns = columnsOf(line.text);
      return true;
    }
    if (!this.columns) return false;
    const row = parseProxyStatusRow(line.text, this.columns);
    if (!row) {
      this.columns = undefined;
      return false;
    }
    const stale = Object.entries(row.states).filter(([, state]) => /^(?:STALE|ERROR)/.test(state));
    if (stale.length > 0) {
      const [, pod, namespace] = /^([a-z0-9][a-z0-9-]*)\.([a-z0-9-]+)$/.exec(row.proxy) ?? [];
      emitSignal(
        this.context,
        line,
        {
          signal: "proxy-status-stale",
          details: { proxy: row.proxy, types: stale.map(([type]) => type).join(","), state: stale[0]?.[1] ?? "" },
        },
        {
          origin: "istio",
          message: line.text.trim(),
          ...(pod && namespace ? { correlation: { pod, namespace } } : {}),
        },
      );
    }
    return true;
  }

  /** After the header, every line is a row until one is not. */
  inBlock(): boolean {
    return this.columns !== undefined;
  }

  end(): void {}
}

export const proxyStatusReader: LineReaderFactory = {
  format: "istioctl-proxy-status",
  needles: [HEADER],
  create: (context) => new ProxyStatusReader(context),
};
