import type { SourceRef } from "../../model/source.ts";
import { WHITE_SPACE } from "../gate/literals.ts";
import { jsonRecord } from "../json-line.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { emitSignal } from "./emit-signal.ts";
import { isKeptMetric } from "./metrics-reader.ts";
import { correlationOfCluster, correlationOfProxyId } from "./names.ts";
import { PushStatusBlock } from "./push-status.ts";
import { classifyMeshMessage } from "./signatures.ts";

/** One line of an Istio component's log (istiod, pilot-agent, istio-init, istio-cni). */
export interface IstioLogLine {
  readonly time: string;
  readonly level: string;
  readonly scope?: string;
  /** True when the scope was guessed from a line whose tabs were lost. */
  readonly scopeGuessed?: boolean;
  readonly message: string;
}

const LEVEL_NAMES = ["debug", "info", "warn", "warning", "error", "fatal"];
const LEVELS = new Set(LEVEL_NAMES);
const TEXT_PREFIX =
  /^(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d))\s+(?<level>debug|info|warn|warning|error|fatal)\s+(?<rest>.*)$/;
/** Istio scopes are lower-case words (`ads`, `xdsproxy`, `model`, `cache`, `envoy`); a message starts otherwise. */
const SCOPE = /^([a-z][a-z0-9_.-]*)(?:\t|\s+)(.*)$/;

/** Parses Istio's text format (`time\tlevel\tscope\tmessage`) or its JSON form (`--log_as_json`). */
export function parseIstioLogLine(text: string): IstioLogLine | undefined {
  if (text.startsWith("{")) return parseJsonLine(text);
  const match = TEXT_PREFIX.exec(text);
  if (!match?.groups) return undefined;
  const { time, level, rest } = match.groups as { time: string; level: string; rest: string };
  if (text.includes("\t")) {
    // Tab-separated as Istio prints it: a scope is there only when a tab follows it.
    const tabbed = rest.split("\t");
    if (tabbed.length >= 2 && /^[a-z][a-z0-9_.-]*$/.test(tabbed[0] as string)) {
      return { time, level, scope: tabbed[0] as string, message: tabbed.slice(1).join("\t") };
    }
    return { time, level, message: rest };
  }
  // Tabs lost in a copy: a lower-case first word is taken for the scope.
  const scoped = SCOPE.exec(rest);
  if (scoped && !scoped[1]?.includes("."))
    return { time, level, scope: scoped[1] as string, scopeGuessed: true, message: scoped[2] as string };
  return { time, level, message: rest };
}

function parseJsonLine(text: string): IstioLogLine | undefined {
  const record = jsonRecord(text);
  if (!record) return undefined;
  const level = record.level;
  const message = record.msg;
  const time = record.time ?? record.ts;
  if (typeof level !== "string" || !LEVELS.has(level) || typeof message !== "string") return undefined;
  if (typeof record.scope !== "string") return undefined;
  return { time: typeof time === "string" ? time : "", level, scope: record.scope, message };
}

/** iptables-restore prints these after an error; they belong to the block before them. */
const IPTABLES_TRAILER =
  /^(?:Error occurred at line: \d+|Try `ip6?tables-restore -h' or 'ip6?tables-restore --help'.*)$/;

class IstioLogReader implements LineReader {
  private readonly context: ReaderContext;
  private afterIptablesError = false;
  private pushStatus: { block: PushStatusBlock; ref: SourceRef } | undefined;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    if (this.pushStatus) {
      // A new log line means the block was cut short; it is dropped and the line read as usual.
      if (!TEXT_PREFIX.test(line.text)) {
        if (this.pushStatus.block.add(line.text)) this.endPushStatus();
        return true;
      }
      this.endPushStatus();
    }
    if (this.afterIptablesError && (line.text === "" || IPTABLES_TRAILER.test(line.text))) return true;
    this.afterIptablesError = false;
    const prefixed = KUBECTL_PREFIX.exec(line.text);
    const parsed = parseIstioLogLine(prefixed ? line.text.slice(prefixed[0].length) : line.text);
    if (!parsed) return false;
    const correlation = prefixed ? { pod: prefixed[1] as string, container: prefixed[2] as string } : undefined;
    if (parsed.message.startsWith(PUSH_STATUS)) {
      this.pushStatus = { block: new PushStatusBlock(), ref: lineRef(this.context.source, line) };
      if (this.pushStatus.block.add(parsed.message.slice(PUSH_STATUS.length))) this.endPushStatus();
      return true;
    }
    const hit =
      classifyMeshMessage(parsed.message, "istio") ??
      (parsed.scopeGuessed ? classifyMeshMessage(`${parsed.scope} ${parsed.message}`, "istio") : undefined);
    if (hit) {
      this.afterIptablesError = hit.signal === "iptables-raw-table-missing";
      emitSignal(this.context, line, hit, {
        origin: hit.signal.startsWith("etcd-") ? "etcd" : "istio",
        message: parsed.message,
        level: parsed.level,
        time: parsed.time,
        ...(parsed.scope ? { scope: parsed.scope } : {}),
        ...(correlation ? { correlation } : {}),
      });
    }
    return true;
  }

  /** A push status block's lines, or iptables-restore's lines after its error, come next. */
  inBlock(): boolean {
    return this.pushStatus !== undefined || this.afterIptablesError;
  }

  end(): void {
    if (this.pushStatus) this.endPushStatus();
  }

  /** Each entry of a push status naming a kept metric becomes a sample of value 1. */
  private endPushStatus(): void {
    const status = this.pushStatus;
    this.pushStatus = undefined;
    if (!status) return;
    for (const entry of status.block.entries()) {
      if (!isKeptMetric(entry.metric)) continue;
      const isCluster = entry.key.includes("|");
      const correlation = isCluster ? correlationOfCluster(entry.key) : correlationOfProxyId(entry.key);
      this.context.emit({
        type: "mesh.metric",
        ref: {
          ...status.ref,
          excerpt: `Push Status: ${entry.metric} ${entry.key}${entry.message ? `: ${entry.message}` : ""}`.slice(
            0,
            400,
          ),
        },
        format: "push-status",
        name: entry.metric,
        labels: isCluster ? { cluster: entry.key } : { proxy: entry.key },
        value: 1,
        ...(correlation ? { correlation } : {}),
      });
    }
  }
}

const PUSH_STATUS = "Push Status: ";
/** `kubectl logs --prefix` puts `[pod/<name>/<container>] ` before each line. */
const KUBECTL_PREFIX = /^\[pod\/([^/\]\s]+)\/([^\]\s]+)\] /;

export const istioLogReader: LineReaderFactory = {
  format: "istio-log",
  needles: [
    // TEXT_PREFIX: the level with white space on both sides; the JSON form: its `scope` key.
    ...LEVEL_NAMES.flatMap((level) =>
      WHITE_SPACE.flatMap((before) => WHITE_SPACE.map((after) => `${before}${level}${after}`)),
    ),
    '"scope"',
  ],
  create: (context) => new IstioLogReader(context),
};
