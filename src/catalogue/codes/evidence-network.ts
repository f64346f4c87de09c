import { defineFindings } from "../define.ts";

/** PD18xx: network tools (ping, traceroute, mtr), one run or many. */
export const NETWORK_FINDINGS = defineFindings([
  {
    code: "PD1801",
    name: "PingPacketLoss",
    severity: "warning",
    summary: "ping to {subject} lost {lossPercent}% of {transmitted} packets",
    detail:
      "Some echo requests got no reply while others did: packets are dropped somewhere on the path. ICMP may be treated differently from TCP, so confirm with TCP probes before blaming a device.",
    reference: "ping(8) summary line",
    causes: [{ cause: "network.path-loss", weight: 0.6 }],
  },
  {
    code: "PD1802",
    name: "PingNoReplies",
    severity: "warning",
    summary: "ping to {subject} got no reply to any of {transmitted} packets",
    detail:
      "Not one echo request was answered. The host may be down or unreachable, or ICMP is filtered on the path: by itself it does not show intermittent loss.",
    reference: "ping(8) summary line",
    causes: [{ cause: "network.path-loss", weight: 0.3 }],
  },
  {
    code: "PD1803",
    name: "PingLatencySpikes",
    severity: "info",
    summary: "ping RTT to {subject} varies widely: min {min} ms, avg {avg} ms, max {max} ms, mdev {mdev} ms",
    detail:
      "Round-trip times swing far above their usual value. Queueing on a congested link or retransmissions at a lower layer produce such spikes and often come with loss.",
    reference: "ping(8) rtt min/avg/max/mdev",
    causes: [{ cause: "network.path-loss", weight: 0.2 }],
  },
  {
    code: "PD1804",
    name: "ProbeLossAtTarget",
    severity: "error",
    summary:
      "{tool} probes to {subject} lost {lossPercent}% ({lost} of {sent}) at the target over {runs} run(s); loss first appears at hop {firstLossHop}",
    detail:
      "Repeated probes show that some packets to the target itself are never answered while others are. Loss that reaches the destination is real loss, not a router ignoring probes; the first hop from which every later hop also loses probes is where to look.",
    reference: "traceroute(8), mtr(8); seed 001 (traceroute --tcp loop)",
    causes: [{ cause: "network.path-loss", weight: 0.7 }],
  },
  {
    code: "PD1805",
    name: "IntermediateHopLossOnly",
    severity: "info",
    summary: "Hop {hop} towards {subject} drops {lossPercent}% of probes but the target loses none",
    detail:
      "A router in the middle of the path answers only some probes while later hops and the target answer all of them. Routers rate-limit the ICMP replies probes rely on, so this is not loss of real traffic.",
    reference: "mtr documentation on ICMP rate limiting",
    causes: [{ cause: "network.path-loss", weight: -0.25 }],
  },
  {
    code: "PD1806",
    name: "TraceNeverReachesTarget",
    severity: "warning",
    summary: "{tool} to {subject} never got an answer from the target; the last answering hop is {lastHop}",
    detail:
      "Probes stop being answered after a hop and the target never replies. Either something on the path drops the traffic (a firewall, a black-holed route) or the target and later hops do not answer probes of this kind; try TCP probes to the service port.",
    reference: "traceroute(8)",
    causes: [{ cause: "network.path-loss", weight: 0.45 }],
  },
  {
    code: "PD1807",
    name: "RepeatedTracesClean",
    severity: "info",
    summary: "{runs} {tool} runs to {subject} lost no probe at the target",
    detail:
      "Many repeated runs answered every probe at the target, so the path did not lose packets while they ran. Intermittent loss may still happen at other times; a longer watch would show it.",
    reference: "traceroute(8), mtr(8)",
    causes: [{ cause: "network.path-loss", weight: -0.4 }],
  },
  {
    code: "PD1808",
    name: "PingCleanRun",
    severity: "info",
    summary: "ping to {subject} lost none of {transmitted} packets",
    detail:
      "A long ping run had no loss. ICMP can be treated differently from TCP on the same path, so this speaks only mildly against packet loss.",
    reference: "ping(8) summary line",
    causes: [{ cause: "network.path-loss", weight: -0.15 }],
  },
]);
