import type { Finding, FindingCode } from "../../model/finding.ts";
import type { HaproxyLogLine } from "../../model/observations/haproxy.ts";
import type { SourceRef } from "../../model/source.ts";
import { defineDetector } from "../define.ts";

const MAX_EVIDENCE = 5;
/** Shortest time limit a client-side timer is taken for; shorter round totals happen by chance. */
const SHORTEST_TIMER_MS = 5000;
/** How late after its whole second a timer fires, scheduling included. */
const TIMER_LATENESS_MS = 10;
/** The status HAProxy answers when one of its own rules fails: a header rewrite above all. */
const OWN_FAILURE_STATUS = 500;

type Terminated = Pick<HaproxyLogLine, "termination" | "server" | "status" | "timers">;

/**
 * The client side closed before the server answered, a few ms after a whole number of seconds
 * (30003, 15004): a timer ended the session there, not a person.
 */
function closedByTimer({ timers }: Terminated): boolean {
  return timers.response === -1 && timers.total >= SHORTEST_TIMER_MS && timers.total % 1000 <= TIMER_LATENESS_MS;
}

/** The code for a log line's termination state (who ended the session, in which phase). */
export function terminationCode(line: Terminated): FindingCode | undefined {
  const state = line.termination.slice(0, 2);
  if (line.server === "<NOSRV>" && line.status === 503) return "PD1456";
  switch (state) {
    case "sH":
      return "PD1450";
    case "sD":
      return "PD1451";
    case "SC":
      return "PD1452";
    case "sC":
      return "PD1453";
    case "SH":
      return "PD1454";
    case "SD":
      return "PD1455";
    case "sQ":
      return "PD1458";
    case "PH":
      return line.status === OWN_FAILURE_STATUS ? "PD1468" : "PD1459";
    case "PR":
    case "IR":
    case "IH":
      return line.status === OWN_FAILURE_STATUS ? "PD1468" : undefined;
    case "CH":
    case "CD":
      return closedByTimer(line) ? "PD1469" : "PD1457";
  }
  return state[0] === "C" || state[0] === "c" ? "PD1457" : undefined;
}

interface Group {
  readonly code: FindingCode;
  readonly first: HaproxyLogLine;
  readonly evidence: SourceRef[];
  count: number;
  longestMs: number;
}

/** HAProxy sessions that ended abnormally, grouped by what ended them and the server they went to. */
export const haproxyTerminations = defineDetector({
  id: "haproxy.terminations",
  description: "HAProxy HTTP log lines whose termination state says who ended the session and when",
  inputs: ["haproxy.log"],
  emits: [
    "PD1450",
    "PD1451",
    "PD1452",
    "PD1453",
    "PD1454",
    "PD1455",
    "PD1456",
    "PD1457",
    "PD1458",
    "PD1459",
    "PD1468",
    "PD1469",
  ],
  all(lines, emit) {
    const groups = new Map<string, Group>();
    for (const line of lines) {
      const code = terminationCode(line);
      if (!code) continue;
      const key = `${code} ${line.backend}/${line.server}`;
      let group = groups.get(key);
      if (!group) {
        group = { code, first: line, evidence: [], count: 0, longestMs: 0 };
        groups.set(key, group);
      }
      group.count++;
      group.longestMs = Math.max(group.longestMs, line.timers.total);
      if (group.evidence.length < MAX_EVIDENCE) group.evidence.push(line.ref);
    }
    for (const group of groups.values()) emit(findingOf(group));
  },
});

function findingOf(group: Group): Finding {
  const { first } = group;
  return {
    code: group.code,
    subject: `${first.backend}/${first.server}`,
    vars: {
      producer: "haproxy",
      status: first.status,
      frontend: first.frontend,
      backend: first.backend,
      server: first.server,
      termination: first.termination,
      seconds: Math.round(group.longestMs / 1000),
      count: group.count,
    },
    evidence: group.evidence,
  };
}
