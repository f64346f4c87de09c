import { findingDef } from "../catalogue/index.ts";
import type { CauseId } from "../model/cause.ts";
import type { Finding } from "../model/finding.ts";
import type { SourceRef } from "../model/source.ts";

/**
 * Failures of a connection or stream already up (a reset, an EOF, a stream cut) that repeat at a
 * steady interval are a timer's doing: an idle or maximum-duration timeout on a hop, or a
 * connection age. Connect failures and refusals are left out: retry loops repeat them steadily too.
 * So are failures read as a reused idle connection: they come with the traffic's own pace.
 */
const CUT_CAUSES: ReadonlySet<CauseId> = new Set<CauseId>([
  "upstream.truncated-body",
  "connection.goaway",
  "timeout.route",
  "network.path-loss",
]);
const MIN_REPEATS = 3;
/** Below this, the steady cadence is more likely a health check's or a probe's period. */
const MIN_INTERVAL_S = 15;
const MAX_INTERVAL_S = 2 * 3600;
/** How far each gap may stray from the median gap: a few seconds, or a tenth of it. */
const TOLERANCE_S = 3;
const TOLERANCE_SHARE = 0.1;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** A line's own time near its start, in the shapes logs print it. */
const STAMPS: readonly { readonly pattern: RegExp; readonly parts: (m: RegExpExecArray) => number[] }[] = [
  {
    // 2023-06-17T00:27:25+02:00, 2023/06/17 00:27:25, [2023-05-04 11:37:42,136]
    pattern: /(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?/,
    parts: (m) => [
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6]),
      fraction(m[7]),
    ],
  },
  {
    // [17/Jun/2023:00:27:25 +0000]
    pattern: /(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})/,
    parts: (m) => [
      Number(m[3]),
      MONTHS.indexOf(m[2] as string),
      Number(m[1]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6]),
      0,
    ],
  },
  {
    // klog: E0617 00:27:25.123456
    pattern: /^[IWEF](\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/,
    parts: (m) => [2000, Number(m[1]) - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), fraction(m[6])],
  },
  {
    // syslog: Jun 17 00:27:25
    pattern: /^([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2})/,
    parts: (m) => [2000, MONTHS.indexOf(m[1] as string), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), 0],
  },
];
/** How far into a line its time may start (after a level, a bracket, a pod's name). */
const STAMP_REACH = 80;

function fraction(digits: string | undefined): number {
  return digits ? Number(`0.${digits}`) : 0;
}

/** Seconds on the line's own clock (its zone ignored: one source keeps one zone), if it shows one. */
export function lineSeconds(ref: SourceRef): number | undefined {
  const text = (ref.time ?? ref.excerpt ?? "").slice(0, STAMP_REACH);
  for (const { pattern, parts } of STAMPS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [year, month, day, hour, minute, second, part] = parts(m) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
    return Date.UTC(year, month, day, hour, minute, second) / 1000 + part;
  }
  return undefined;
}

function leadingCause(finding: Finding): CauseId | undefined {
  const causes = findingDef(finding.code)?.causes ?? [];
  let best: { cause: CauseId; weight: number } | undefined;
  for (const link of causes) if (link.weight > 0 && (!best || link.weight > best.weight)) best = link;
  return best?.cause;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** The steady interval between the times, in seconds, if every gap keeps to it. */
export function steadyInterval(times: readonly number[]): number | undefined {
  if (times.length < MIN_REPEATS) return undefined;
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] as number));
  const typical = median(gaps);
  if (typical < MIN_INTERVAL_S || typical > MAX_INTERVAL_S) return undefined;
  const tolerance = Math.max(TOLERANCE_S, typical * TOLERANCE_SHARE);
  return gaps.every((gap) => Math.abs(gap - typical) <= tolerance) ? typical : undefined;
}

/**
 * One finding per failure that repeats at a steady interval in one source: the interval is the
 * evidence that a timer, not chance, cuts the connection.
 */
export function rhythmFindings(findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    if (!CUT_CAUSES.has(leadingCause(finding) as CauseId)) continue;
    const bySource = new Map<string, { ref: SourceRef; at: number }[]>();
    for (const ref of finding.evidence) {
      const at = lineSeconds(ref);
      if (at === undefined) continue;
      const list = bySource.get(ref.source) ?? [];
      list.push({ ref, at });
      bySource.set(ref.source, list);
    }
    for (const timed of bySource.values()) {
      const every = steadyInterval(timed.map((t) => t.at));
      if (every === undefined) continue;
      out.push({
        code: "PD1930",
        subject: finding.subject,
        vars: { failure: finding.code, every: Math.round(every), count: timed.length },
        evidence: timed.map((t) => t.ref),
      });
      break;
    }
  }
  return out;
}
