import { defineFindings } from "../define.ts";

const WATCH = "proxydoc watch: bounded TCP connect, HTTP/2 PING and request loops";

export const TRANSPORT_FINDINGS = defineFindings([
  {
    code: "PD4001",
    name: "PathPacketLoss",
    severity: "error",
    summary:
      "{lossPct}% of {mode} attempts to {subject} were lost ({failed} failed, {retransmitted} needed a retransmission, of {sent})",
    detail:
      "Some attempts along this path got no answer in time, or got through only after the kernel resent the first packet, while the rest succeeded. A healthy network path within a data centre loses nothing; even 1 % breaks long-lived HTTP/2 and gRPC connections whose health checks give up after a few missed PINGs.",
    reference: `${WATCH}; RFC 6298 §2 (initial retransmission timeout of 1 s)`,
    causes: [{ cause: "network.path-loss", weight: 0.85 }],
  },
  {
    code: "PD4002",
    name: "PathBlackHole",
    severity: "error",
    summary:
      "Every attempt to {subject} failed for {seconds} s ({attempts} in a row, from second {fromSecond}), then traffic came back",
    detail:
      "All packets vanished for a stretch and then the path recovered: the signature of a black hole (a flapping link, a route or ARP change, a load balancer or NAT dropping the flow, a firewall rule) rather than random loss. Connections open during the window die; new ones fail until it ends.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: 0.85 }],
  },
  {
    code: "PD4003",
    name: "TargetUnreachable",
    severity: "error",
    summary: "None of {sent} attempts reached {subject}: {error}",
    detail:
      "Not a single attempt succeeded, so the problem is not intermittent loss: the target is down, the address or port is wrong, or a firewall drops everything. Check the address and whether anything listens there before suspecting the network.",
    reference: WATCH,
    causes: [
      { cause: "upstream.connection-refused", weight: 0.4 },
      { cause: "network.path-loss", weight: 0.2 },
    ],
  },
  {
    code: "PD4004",
    name: "Http2PingUnanswered",
    severity: "error",
    summary: "{failed} of {sent} HTTP/2 PINGs to {subject} went unanswered",
    detail:
      "PING frames on one long-lived HTTP/2 connection got no PING ACK within the timeout. This is exactly what Go's HTTP/2 health check (`http2: client connection lost`) and gRPC keepalives (`keepalive ping failed to receive ACK within timeout`) react to by closing the connection.",
    reference: "RFC 9113 §6.7 (PING); golang.org/x/net/http2 Transport.PingTimeout",
    causes: [{ cause: "network.path-loss", weight: 0.75 }],
  },
  {
    code: "PD4005",
    name: "ConnectionRefusedByTarget",
    severity: "error",
    summary: "{subject} refused {refused} of {sent} connections: nothing listens there",
    detail:
      "The target host answered the SYN with a reset: the host is reachable but no process listens on that port (wrong port, the application bound to 127.0.0.1 only, or it has not started).",
    reference: "RFC 9293 §3.5.2 (reset on a closed port)",
    causes: [
      { cause: "upstream.connection-refused", weight: 0.85 },
      { cause: "network.path-loss", weight: -0.5 },
    ],
  },
  {
    code: "PD4006",
    name: "LossOnOneSegment",
    severity: "error",
    summary: "{subject} loses {lossPct}% while {cleanPaths} lost nothing at the same time",
    detail:
      "Paths watched side by side disagree: one loses packets, the other does not. The fault sits on the segment the lossy path uses and the clean one avoids (a switch port, a load balancer, a node's uplink), which is where to look first.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: 0.9 }],
  },
  {
    code: "PD4007",
    name: "PathClean",
    severity: "info",
    summary: "No loss on {subject} over {sent} {mode} attempts (median RTT {p50} ms)",
    detail:
      "Every attempt succeeded without retransmission. Over enough attempts this is evidence against packet loss on this path at this time; intermittent loss can still happen at other times or on other paths.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: -0.6 }],
  },
  {
    code: "PD4008",
    name: "LatencySpikes",
    severity: "warning",
    summary: "Round trips to {subject}: median {p50} ms but 99th percentile {p99} ms",
    detail:
      "The slowest round trips are more than ten times the typical one. Queues filling on a congested link, or packets resent after a loss, look like this; it often precedes outright loss.",
    reference: WATCH,
    causes: [{ cause: "network.path-loss", weight: 0.35 }],
  },
]);
