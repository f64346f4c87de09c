import { jsonRecord } from "../json-line.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { emitSignal } from "./emit-signal.ts";
import { classifyMeshMessage, signatureNeedles } from "./signatures.ts";

export interface EtcdLogLine {
  readonly time: string;
  readonly level: string;
  readonly message: string;
}

/** etcd before 3.5 (capnslog): `2019-03-07 09:58:17.123456 W | etcdserver: message`. */
const CAPNSLOG = /^(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) (?<level>[DINWECF]) \| (?<message>.*)$/;
const CAPNSLOG_LEVELS: Readonly<Record<string, string>> = {
  D: "debug",
  I: "info",
  N: "notice",
  W: "warn",
  E: "error",
  C: "critical",
  F: "fatal",
};

/** The packages of etcd's zap callers (`"caller":"etcdserver/server.go:2043"`). */
const CALLER_PACKAGES = [
  "etcdserver",
  "raft",
  "rafthttp",
  "wal",
  "mvcc",
  "embed",
  "v3rpc",
  "etcdmain",
  "backend",
  "membership",
];
const CALLER = new RegExp(`^(?:${CALLER_PACKAGES.join("|")})\\/`);

/** Parses etcd's capnslog lines or its zap JSON lines (`{"level":…,"ts":…,"caller":…,"msg":…}`). */
export function parseEtcdLogLine(text: string): EtcdLogLine | undefined {
  if (text.startsWith("{")) return parseJson(text);
  const match = CAPNSLOG.exec(text);
  if (!match?.groups) return undefined;
  const { time, level, message } = match.groups as { time: string; level: string; message: string };
  return { time: time.replace(" ", "T"), level: CAPNSLOG_LEVELS[level] ?? level, message };
}

function parseJson(text: string): EtcdLogLine | undefined {
  const record = jsonRecord(text);
  if (!record) return undefined;
  const { level, ts, caller, msg } = record;
  if (typeof level !== "string" || typeof msg !== "string" || typeof caller !== "string") return undefined;
  if (!CALLER.test(caller)) return undefined;
  // zap puts a failed heartbeat's or a leader change's numbers in sibling fields; keep them in the message.
  const extra = ["took", "expected-duration", "exceeded-duration", "to", "error"]
    .filter((key) => typeof record[key] === "string")
    .map((key) => `${key}=${String(record[key])}`)
    .join(" ");
  return { time: typeof ts === "string" ? ts : "", level, message: extra ? `${msg} (${extra})` : msg };
}

class EtcdReader implements LineReader {
  private readonly context: ReaderContext;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    const parsed = parseEtcdLogLine(line.text);
    if (!parsed) return false;
    const hit = classifyMeshMessage(parsed.message, "etcd");
    if (hit) {
      emitSignal(this.context, line, hit, {
        origin: "etcd",
        message: parsed.message,
        level: parsed.level,
        time: parsed.time,
      });
    }
    return true;
  }

  end(): void {}
}

export const etcdReader: LineReaderFactory = {
  format: "etcd-log",
  // A capnslog line's ` W | `, or the caller's package just after the quote that opens its value.
  needles: [CAPNSLOG, ...CALLER_PACKAGES.map((name) => `"${name}`)],
  create: (context) => new EtcdReader(context),
};

/**
 * Bare messages that carry a mesh or etcd signature without a known log prefix, as kubectl and
 * shells print them (`Error from server: etcdserver: leader changed`). Tried last in the family.
 */
class SignatureTextReader implements LineReader {
  private readonly context: ReaderContext;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    const hit = classifyMeshMessage(line.text, "text");
    if (!hit) return false;
    emitSignal(this.context, line, hit, {
      origin: hit.signal.startsWith("etcd-") ? "etcd" : "text",
      message: line.text.trim(),
    });
    return true;
  }

  end(): void {}
}

let textNeedles: readonly string[] | undefined;

export const meshTextReader: LineReaderFactory = {
  format: "mesh-message",
  // Found when the gate is first built, not when the module loads.
  get needles() {
    textNeedles ??= signatureNeedles("text");
    return textNeedles;
  },
  create: (context) => new SignatureTextReader(context),
};
