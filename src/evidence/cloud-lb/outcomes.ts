import type { CloudBalancer, CloudLbOutcome, CloudLbTotals } from "../../model/observations/cloud-lb.ts";
import type { SourceRef } from "../../model/source.ts";
import type { ReaderContext } from "../reader.ts";

/** Caps that keep a log's table flat however many entries it has. */
export const OUTCOME_LIMITS = { groups: 512, samples: 3 };

/** What makes a request's group: every field of an outcome but the counts. */
type OutcomeFields = Pick<CloudLbOutcome, "lb" | "status" | "targetStatus" | "target" | "detail" | "wait">;

/** One entry (or, for pasted counts, `count` entries) of a load balancer log. */
export interface OutcomeEntry extends OutcomeFields {
  readonly count: number;
  readonly ref: SourceRef;
  readonly time?: string;
  readonly targetTimeMissing?: boolean;
  readonly seconds?: number;
}

interface Group {
  readonly fields: OutcomeFields;
  count: number;
  targetTimeMissing: number;
  longestSeconds: number;
  firstTime?: string;
  lastTime?: string;
  readonly samples: SourceRef[];
}

/** A request failed when the load balancer sent a 5xx or a 4xx of its own, or no status at all. */
function failedEntry(fields: OutcomeFields): boolean {
  const status = fields.status;
  if (status === undefined || status === 0 || status >= 500) return true;
  return status >= 400 && fields.targetStatus === undefined && fields.detail !== "response_sent_by_backend";
}

/**
 * Counts a load balancer log's entries by how they ended, keeping a few samples and the time span
 * of each group; emits one `cloudlb.outcome` per group and the log's totals at the end.
 */
export class OutcomeTable {
  readonly #balancer: CloudBalancer;
  readonly #groups = new Map<string, Group>();
  #entries = 0;
  #ungrouped = 0;
  #firstRef: SourceRef | undefined;

  constructor(balancer: CloudBalancer) {
    this.#balancer = balancer;
  }

  add(entry: OutcomeEntry): void {
    this.#entries += entry.count;
    this.#firstRef ??= entry.ref;
    // Targets and error details tell failures apart; successes are only counted.
    const failed = failedEntry(entry);
    const fields = pick(failed ? entry : { lb: entry.lb, status: entry.status, detail: entry.detail });
    const key = keyOf(fields);
    let group = this.#groups.get(key);
    if (!group) {
      if (this.#groups.size >= OUTCOME_LIMITS.groups) {
        this.#ungrouped += entry.count;
        return;
      }
      group = { fields, count: 0, targetTimeMissing: 0, longestSeconds: -1, samples: [] };
      this.#groups.set(key, group);
    }
    group.count += entry.count;
    if (entry.targetTimeMissing) group.targetTimeMissing += entry.count;
    if (entry.seconds !== undefined && entry.seconds > group.longestSeconds) group.longestSeconds = entry.seconds;
    if (entry.time !== undefined) {
      if (group.firstTime === undefined || entry.time < group.firstTime) group.firstTime = entry.time;
      if (group.lastTime === undefined || entry.time > group.lastTime) group.lastTime = entry.time;
    }
    if (group.samples.length < OUTCOME_LIMITS.samples) group.samples.push(entry.ref);
  }

  flush(context: ReaderContext): void {
    const first = this.#firstRef;
    if (!first) return;
    for (const group of this.#groups.values()) context.emit(outcomeOf(this.#balancer, group));
    const totals: CloudLbTotals = {
      type: "cloudlb.totals",
      ref: first,
      balancer: this.#balancer,
      entries: this.#entries,
      ungrouped: this.#ungrouped,
    };
    context.emit(totals);
    this.#groups.clear();
    this.#firstRef = undefined;
    this.#entries = 0;
    this.#ungrouped = 0;
  }
}

/** The fields that are set, without the entry's counts. */
function pick(fields: { readonly [K in keyof OutcomeFields]?: OutcomeFields[K] | undefined }): OutcomeFields {
  const out: { -readonly [K in keyof OutcomeFields]: OutcomeFields[K] } = {};
  if (fields.lb !== undefined) out.lb = fields.lb;
  if (fields.status !== undefined) out.status = fields.status;
  if (fields.targetStatus !== undefined) out.targetStatus = fields.targetStatus;
  if (fields.target !== undefined) out.target = fields.target;
  if (fields.detail !== undefined) out.detail = fields.detail;
  if (fields.wait !== undefined) out.wait = fields.wait;
  return out;
}

function keyOf(f: OutcomeFields): string {
  return [f.lb, f.status, f.targetStatus, f.target, f.detail, f.wait].map((v) => v ?? "").join("\u0000");
}

function outcomeOf(balancer: CloudBalancer, group: Group): CloudLbOutcome {
  return {
    type: "cloudlb.outcome",
    ref: group.samples[0] as SourceRef,
    balancer,
    ...group.fields,
    count: group.count,
    ...(group.targetTimeMissing > 0 ? { targetTimeMissing: group.targetTimeMissing } : {}),
    ...(group.longestSeconds >= 0 ? { longestSeconds: group.longestSeconds } : {}),
    ...(group.firstTime !== undefined ? { firstTime: group.firstTime, lastTime: group.lastTime } : {}),
    samples: group.samples,
    ...(group.fields.target !== undefined ? { correlation: { upstream: group.fields.target } } : {}),
  };
}
