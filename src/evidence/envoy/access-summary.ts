import type {
  EnvoyAccessCount,
  EnvoyAccessFormat,
  EnvoyAccessGroup,
  EnvoyAccessRecord,
  EnvoyAccessSummary,
  EnvoyHostCount,
  EnvoyTimeBucket,
} from "../../model/observations/envoy.ts";
import type { SourceRef } from "../../model/source.ts";
import { JsonKeyOrder, readJsonKey, scanJsonAccess } from "./access-json.ts";
import { accessRecordOf } from "./access-record.ts";
import { type AccessScan, istioDuration, newScan, recordStart, scanTextAccess } from "./access-text.ts";
import { detach } from "./detach.ts";
import { producerOf, splitFlags } from "./vocabulary.ts";

/** Caps that keep a summary's memory flat however large the log. */
export const SUMMARY_LIMITS = {
  heads: 1024,
  groups: 4096,
  hosts: 4096,
  clusters: 4096,
  pairs: 8192,
  buckets: 1440,
  samplesPerFailedGroup: 3,
  samplesPerOkGroup: 1,
  emittedSamples: 300,
  sampleChars: 4096,
};

interface Sample {
  readonly text: string;
  line: number;
  readonly byte: number;
}

export interface Group {
  count: number;
  firstMinute: number;
  lastMinute: number;
  minDuration: number;
  maxDuration: number;
  samples: Sample[];
}

export interface Head {
  /** The head as written, as stored in the table. */
  readonly key: string;
  readonly status: number;
  readonly flags: string;
  readonly details: string;
  readonly failed: boolean;
  count: number;
  /** By cluster id. */
  readonly groups: Map<number, Group>;
}

interface HostCount {
  total: number;
  failed: number;
}

/** An upstream host seen with a cluster: both counted through one lookup. */
export interface Pair {
  /** The key as stored (copied out of its chunk); empty when the table was full. */
  readonly key: string;
  readonly host: HostCount;
  readonly cluster: number;
  /** The group this pair fell in with the last head it was seen with. */
  lastHead: Head | undefined;
  lastGroup: Group | undefined;
}

interface Bucket {
  total: number;
  failed: number;
}

/** A summary as plain data, to pass between worker threads and merge. */
export interface SummaryState {
  readonly lines: number;
  readonly records: number;
  readonly folded: number;
  readonly formats: [string, number][];
  readonly heads: [string, number, [string, Group][]][];
  readonly hosts: [string, HostCount][];
  readonly bucketMinutes: number;
  readonly buckets: [number, Bucket][];
}

/** Failure: 5xx, status 0, a flag other than cache/delay, or a 4xx Envoy made itself. */
function isFailure(status: number, flags: readonly string[], details: string): boolean {
  if (status >= 500 || status === 0) return true;
  if (flags.some((flag) => flag !== "RFCF" && flag !== "DI")) return true;
  return status >= 400 && producerOf(details, flags) === "envoy";
}

const OTHER = "(other)";
const PAIR_CACHE = 16384;

const MINUTE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;
/** Characters of a timestamp that name its minute (`2024-03-11T08:00`). */
export const MINUTE_PREFIX = 16;

/** Minutes since the epoch of a timestamp's first 16 characters; -1 when they are not one. */
export function minuteOf(text: string): number {
  const match = MINUTE.exec(text);
  if (!match) return -1;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  return Number.isFinite(ms) ? Math.floor(ms / 60_000) : -1;
}

/**
 * Counts access-log records by status, flags, details, upstream cluster and host, and over time,
 * keeping a few example lines per (status, flags, details, cluster) group. Used line by line by
 * the evidence reader and chunk by chunk by the file summariser; both call `addRange`.
 */
export class AccessSummariser {
  lines = 0;
  records = 0;
  folded = 0;
  private readonly formats = new Map<string, number>();
  private readonly heads = new Map<string, Head>();
  private groupCount = 0;
  private readonly hosts = new Map<string, HostCount>();
  private readonly clusterIds = new Map<string, number>();
  private readonly clusterNames: string[] = [];
  private readonly pairs = new Map<string, Pair>();
  private bucketMinutes = 1;
  private readonly buckets = new Map<number, Bucket>();
  private readonly scan: AccessScan = newScan();
  private readonly jsonOrder = new JsonKeyOrder();
  private readonly time = { text: undefined as string | undefined };
  private minutePrefix = "";
  private minute = -1;
  private bucketKey = Number.NaN;
  private bucket: Bucket | undefined;
  private lastHeadKey = "";
  private lastHead: Head | undefined;
  private readonly pairCacheKeys: string[] = new Array<string>(PAIR_CACHE).fill("");
  private readonly pairCacheValues: (Pair | undefined)[] = new Array<Pair | undefined>(PAIR_CACHE).fill(undefined);
  private lastFormat = "";
  private lastFormatCount = 0;

  /** `latin1`: the text was decoded byte for byte and is re-decoded as UTF-8 on output. */
  private readonly latin1: boolean;

  constructor(latin1 = false) {
    this.latin1 = latin1;
  }

  /** Reads one line `s[from, to)`; true when it is an access record. */
  addRange(s: string, from: number, to: number, line: number, byte: number): boolean {
    this.lines++;
    if (to - from < 10) return false;
    const start = recordStart(s, from, to);
    if (start < 0) return false;
    if (s.charCodeAt(start) !== 0x5b && (from !== 0 || to !== s.length)) {
      // JSON searches are not bounded by the line: read a JSON line inside a chunk as its own string.
      return this.addRecord(s.slice(from, to), 0, to - from, start - from, line, byte);
    }
    return this.addRecord(s, from, to, start, line, byte);
  }

  /** Reads the record that starts at `start` in the line `s[from, to)`. */
  private addRecord(s: string, from: number, to: number, start: number, line: number, byte: number): boolean {
    const scan = this.scan;
    let minute: number;
    if (s.charCodeAt(start) === 0x5b) {
      if (!scanTextAccess(s, start, to, scan)) return false;
      minute = this.minuteAt(s, scan.timeStart, scan.timeEnd);
    } else {
      if (!scanJsonAccess(s, start, to, this.jsonOrder, scan, this.time)) return false;
      const text = this.time.text;
      minute = text === undefined ? -1 : this.minuteAt(text, 0, text.length);
    }
    let head: Head | undefined;
    if (scan.headStart >= 0) {
      scan.head = s.slice(scan.headStart, scan.headEnd);
      head = scan.head === this.lastHeadKey ? this.lastHead : this.headOf(scan.head, scan.status);
    } else {
      head = scan.head === this.lastHeadKey ? this.lastHead : this.headOf(scan.head, scan.status);
    }
    if (head !== undefined && head !== this.lastHead) {
      this.lastHeadKey = head.key;
      this.lastHead = head;
    }
    const pair =
      head === undefined
        ? undefined
        : scan.pairStart >= 0
          ? this.cachedPair(s, scan.pairStart, scan.pairEnd)
          : this.cachedPair(scan.pair, 0, scan.pair.length);
    const duration = !head?.failed
      ? -1
      : scan.headEnd >= 0
        ? istioDuration(s, scan.headEnd, to)
        : scan.format === "json" && scan.duration < 0
          ? Number(readJsonKey(s, start, to, "duration") ?? -1)
          : scan.duration;
    const group = this.count(scan.format, head, pair, minute, duration);
    if (group !== undefined)
      this.addSample(group, s.slice(from, Math.min(to, from + SUMMARY_LIMITS.sampleChars)), line, byte);
    return true;
  }

  /**
   * Counts one record read by either path: `head` undefined when the head table is full (the
   * record is folded), `duration` -1 when unknown or not needed. Returns the record's group when
   * that group still wants an example line.
   */
  count(
    format: EnvoyAccessFormat,
    head: Head | undefined,
    pair: Pair | undefined,
    minute: number,
    duration: number,
  ): Group | undefined {
    this.records++;
    this.countFormat(format);
    if (head === undefined || pair === undefined) {
      this.folded++;
      return undefined;
    }
    head.count++;
    const failed = head.failed;
    pair.host.total++;
    if (failed) pair.host.failed++;
    this.countTime(minute, failed);
    let group = pair.lastHead === head ? pair.lastGroup : undefined;
    if (group === undefined) {
      group = this.groupOf(head, pair.cluster);
      if (group === undefined) return undefined;
      pair.lastHead = head;
      pair.lastGroup = group;
    }
    group.count++;
    if (minute >= 0) {
      if (group.firstMinute < 0 || minute < group.firstMinute) group.firstMinute = minute;
      if (minute > group.lastMinute) group.lastMinute = minute;
    }
    if (failed && duration >= 0 && Number.isFinite(duration)) {
      if (group.minDuration < 0 || duration < group.minDuration) group.minDuration = duration;
      if (duration > group.maxDuration) group.maxDuration = duration;
    }
    const room = failed ? SUMMARY_LIMITS.samplesPerFailedGroup : SUMMARY_LIMITS.samplesPerOkGroup;
    return group.samples.length < room ? group : undefined;
  }

  /** The JSON key order, learned from the first JSON record (whoever read it). */
  get jsonKeyOrder(): JsonKeyOrder {
    return this.jsonOrder;
  }

  /** Keeps `text` (the record's line, cut to the sample size) as an example of its group. */
  addSample(group: Group, text: string, line: number, byte: number): void {
    group.samples.push({ text: detach(text), line, byte });
  }

  private countFormat(format: string): void {
    if (format === this.lastFormat) {
      this.lastFormatCount++;
      return;
    }
    this.flushFormat();
    this.lastFormat = format;
    this.lastFormatCount = 1;
  }

  private flushFormat(): void {
    if (this.lastFormatCount > 0) {
      this.formats.set(this.lastFormat, (this.formats.get(this.lastFormat) ?? 0) + this.lastFormatCount);
    }
    this.lastFormatCount = 0;
  }

  /** The head `status flags details` (as written); undefined once the head table is full. */
  headOf(key: string, status: number): Head | undefined {
    const known = this.heads.get(key);
    if (known !== undefined) return known;
    if (this.heads.size >= SUMMARY_LIMITS.heads) return undefined;
    const rest = key.slice(key.indexOf(" ") + 1);
    const space = rest.indexOf(" ");
    const flagText = space < 0 ? rest : rest.slice(0, space);
    const details = space < 0 ? "-" : rest.slice(space + 1) || "-";
    const flags = splitFlags(flagText);
    const kept = detach(key);
    const head: Head = {
      key: kept,
      status,
      flags: flags.length === 0 ? "-" : flags.join(","),
      details: this.text(detach(details)),
      failed: isFailure(status, flags, details),
      count: 0,
      groups: new Map(),
    };
    this.heads.set(kept, head);
    return head;
  }

  private groupOf(head: Head, cluster: number): Group | undefined {
    const known = head.groups.get(cluster);
    if (known !== undefined) return known;
    if (this.groupCount >= SUMMARY_LIMITS.groups) {
      this.folded++;
      return undefined;
    }
    this.groupCount++;
    const group: Group = { count: 0, firstMinute: -1, lastMinute: -1, minDuration: -1, maxDuration: -1, samples: [] };
    head.groups.set(cluster, group);
    return group;
  }

  /**
   * A direct-mapped cache in front of `pairOf`, indexed by a few characters of the key, so most
   * lines compare two strings instead of hashing one.
   */
  private cachedPair(s: string, from: number, to: number): Pair {
    const n = to - from;
    let hash = n;
    const head = Math.min(n, 16);
    for (let i = 0; i < head; i++) hash = Math.imul(hash ^ s.charCodeAt(from + i), 16777619);
    hash = Math.imul(hash ^ s.charCodeAt(to - 1), 16777619) ^ s.charCodeAt(from + (n >> 1));
    const slot = (hash ^ (hash >>> 15)) & (PAIR_CACHE - 1);
    const cached = this.pairCacheKeys[slot] as string;
    const key = from === 0 && to === s.length ? s : s.slice(from, to);
    if (cached.length === n && n > 0 && key === cached) return this.pairCacheValues[slot] as Pair;
    const pair = this.pairOf(key);
    this.pairCacheKeys[slot] = pair.key;
    this.pairCacheValues[slot] = pair;
    return pair;
  }

  /** The upstream pair `host" cluster`, counted through one lookup. */
  pairOf(key: string): Pair {
    const known = this.pairs.get(key);
    if (known !== undefined) return known;
    const quote = key.indexOf('"');
    const host = quote < 0 ? key : key.slice(0, quote);
    const cluster = quote < 0 ? "-" : key.slice(quote + 2);
    const room = this.pairs.size < SUMMARY_LIMITS.pairs;
    const kept = room ? detach(key) : "";
    const pair: Pair = {
      key: kept,
      host: this.hostOf(host || "-"),
      cluster: this.clusterId(cluster || "-"),
      lastHead: undefined,
      lastGroup: undefined,
    };
    if (room) this.pairs.set(kept, pair);
    return pair;
  }

  private clusterId(name: string): number {
    let id = this.clusterIds.get(name);
    if (id === undefined) {
      if (this.clusterNames.length >= SUMMARY_LIMITS.clusters && name !== OTHER) return this.clusterId(OTHER);
      id = this.clusterNames.length;
      const kept = detach(name);
      this.clusterNames.push(kept);
      this.clusterIds.set(kept, id);
    }
    return id;
  }

  private hostOf(name: string): HostCount {
    let entry = this.hosts.get(name);
    if (entry === undefined) {
      const key = this.hosts.size >= SUMMARY_LIMITS.hosts ? "(other)" : detach(name);
      entry = this.hosts.get(key);
      if (entry === undefined) {
        entry = { total: 0, failed: 0 };
        this.hosts.set(key, entry);
      }
    }
    return entry;
  }

  private minuteAt(s: string, start: number, end: number): number {
    const prefix = this.minutePrefix;
    if (prefix !== "" && end - start >= 16 && s.slice(start, start + 16) === prefix) return this.minute;
    const text = s.slice(start, Math.min(end, start + MINUTE_PREFIX));
    const minute = minuteOf(text);
    if (minute < 0) return -1;
    this.minutePrefix = detach(text);
    this.minute = minute;
    return minute;
  }

  private countTime(minute: number, failed: boolean): void {
    if (minute < 0) return;
    const key = Math.floor(minute / this.bucketMinutes);
    let bucket = this.bucket;
    if (key !== this.bucketKey || bucket === undefined) {
      bucket = this.buckets.get(key);
      if (bucket === undefined) {
        bucket = { total: 0, failed: 0 };
        this.buckets.set(key, bucket);
        if (this.buckets.size > SUMMARY_LIMITS.buckets) {
          this.coarsen();
          this.countTime(minute, failed);
          return;
        }
      }
      this.bucketKey = key;
      this.bucket = bucket;
    }
    bucket.total++;
    if (failed) bucket.failed++;
  }

  /** Doubles the bucket width until the timeline fits under the cap. */
  private coarsen(): void {
    while (this.buckets.size > SUMMARY_LIMITS.buckets) {
      const old = [...this.buckets];
      this.buckets.clear();
      for (const [key, bucket] of old) {
        const merged = Math.floor(key / 2);
        const into = this.buckets.get(merged) ?? { total: 0, failed: 0 };
        into.total += bucket.total;
        into.failed += bucket.failed;
        this.buckets.set(merged, into);
      }
      this.bucketMinutes *= 2;
    }
    this.bucket = undefined;
    this.bucketKey = Number.NaN;
  }

  private text(value: string): string {
    return this.latin1 ? Buffer.from(value, "latin1").toString("utf8") : value;
  }

  /** The summary as plain data (for worker threads). */
  state(): SummaryState {
    this.flushFormat();
    return {
      lines: this.lines,
      records: this.records,
      folded: this.folded,
      formats: [...this.formats],
      heads: [...this.heads].map(([key, head]) => [
        key,
        head.count,
        [...head.groups].map(([id, group]): [string, Group] => [this.clusterNames[id] ?? "-", group]),
      ]),
      hosts: [...this.hosts],
      bucketMinutes: this.bucketMinutes,
      buckets: [...this.buckets],
    };
  }

  /**
   * Adds a summary of the lines that follow this one's (a later range of the same file):
   * its line numbers are shifted by the lines read so far.
   */
  absorb(other: SummaryState): void {
    this.flushFormat();
    const offset = this.lines;
    this.lines += other.lines;
    this.records += other.records;
    this.folded += other.folded;
    for (const [format, count] of other.formats) this.formats.set(format, (this.formats.get(format) ?? 0) + count);
    for (const [key, count, groups] of other.heads) {
      const status = Number(key.slice(0, key.indexOf(" ")));
      const head = this.headOf(key, status);
      if (head === undefined) {
        this.folded += count;
        continue;
      }
      head.count += count;
      for (const [cluster, theirs] of groups) {
        const group = this.groupOf(head, this.clusterId(cluster));
        if (group === undefined) {
          this.folded += theirs.count - 1;
          continue;
        }
        mergeGroup(
          group,
          { ...theirs, samples: theirs.samples.map((x) => ({ ...x, line: x.line + offset })) },
          head.failed,
        );
      }
    }
    for (const [host, theirs] of other.hosts) {
      const entry = this.hostOf(host);
      entry.total += theirs.total;
      entry.failed += theirs.failed;
    }
    while (this.bucketMinutes < other.bucketMinutes) this.coarsenOnce();
    for (const [key, theirs] of other.buckets) {
      const minute = key * other.bucketMinutes;
      const mine = Math.floor(minute / this.bucketMinutes);
      const into = this.buckets.get(mine) ?? { total: 0, failed: 0 };
      into.total += theirs.total;
      into.failed += theirs.failed;
      this.buckets.set(mine, into);
    }
    if (this.buckets.size > SUMMARY_LIMITS.buckets) this.coarsen();
    this.bucket = undefined;
    this.bucketKey = Number.NaN;
  }

  private coarsenOnce(): void {
    const old = [...this.buckets];
    this.buckets.clear();
    for (const [key, bucket] of old) {
      const into = this.buckets.get(Math.floor(key / 2)) ?? { total: 0, failed: 0 };
      into.total += bucket.total;
      into.failed += bucket.failed;
      this.buckets.set(Math.floor(key / 2), into);
    }
    this.bucketMinutes *= 2;
  }

  /** Counts by (status, flags, cluster): the figure the benchmarks compare with other tools. */
  codeFlagsCluster(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [key, head] of this.heads) {
      const flagText = key.split(" ")[1] ?? "-";
      for (const [id, group] of head.groups) {
        const k = `${head.status} ${this.text(flagText)} ${this.text(this.clusterNames[id] ?? "-")}`;
        counts.set(k, (counts.get(k) ?? 0) + group.count);
      }
    }
    return counts;
  }

  /** The summary observation and the example records, for the engine. */
  observations(source: string): { summary: EnvoyAccessSummary; samples: EnvoyAccessRecord[] } | undefined {
    this.flushFormat();
    if (this.records === 0) return undefined;
    const merged = new Map<string, { head: Head; cluster: string; group: Group }>();
    const byStatus = new Map<string, number>();
    const byFlag = new Map<string, number>();
    const byDetails = new Map<string, number>();
    const byCluster = new Map<string, number>();
    let failed = 0;
    for (const head of this.heads.values()) {
      add(byStatus, String(head.status), head.count);
      for (const flag of head.flags === "-" ? ["-"] : head.flags.split(",")) add(byFlag, flag, head.count);
      add(byDetails, head.details, head.count);
      if (head.failed) failed += head.count;
      for (const [id, group] of head.groups) {
        const cluster = this.text(this.clusterNames[id] ?? "-");
        add(byCluster, cluster, group.count);
        // Heads written differently (long flag names) can name the same group.
        const key = `${head.status} ${head.flags} ${head.details} ${cluster}`;
        const seen = merged.get(key);
        if (seen) mergeGroup(seen.group, group, head.failed);
        else merged.set(key, { head, cluster, group: { ...group, samples: [...group.samples] } });
      }
    }
    const groups: (EnvoyAccessGroup & { head: Head; group: Group })[] = [...merged.values()].map(
      ({ head, cluster, group }) => ({
        status: head.status,
        flags: head.flags,
        details: head.details,
        cluster,
        count: group.count,
        ...(group.firstMinute >= 0 ? { firstTime: minuteIso(group.firstMinute) } : {}),
        ...(group.lastMinute >= 0 ? { lastTime: minuteIso(group.lastMinute) } : {}),
        head,
        group,
      }),
    );
    groups.sort((a, b) => b.count - a.count || compare(groupKey(a), groupKey(b)));
    const hosts: EnvoyHostCount[] = [...this.hosts]
      .map(([host, count]) => ({ host: this.text(host), total: count.total, failed: count.failed }))
      .sort((a, b) => b.failed - a.failed || b.total - a.total || compare(a.host, b.host));
    const timeline: EnvoyTimeBucket[] = [...this.buckets]
      .sort((a, b) => a[0] - b[0])
      .map(([key, bucket]) => ({ start: minuteIso(key * this.bucketMinutes), ...bucket }));
    const ref: SourceRef = { source, line: 1, byte: 0 };
    const summary: EnvoyAccessSummary = {
      type: "envoy.access-summary",
      ref,
      records: this.records,
      failed,
      formats: counted(this.formats),
      byStatus: counted(byStatus),
      byFlag: counted(byFlag),
      byDetails: counted(byDetails),
      byCluster: counted(byCluster).slice(0, 200),
      byHost: hosts.slice(0, 200),
      groups: groups.slice(0, 500).map(({ head: _h, group: _g, ...rest }) => rest),
      folded: this.folded,
      bucketMinutes: this.bucketMinutes,
      timeline,
    };
    const samples: EnvoyAccessRecord[] = [];
    const failedFirst = [...groups].sort((a, b) => Number(b.head.failed) - Number(a.head.failed));
    for (const entry of failedFirst) {
      if (!entry.head.failed) break;
      for (const sample of entry.group.samples) {
        if (samples.length >= SUMMARY_LIMITS.emittedSamples) break;
        const record = accessRecordOf(
          this.text(sample.text),
          { source, line: sample.line, byte: sample.byte },
          {
            groupCount: entry.count,
            minDuration: entry.group.minDuration,
            maxDuration: entry.group.maxDuration,
          },
        );
        if (record) samples.push(record);
      }
    }
    return { summary, samples };
  }
}

/** Adds one group's counts into another; examples keep their order, up to the cap. */
function mergeGroup(into: Group, from: Group, failed: boolean): void {
  into.count += from.count;
  if (from.firstMinute >= 0 && (into.firstMinute < 0 || from.firstMinute < into.firstMinute)) {
    into.firstMinute = from.firstMinute;
  }
  into.lastMinute = Math.max(into.lastMinute, from.lastMinute);
  if (from.minDuration >= 0 && (into.minDuration < 0 || from.minDuration < into.minDuration)) {
    into.minDuration = from.minDuration;
  }
  into.maxDuration = Math.max(into.maxDuration, from.maxDuration);
  const room = failed ? SUMMARY_LIMITS.samplesPerFailedGroup : SUMMARY_LIMITS.samplesPerOkGroup;
  for (const sample of from.samples) if (into.samples.length < room) into.samples.push(sample);
}

function add(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

function counted(map: ReadonlyMap<string, number>): EnvoyAccessCount[] {
  return [...map].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || compare(a.key, b.key));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupKey(group: EnvoyAccessGroup): string {
  return `${group.status} ${group.flags} ${group.details} ${group.cluster}`;
}

function minuteIso(minute: number): string {
  return new Date(minute * 60_000).toISOString();
}

export type { EnvoyAccessFormat };
