import { jsonRecord } from "../json-line.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef } from "../reader.ts";
import { type OutcomeEntry, OutcomeTable } from "./outcomes.ts";

/**
 * The fields of an Application Gateway access-log entry that tell how it ended, by their names in
 * the diagnostic log's `properties` and in Log Analytics (`httpStatus_d`, `serverRouted_s`; the
 * resource-specific table spells them with a capital: `HttpStatus`, `ServerRouted`).
 */
const FIELDS = ["httpStatus", "serverStatus", "serverRouted", "timeTaken"] as const;
type Field = (typeof FIELDS)[number];
type Entry = Partial<Record<Field, string>>;

/**
 * A `name_d | value` or `name_s: value` cell of a Log Analytics row as people copy it: one field
 * a line, or several separated by `|` or tabs.
 */
const CELL =
  /(?:^|[\s|])(?<name>[Hh]ttpStatus|[Ss]erverStatus|[Ss]erverRouted|[Tt]imeTaken)(?:_[sd])?\s*[|:=\t]\s*(?<value>[^|\t\s][^|\t]{0,2000}?)\s*(?=[|\t]|$)/g;
/** A line holds a cell of the fields that matter only if it names one with its Log Analytics suffix. */
const SUFFIXED =
  /(?:httpStatus|serverStatus|serverRouted|timeTaken)_[sd]\b|(?:HttpStatus|ServerRouted|TimeTaken)\s*[|:\t]/;

/** Any other Log Analytics column (`httpVersion_s | HTTP/1.1`): it belongs to the row being read. */
const ANY_COLUMN = /(?:^|[\s|])[a-z][A-Za-z]{1,60}_[sdgb]\s*[|:\t]/;

const STATUS = /^[1-5]\d\d$/;
/** Longest line looked at: a copied row holds a few dozen columns. */
const MAX_LINE = 16 << 10;
const ADDRESS = /^[\w.:[\]%-]+:\d{1,5}$/;
const SECONDS = /^\d{1,6}(?:\.\d{1,9})?$/;

function fieldName(name: string): Field {
  return (name.charAt(0).toLowerCase() + name.slice(1)) as Field;
}

/** The entry of a diagnostic-log JSON line (`"operationName":"ApplicationGatewayAccess"`). */
function fromJson(text: string): Entry | undefined {
  const record = jsonRecord(text);
  const properties = record?.properties;
  if (record?.operationName !== "ApplicationGatewayAccess" || !properties || typeof properties !== "object") {
    return undefined;
  }
  const entry: Entry = {};
  for (const field of FIELDS) {
    const value = (properties as Record<string, unknown>)[field];
    if (typeof value === "string" || typeof value === "number") entry[field] = String(value);
  }
  return entry;
}

/** The cells of the fields that matter on a line of a pasted Log Analytics row. */
function cellsOf(line: string): Entry | undefined {
  const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  if (!SUFFIXED.test(text)) return undefined;
  const entry: Entry = {};
  for (const m of text.matchAll(CELL)) {
    const name = m.groups?.name;
    const value = m.groups?.value;
    if (name && value !== undefined) entry[fieldName(name)] = value;
  }
  return Object.keys(entry).length > 0 ? entry : undefined;
}

/** The outcome fields of an entry, or undefined when it has no status to go by. */
function outcomeOf(entry: Entry): Omit<OutcomeEntry, "ref" | "count"> | undefined {
  if (!entry.httpStatus || !STATUS.test(entry.httpStatus)) return undefined;
  const targetStatus = entry.serverStatus && STATUS.test(entry.serverStatus) ? Number(entry.serverStatus) : undefined;
  const target = entry.serverRouted && ADDRESS.test(entry.serverRouted) ? entry.serverRouted : undefined;
  const seconds = entry.timeTaken && SECONDS.test(entry.timeTaken) ? Number(entry.timeTaken) : undefined;
  return {
    status: Number(entry.httpStatus),
    ...(targetStatus !== undefined ? { targetStatus } : {}),
    ...(target ? { target } : {}),
    ...(seconds !== undefined ? { seconds } : {}),
  };
}

/** Needles: the JSON form's operation name, and the fields' names as Log Analytics spells them. */
const APPGW_NEEDLES: readonly (string | RegExp)[] = ['"ApplicationGatewayAccess"', SUFFIXED];

/**
 * Azure Application Gateway access logs: diagnostic-log JSON lines, and rows copied from Log
 * Analytics whose fields may come one a line (`httpStatus_d | 504`, then `timeTaken_d | 30.211`);
 * entries are counted by status, backend status and backend like the other load balancers' logs.
 */
export const appGatewayAccessReader: LineReaderFactory = {
  format: "azure-appgw-access",
  needles: APPGW_NEEDLES,
  create(context) {
    const table = new OutcomeTable("azure-appgw");
    /** A Log Analytics row being read field by field, with the line it started on. */
    let row: { entry: Entry; first: Line } | undefined;
    const flushRow = (): void => {
      const done = row;
      row = undefined;
      const outcome = done && outcomeOf(done.entry);
      if (done && outcome) table.add({ ...outcome, count: 1, ref: lineRef(context.source, done.first) });
    };
    return {
      accept(line: Line): boolean {
        const text = line.text.trim();
        if (text.startsWith("{")) {
          const entry = fromJson(text);
          if (!entry) return false;
          flushRow();
          const outcome = outcomeOf(entry);
          if (outcome) table.add({ ...outcome, count: 1, ref: lineRef(context.source, line) });
          return true;
        }
        const cells = cellsOf(text);
        if (!cells) {
          if (row && ANY_COLUMN.test(text)) return true;
          flushRow();
          return false;
        }
        // A field the row already has starts the next row.
        if (row && Object.keys(cells).some((name) => row?.entry[name as Field] !== undefined)) flushRow();
        row ??= { entry: {}, first: line };
        Object.assign(row.entry, cells);
        return true;
      },
      inBlock: () => row !== undefined,
      end(): void {
        flushRow();
        table.flush(context);
      },
    };
  },
};
