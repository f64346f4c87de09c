import type { AwsWait, CloudBalancer } from "../../model/observations/cloud-lb.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef } from "../reader.ts";
import { type OutcomeEntry, OutcomeTable } from "./outcomes.ts";

/** Longest line looked at: the request and user agent fields of an entry may be long. */
const MAX_LINE = 32 << 10;
/** Fields read; an ALB entry has about 30. */
const MAX_FIELDS = 40;

const ALB_TYPES = new Set(["http", "https", "h2", "grpcs", "ws", "wss"]);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const ADDRESS = /^(?:[\w.:[\]%-]+:\d{1,5}|-)$/;
const SECONDS = /^(?:-1|\d{1,9}(?:\.\d{1,9})?)$/;
/** `-` when no status was sent; older classic ELB entries write `0` for the backend's. */
const STATUS = /^(?:\d{3}|-|0)$/;

/** The ALB's connect timeout to a target, fixed by AWS; a 504 at about this age is a connect failure. */
const CONNECT_TIMEOUT_S = 10;

/**
 * Splits an access-log entry into its fields: space-separated, with `"…"` fields (request, user
 * agent, trace id…) kept whole and backslash escapes inside them left as written.
 */
function splitFields(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const end = Math.min(text.length, MAX_LINE);
  while (i < end && fields.length < MAX_FIELDS) {
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    if (i >= end) break;
    if (text.charCodeAt(i) === 0x22) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      fields.push(text.slice(i + 1, Math.min(j, end)));
      i = j + 1;
    } else {
      let j = i;
      while (j < end && text.charCodeAt(j) !== 0x20) j++;
      fields.push(text.slice(i, j));
      i = j;
    }
  }
  return fields;
}

/** An AWS access-log entry: which balancer wrote it and the fields of its outcome. */
interface AwsEntry {
  readonly balancer: CloudBalancer;
  readonly time: string;
  readonly entry: Omit<OutcomeEntry, "ref" | "count">;
}

/** Field positions of the two formats, from the start of the line. */
const LAYOUTS = {
  "aws-alb": { time: 1, elb: 2, target: 4, times: 5, status: 8, request: 12, created: 21, reason: 24 },
  "aws-elb": { time: 0, elb: 1, target: 3, times: 4, status: 7, request: 11, created: -1, reason: -1 },
} as const;

/** Reads an ALB entry (`https 2024-… app/name/id client:port target:port …`) or a classic ELB one. */
export function parseAwsEntry(text: string): AwsEntry | undefined {
  // The first field says the format, and is checked before the line is split: an ALB entry starts
  // with its request type, a classic ELB one with its ISO time.
  const space = text.indexOf(" ");
  const head = space < 0 ? text : text.slice(0, space);
  const balancer: CloudBalancer | undefined = ALB_TYPES.has(head)
    ? "aws-alb"
    : ISO_TIME.test(head)
      ? "aws-elb"
      : undefined;
  if (!balancer) return undefined;
  const f = splitFields(text);
  const at = LAYOUTS[balancer];
  if (f.length <= at.request) return undefined;
  const field = (i: number): string => (i >= 0 ? (f[i] ?? "") : "");
  const time = field(at.time);
  if (!ISO_TIME.test(time) || !ADDRESS.test(field(at.target - 1)) || !ADDRESS.test(field(at.target))) return undefined;
  if (balancer === "aws-alb" && !field(at.elb).startsWith("app/")) return undefined;
  const times = [field(at.times), field(at.times + 1), field(at.times + 2)];
  if (!times.every((t) => SECONDS.test(t))) return undefined;
  const statusField = field(at.status);
  const targetStatusField = field(at.status + 1);
  if (!STATUS.test(statusField) || !STATUS.test(targetStatusField)) return undefined;
  const status = statusOf(statusField);
  const targetStatus = statusOf(targetStatusField);
  const target = field(at.target);
  const reason = field(at.reason);
  const seconds = elapsed(field(at.created), time);
  const entry: AwsEntry["entry"] = {
    lb: field(at.elb),
    ...(status !== undefined ? { status } : {}),
    ...(targetStatus !== undefined ? { targetStatus } : {}),
    ...(target !== "-" ? { target } : {}),
    ...(reason !== "" && reason !== "-" ? { detail: reason } : {}),
    wait: waitOf(seconds),
    time,
    targetTimeMissing: times[1] === "-1",
    ...(seconds !== undefined ? { seconds } : {}),
  };
  return { balancer, time, entry };
}

function statusOf(field: string): number | undefined {
  return field === "-" || field === "0" ? undefined : Number(field);
}

/** Seconds from the request's arrival (`request_creation_time`) to the answer (`time`). */
function elapsed(created: string, answered: string): number | undefined {
  if (!ISO_TIME.test(created)) return undefined;
  const ms = utcMs(answered) - utcMs(created);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) / 1000 : undefined;
}

/** Milliseconds of an ISO time; JavaScript reads at most three digits of its fraction. */
function utcMs(iso: string): number {
  return Date.parse(`${iso.slice(0, -1).slice(0, 23)}Z`);
}

function waitOf(seconds: number | undefined): AwsWait {
  if (seconds === undefined) return "unknown";
  if (seconds < 1) return "instant";
  return seconds >= CONNECT_TIMEOUT_S - 0.5 && seconds < CONNECT_TIMEOUT_S + 1 ? "connect-timeout" : "long";
}

/**
 * Text every entry holds: an ALB entry names its balancer `app/…`; a classic ELB entry opens with
 * its time, whose last digit and `Z` a space follows (`…:43.945958Z my-lb …`): one string per digit.
 */
const AWS_NEEDLES: readonly string[] = ["app/", ..."0123456789".split("").map((digit) => `${digit}Z `)];

/**
 * AWS Application Load Balancer access logs (and the classic ELB's), summarised: entries are
 * counted by ELB status, target status, error reason, target and wait, with a few samples each.
 */
export const awsAccessLogReader: LineReaderFactory = {
  format: "aws-alb-access",
  needles: AWS_NEEDLES,
  create(context) {
    const tables = new Map<CloudBalancer, OutcomeTable>();
    return {
      accept(line: Line): boolean {
        const parsed = parseAwsEntry(line.text.trimStart());
        if (!parsed) return false;
        let table = tables.get(parsed.balancer);
        if (!table) {
          table = new OutcomeTable(parsed.balancer);
          tables.set(parsed.balancer, table);
        }
        table.add({ ...parsed.entry, count: 1, ref: lineRef(context.source, line, { time: parsed.time }) });
        return true;
      },
      end(): void {
        for (const table of tables.values()) table.flush(context);
      },
    };
  },
};

/**
 * A status only the ALB sends (460 client closed, 463 too many forwarded addresses, 464 protocol
 * version) named next to its server header, as a client or a probe reports it on one line
 * (`-> empty body, 464, Server: awselb/2.0`).
 */
const ALB_OWN_STATUS =
  /\b(?<status>46[034])\b[^\n]{0,160}?\bawselb\/|\bawselb\/[\d.]{1,10}\b[^\n]{0,160}?\b(?<after>46[034])\b/;

/** ALB statuses reported outside an access log, counted like the log's entries. */
export const awsStatusLineReader: LineReaderFactory = {
  format: "aws-alb-status",
  needles: ["awselb/"],
  create(context) {
    const table = new OutcomeTable("aws-alb");
    return {
      accept(line: Line): boolean {
        const groups = ALB_OWN_STATUS.exec(line.text.slice(0, MAX_LINE))?.groups;
        const status = groups?.status ?? groups?.after;
        if (!status) return false;
        table.add({ status: Number(status), count: 1, ref: lineRef(context.source, line) });
        return true;
      },
      end(): void {
        table.flush(context);
      },
    };
  },
};
