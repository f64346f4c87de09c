import type { ProxyAccessGroup, ProxyName } from "../../model/observations/proxies.ts";
import type { Line } from "../lines.ts";
import { lineRef, type ReaderContext } from "../reader.ts";

const MAX_GROUPS = 64;
const EXAMPLES_PER_GROUP = 3;
const MAX_STATUSES = 64;

/** One access-log line, as far as the summary needs it. */
export interface AccessEntry {
  readonly status: number;
  readonly backend?: string;
  readonly router?: string;
  readonly originStatus?: number;
  readonly durationMs?: number;
  readonly path?: string;
}

const notable = (status: number): boolean => status === 499 || status >= 500;

interface MutableGroup extends Omit<ProxyAccessGroup, "count" | "longestMs" | "examples"> {
  count: number;
  longestMs: number;
  examples: ProxyAccessGroup["examples"][number][];
}

/**
 * Counts access-log lines by status and groups the notable ones (499, 5xx) by status, backend and
 * whether the upstream answered, keeping a few example lines each: memory stays flat on any size.
 */
export class AccessTally {
  readonly #proxy: ProxyName;
  #lines = 0;
  #ungrouped = 0;
  readonly #byStatus = new Map<string, number>();
  readonly #groups = new Map<string, MutableGroup>();

  constructor(proxy: ProxyName) {
    this.#proxy = proxy;
  }

  add(context: ReaderContext, line: Line, entry: AccessEntry): void {
    this.#lines++;
    const status = String(entry.status);
    if (this.#byStatus.has(status) || this.#byStatus.size < MAX_STATUSES) {
      this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + 1);
    }
    if (!notable(entry.status)) return;
    const key = `${status} ${entry.backend ?? ""} ${entry.originStatus === 0 ? "own" : ""}`;
    let group = this.#groups.get(key);
    if (!group) {
      if (this.#groups.size >= MAX_GROUPS) {
        this.#ungrouped++;
        return;
      }
      group = {
        status: entry.status,
        ...(entry.backend ? { backend: entry.backend } : {}),
        ...(entry.router ? { router: entry.router } : {}),
        ...(entry.originStatus !== undefined ? { originStatus: entry.originStatus } : {}),
        ...(entry.path ? { path: entry.path.split("?")[0] as string } : {}),
        count: 0,
        longestMs: 0,
        examples: [],
      };
      this.#groups.set(key, group);
    }
    group.count++;
    if (entry.durationMs !== undefined) group.longestMs = Math.max(group.longestMs, entry.durationMs);
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push(lineRef(context.source, line));
  }

  end(context: ReaderContext): void {
    if (this.#lines === 0) return;
    const groups = [...this.#groups.values()];
    context.emit({
      type: "proxy.access-summary",
      ref: groups[0]?.examples[0] ?? { source: context.source },
      proxy: this.#proxy,
      lines: this.#lines,
      byStatus: Object.fromEntries(this.#byStatus),
      groups,
      ungrouped: this.#ungrouped,
    });
  }
}
