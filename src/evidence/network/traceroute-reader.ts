import type { HopStats, NetworkTraceSummary } from "../../model/observations/network.ts";
import type { SourceRef } from "../../model/source.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { percent, RttAccumulator } from "./rtt.ts";

type Mode = NetworkTraceSummary["mode"];

const HEADER = /^(?:traceroute6?|tcptraceroute) to (?<target>\S+)(?: \((?<ip>[^)]+)\))?(?::\d+)?, \d+ hops max/;
const WINDOWS_HEADER = /^Tracing route to (?<target>\S+)(?: \[(?<ip>[^\]]+)\])?/;
const WINDOWS_TRAILER = /^(?:over a maximum of \d+ hops:|Trace complete\.)\s*$/;
const COMMAND = /(?:^|[\s;$>#(])(?:sudo\s+)?(?<tool>tcptraceroute|traceroute6?)\s+(?<args>[^;|&)]*)/;
const HOP = /^\s*(?<hop>\d{1,3})\s+(?<rest>\S.*)$/;
/** Options of traceroute that take a value, so the value is not taken for the target. */
const OPTIONS_WITH_VALUE = new Set([
  "-f",
  "-g",
  "-i",
  "-m",
  "-N",
  "-p",
  "-t",
  "-l",
  "-s",
  "-q",
  "-w",
  "-z",
  "-M",
  "-O",
  "-P",
]);
const MAX_TARGETS = 64;
const MAX_HOPS = 64;
const MAX_ADDRESSES = 8;
const MAX_LOSS_REFS = 5;

/** One probe result in a hop line: an answer with its RTT, or `*`. */
export interface HopProbe {
  readonly address?: string;
  readonly rttMs?: number;
}

const NUMBER = /^\d+(?:\.\d+)?$/;
const HOST_TOKEN = /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/;

/**
 * Parses the probes of a hop line, Unix style (`1  host (1.2.3.4)  0.614 ms * *`) or Windows
 * `tracert` style (`2    <1 ms     9 ms     *     host [1.2.3.4]`); undefined if it is not one.
 */
export function parseHopProbes(rest: string): HopProbe[] | undefined {
  const tokens = rest.split(/[ \t]+/);
  const probes: HopProbe[] = [];
  let address: string | undefined;
  // Answers printed before any host name (tracert) belong to the name that follows them, and
  // to the address in brackets after that name.
  let unnamed = 0;
  let justNamed = 0;
  const name = (host: string, refinesName: boolean): void => {
    address = host;
    const count = unnamed > 0 ? unnamed : refinesName ? justNamed : 0;
    for (let k = probes.length - count; k < probes.length; k++) {
      const probe = probes[k] as HopProbe;
      if (probe.rttMs !== undefined) probes[k] = { address: host, rttMs: probe.rttMs };
    }
    justNamed = count;
    unnamed = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === "") continue;
    if (token === "//" || token === "#" || (token === "Request" && tokens[i + 1] === "timed")) break;
    const first = token.charCodeAt(0);
    const bare = first === 0x3c /* < */ ? token.slice(1) : token;
    if (token === "*") {
      probes.push({});
      if (address === undefined) unnamed++;
      justNamed = 0;
    } else if (tokens[i + 1] === "ms" && NUMBER.test(bare)) {
      probes.push(address === undefined ? { rttMs: Number(bare) } : { address, rttMs: Number(bare) });
      if (address === undefined) unnamed++;
      justNamed = 0;
      i++;
    } else if ((first === 0x28 /* ( */ || first === 0x5b) /* [ */ && /[)\]]$/.test(token) && token.length > 2) {
      name(token.slice(1, -1), true);
    } else if (first === 0x21 /* ! */ || first === 0x3c /* < */ || token === "ms") continue;
    else if (HOST_TOKEN.test(token)) name(token, false);
    else return undefined;
  }
  return probes.length > 0 ? probes : undefined;
}

/** The target and probe protocol of a traceroute command line (`traceroute --tcp 10.0.0.1`). */
export function commandOf(text: string): { target: string; mode: Mode } | undefined {
  const match = COMMAND.exec(text);
  if (!match?.groups) return undefined;
  const args = (match.groups.args as string).trim().split(/\s+/);
  let mode: Mode = match.groups.tool === "tcptraceroute" ? "tcp" : "unknown";
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--tcp" || arg === "-T") mode = "tcp";
    else if (arg === "-I" || arg === "--icmp") mode = "icmp";
    else if (arg === "-U" || arg === "--udp") mode = "udp";
    else if ((arg === "-M" || arg === "-P") && /^tcp/i.test(args[i + 1] ?? "")) {
      mode = "tcp";
      i++;
    } else if (OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (target === undefined && /^[A-Za-z0-9][A-Za-z0-9.:_-]*$/.test(arg)) target = arg;
  }
  if (mode === "unknown" && match.groups.tool !== "tcptraceroute") mode = "udp";
  return target ? { target, mode } : undefined;
}

interface HopState {
  readonly addresses: Set<string>;
  sent: number;
  lost: number;
  readonly rtt: RttAccumulator;
  readonly lossRefs: SourceRef[];
}

interface TargetState {
  readonly target: string;
  mode: Mode;
  readonly ref: SourceRef;
  runs: number;
  runsReaching: number;
  readonly hops: Map<number, HopState>;
}

interface Run {
  readonly target: TargetState;
  lastHop: number;
  reached: boolean;
}

/** Reads `traceroute` (ICMP, UDP, `--tcp`) and `tcptraceroute` output, one run or many, per target. */
class TracerouteReader implements LineReader {
  private readonly context: ReaderContext;
  private readonly targets = new Map<string, TargetState>();
  private pending: { target: string; mode: Mode } | undefined;
  private run: Run | undefined;

  constructor(context: ReaderContext) {
    this.context = context;
  }

  accept(line: Line): boolean {
    const text = line.text;
    const header = HEADER.exec(text);
    if (header?.groups) {
      const target = header.groups.ip ?? (header.groups.target as string);
      const mode = this.pending && sameTarget(this.pending.target, header.groups) ? this.pending.mode : "unknown";
      this.startRun(target, mode, line);
      return true;
    }
    const windows = WINDOWS_HEADER.exec(text);
    if (windows?.groups) {
      // tracert probes with ICMP echo requests.
      this.startRun(windows.groups.ip ?? (windows.groups.target as string), "icmp", line);
      return true;
    }
    if (this.run && WINDOWS_TRAILER.test(text.trim())) return true;
    const command = commandOf(text);
    if (command) {
      this.finishRun();
      this.pending = command;
      return true;
    }
    if (this.run || this.pending) {
      if (this.acceptHop(line)) return true;
      // Elisions and blank lines (tracert prints one after its header) stay inside the run.
      if (this.run && /^\s*(?:\.\.\.|…)?\s*$/.test(text)) return true;
    }
    this.finishRun();
    return false;
  }

  /** A run's hop lines, or after a command line the hops of runs without a header, come next. */
  inBlock(): boolean {
    return this.run !== undefined || this.pending !== undefined;
  }

  end(): void {
    this.finishRun();
    for (const state of this.targets.values()) this.context.emit(summaryOf(state));
  }

  private acceptHop(line: Line): boolean {
    const match = HOP.exec(line.text);
    if (!match?.groups) return false;
    const probes = parseHopProbes(match.groups.rest as string);
    if (!probes) return false;
    const hopNo = Number(match.groups.hop);
    if (hopNo < 1 || hopNo > 255) return false;
    if (!this.run || hopNo <= this.run.lastHop) {
      // Several runs pasted without their headers: a hop number that does not grow starts a new one.
      const target = this.run?.target.target ?? this.pending?.target;
      if (!target) return false;
      this.startRun(target, this.run?.target.mode ?? this.pending?.mode ?? "unknown", line);
    }
    const run = this.run as Run;
    run.lastHop = hopNo;
    const hop = hopOf(run.target, hopNo);
    if (!hop) return true;
    for (const probe of probes) {
      hop.sent++;
      if (probe.rttMs === undefined) {
        hop.lost++;
        const seen = hop.lossRefs[hop.lossRefs.length - 1]?.line === line.line;
        if (!seen && hop.lossRefs.length < MAX_LOSS_REFS) hop.lossRefs.push(lineRef(this.context.source, line));
        continue;
      }
      hop.rtt.add(probe.rttMs);
      if (probe.address && hop.addresses.size < MAX_ADDRESSES) hop.addresses.add(probe.address);
    }
    run.reached = probes.some((probe) => probe.address === run.target.target);
    return true;
  }

  private startRun(target: string, mode: Mode, line: Line): void {
    this.finishRun();
    let state = this.targets.get(target);
    if (!state) {
      if (this.targets.size >= MAX_TARGETS) return;
      state = { target, mode, ref: lineRef(this.context.source, line), runs: 0, runsReaching: 0, hops: new Map() };
      this.targets.set(target, state);
    }
    if (state.mode === "unknown") state.mode = mode;
    this.run = { target: state, lastHop: 0, reached: false };
  }

  private finishRun(): void {
    const run = this.run;
    this.run = undefined;
    if (!run) return;
    run.target.runs++;
    if (run.reached) run.target.runsReaching++;
  }
}

function sameTarget(commandTarget: string, header: Record<string, string | undefined>): boolean {
  return commandTarget === header.target || commandTarget === header.ip;
}

function hopOf(target: TargetState, hopNo: number): HopState | undefined {
  let hop = target.hops.get(hopNo);
  if (!hop) {
    if (target.hops.size >= MAX_HOPS) return undefined;
    hop = { addresses: new Set(), sent: 0, lost: 0, rtt: new RttAccumulator(), lossRefs: [] };
    target.hops.set(hopNo, hop);
  }
  return hop;
}

function summaryOf(state: TargetState): NetworkTraceSummary {
  const hops: HopStats[] = [...state.hops]
    .sort(([a], [b]) => a - b)
    .map(([hop, h]) => {
      const rtt = h.rtt.stats();
      return {
        hop,
        addresses: [...h.addresses],
        sent: h.sent,
        lost: h.lost,
        lossPercent: percent(h.lost, h.sent),
        lossRefs: h.lossRefs,
        ...(rtt ? { rtt } : {}),
      };
    });
  return {
    type: "network.trace-summary",
    ref: state.ref,
    tool: "traceroute",
    mode: state.mode,
    target: state.target,
    runs: state.runs,
    runsReaching: state.runsReaching,
    hops,
    correlation: { upstream: state.target },
  };
}

export const tracerouteReader: LineReaderFactory = {
  format: "traceroute",
  // The headers, and the command (COMMAND names `traceroute` in each of its tools).
  needles: [HEADER, WINDOWS_HEADER, "traceroute"],
  create: (context) => new TracerouteReader(context),
};
