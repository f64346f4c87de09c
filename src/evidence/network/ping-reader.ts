import type { NetworkPingRun, RttStats } from "../../model/observations/network.ts";
import type { SourceRef } from "../../model/source.ts";
import { WHITE_SPACE } from "../gate/literals.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { percent, RttAccumulator } from "./rtt.ts";

/** `PING host (1.2.3.4) 56(84) bytes of data.` (Linux, BusyBox, macOS) or `PING host (1.2.3.4): 56 data bytes`. */
const HEADER = /^PING (?<target>\S+)(?: \((?<ip>[^)]+)\))?[: ]/;
/** The command line itself after a shell prompt (`$ ping -c 100 10.0.0.1`, `/ # ping 10.0.0.1`). */
const COMMAND = /[$#>]\s*(?:sudo\s+)?ping6?\s+[^\s|]/;
const WINDOWS_HEADER = /^Pinging (?<target>\S+)(?: \[(?<ip>[^\]]+)\])? with \d+ bytes of data:/;
/** Linux, macOS (`icmp_seq=`) and BusyBox (`seq=`) reply lines. */
const REPLY = /^\d+ bytes from (?<from>[^:]+):.*?\b(?:icmp_[sr]eq|seq)=(?<seq>\d+).*?\btime[=<](?<time>[\d.]+) ?ms/;
const WINDOWS_REPLY = /^Reply from (?<from>[^:]+): bytes=\d+ time[=<](?<time>\d+)ms/;
const TIMEOUT =
  /^(?:Request timeout for icmp_seq[ =]?(?<seq>\d+)|no answer yet for icmp_seq=(?<seq2>\d+)|Request timed out\.)/;
const ERROR_REPLY =
  /^(?:From \S+(?: \([^)]*\))?:? icmp_seq=(?<seq>\d+) (?:Destination (?:Host|Net|Port) Unreachable|Time to live exceeded|Frag needed.*|Packet filtered)|\d+ bytes from \S+: (?:Destination (?:Host|Net|Port) Unreachable|Time to live exceeded)|Reply from \S+: Destination (?:host|net) unreachable\.)/;
const STATS_TITLE = /^--- (?<target>\S+) ping statistics ---$/;
const WINDOWS_STATS_TITLE = /^Ping statistics for (?<target>[^:]+):$/;
const SUMMARY =
  /^(?<sent>\d+) packets transmitted, (?<received>\d+) (?:packets )?received,(?: \+(?<errors>\d+) errors,)?(?: \+\d+ duplicates,)? (?<loss>[\d.]+)% packet loss/;
const WINDOWS_SUMMARY =
  /^\s*Packets: Sent = (?<sent>\d+), Received = (?<received>\d+), Lost = \d+ \((?<loss>\d+)% loss\)/;
const RTT_LINE =
  /^(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = (?<min>[\d.]+)\/(?<avg>[\d.]+)\/(?<max>[\d.]+)(?:\/(?<mdev>[\d.]+))? ms/;
const WINDOWS_RTT = /^\s*Minimum = (?<min>\d+)ms, Maximum = (?<max>\d+)ms, Average = (?<avg>\d+)ms/;
const WINDOWS_RTT_TITLE = /^Approximate round trip times in milli-seconds:$/;

interface PingBlock {
  target: string;
  ref: SourceRef;
  replies: Set<number>;
  replyCount: number;
  minSeq: number;
  maxSeq: number;
  timeouts: number;
  errors: number;
  rtt: RttAccumulator;
  summary?: { sent: number; received: number; loss: number; errors: number };
  summaryRtt?: RttStats;
}

const MAX_TRACKED_SEQS = 100_000;

class PingReader implements LineReader {
  private readonly context: ReaderContext;
  private block: PingBlock | undefined;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    // `ping -D` puts a Unix timestamp in brackets before each reply.
    const text = line.text.trim().replace(/^\[\d+(?:\.\d+)?\] /, "");
    const header = HEADER.exec(text) ?? WINDOWS_HEADER.exec(text);
    if (header?.groups && /bytes|data/.test(text)) {
      this.flush();
      this.block = newBlock(header.groups.ip ?? (header.groups.target as string), lineRef(this.context.source, line));
      return true;
    }
    if (COMMAND.test(line.text)) {
      this.flush();
      return true;
    }
    return this.acceptReply(line, text) || this.acceptSummary(line, text);
  }

  end(): void {
    this.flush();
  }

  private current(target: string, line: Line): PingBlock {
    if (!this.block) this.block = newBlock(target, lineRef(this.context.source, line));
    return this.block;
  }

  private acceptReply(line: Line, text: string): boolean {
    const reply = REPLY.exec(text) ?? WINDOWS_REPLY.exec(text);
    if (reply?.groups) {
      if (this.block?.summary) this.flush();
      const block = this.current(reply.groups.from as string, line);
      const seq =
        reply.groups.seq === undefined ? block.replyCount + block.timeouts + block.errors : Number(reply.groups.seq);
      block.replyCount++;
      if (block.replies.size < MAX_TRACKED_SEQS) block.replies.add(seq);
      block.minSeq = Math.min(block.minSeq, seq);
      block.maxSeq = Math.max(block.maxSeq, seq);
      block.rtt.add(Number(reply.groups.time));
      return true;
    }
    const timeout = TIMEOUT.exec(text);
    if (timeout) {
      if (!this.block) return false;
      this.block.timeouts++;
      return true;
    }
    const error = ERROR_REPLY.exec(text);
    if (error) {
      if (!this.block) return false;
      this.block.errors++;
      return true;
    }
    return false;
  }

  private acceptSummary(line: Line, text: string): boolean {
    const title = STATS_TITLE.exec(text) ?? WINDOWS_STATS_TITLE.exec(text);
    if (title?.groups) {
      this.current(title.groups.target as string, line);
      return true;
    }
    if (!this.block) return false;
    if (WINDOWS_RTT_TITLE.test(text)) return true;
    const summary = SUMMARY.exec(text) ?? WINDOWS_SUMMARY.exec(text);
    if (summary?.groups) {
      this.block.summary = {
        sent: Number(summary.groups.sent),
        received: Number(summary.groups.received),
        loss: Number(summary.groups.loss),
        errors: Number(summary.groups.errors ?? 0),
      };
      return true;
    }
    const rtt = RTT_LINE.exec(text) ?? WINDOWS_RTT.exec(text);
    if (rtt?.groups) {
      const { min, avg, max, mdev } = rtt.groups;
      this.block.summaryRtt = { min: Number(min), avg: Number(avg), max: Number(max), mdev: Number(mdev ?? 0) };
      this.flush();
      return true;
    }
    return false;
  }

  private flush(): void {
    const block = this.block;
    this.block = undefined;
    if (!block) return;
    const run = toRun(block, block.ref);
    if (run.transmitted > 0) this.context.emit(run);
  }
}

function newBlock(target: string, ref: SourceRef): PingBlock {
  return {
    target,
    ref,
    replies: new Set(),
    replyCount: 0,
    minSeq: Number.POSITIVE_INFINITY,
    maxSeq: Number.NEGATIVE_INFINITY,
    timeouts: 0,
    errors: 0,
    rtt: new RttAccumulator(),
  };
}

/** The run's figures: the summary when ping printed one, else counted from replies and sequence gaps. */
function toRun(block: PingBlock, ref: SourceRef): NetworkPingRun {
  const rtt = block.summaryRtt ?? block.rtt.stats();
  const base = { type: "network.ping-run" as const, ref, target: block.target, ...(rtt ? { rtt } : {}) };
  if (block.summary) {
    const { sent, received, loss, errors } = block.summary;
    return { ...base, transmitted: sent, received, lossPercent: loss, errors, fromSummary: true };
  }
  const span = block.replyCount > 0 ? block.maxSeq - block.minSeq + 1 : 0;
  const transmitted = Math.max(span, block.replyCount + block.timeouts + block.errors);
  const received = Math.min(block.replies.size, block.replyCount);
  return {
    ...base,
    transmitted,
    received,
    lossPercent: percent(transmitted - received, transmitted),
    errors: block.errors,
    fromSummary: false,
  };
}

export const pingReader: LineReaderFactory = {
  format: "ping",
  // Every line the reader takes or counts matches one of these; others leave its block alone.
  needles: [
    HEADER,
    WINDOWS_HEADER,
    // COMMAND: `ping` after the prompt or after white space.
    ...["$", "#", ">", ...WHITE_SPACE].map((before) => `${before}ping`),
    REPLY,
    WINDOWS_REPLY,
    TIMEOUT,
    ERROR_REPLY,
    STATS_TITLE,
    WINDOWS_STATS_TITLE,
    WINDOWS_RTT_TITLE,
    SUMMARY,
    WINDOWS_SUMMARY,
    RTT_LINE,
    WINDOWS_RTT,
  ],
  create: (context) => new PingReader(context),
};
