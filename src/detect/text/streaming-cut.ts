import { ROUND_TIMEOUTS } from "../../evidence/text/failure-words.ts";
import type { Observation } from "../../model/observation.ts";
import type { GoSignatureId } from "../../model/observations/go.ts";
import type { TerminalCommand } from "../../model/observations/text.ts";
import { defineDetector } from "../define.ts";

/** How a stream that was up ends when something on the way drops it. */
const CUTS: ReadonlySet<GoSignatureId> = new Set<GoSignatureId>([
  "unexpected-eof",
  "connection-reset",
  "closed-network-connection",
  "h2-client-connection-lost",
  "io-timeout",
]);
/** A session also spends its own start-up time (connect, upgrade, start a shell) before the idle timer runs. */
const STARTUP_S = 3;
const STARTUP_SHARE = 0.05;

/** The common timeout a session of this length ran into, if it ended just after one. */
export function roundTimeoutAfter(seconds: number): number | undefined {
  return ROUND_TIMEOUTS.find((t) => seconds >= t && seconds <= t + Math.max(STARTUP_S, t * STARTUP_SHARE));
}

/**
 * A command that holds a stream open (`kubectl logs -f`, `exec`, `port-forward`) that ended with
 * the connection cut, or after just the length of a common idle timeout: a hop on the way (a load
 * balancer, HAProxy or nginx in front of the API server) closed the quiet stream.
 */
export const streamingCutDetector = defineDetector({
  id: "text.streaming-cut",
  description: "a terminal session's streaming command that ended cut, or after a common timeout",
  inputs: ["text.command", "text.command-elapsed", "go.signature"],
  emits: ["PD1931"],
  all(observations, emit) {
    for (const session of bySourceInLineOrder(observations)) {
      let open: TerminalCommand | undefined;
      for (const o of session) {
        if (o.type === "text.command") {
          open = o.streaming ? o : undefined;
          continue;
        }
        const how = open && endOf(o);
        if (!open || !how) continue;
        emit({
          code: "PD1931",
          subject: open.command,
          vars: { tool: open.tool, command: open.command, how },
          evidence: [open.ref, o.ref],
        });
        return;
      }
    }
  },
});

/** How the output after a streaming command says it ended, if it ended cut or on a timer. */
function endOf(o: Observation): string | undefined {
  if (o.type === "go.signature" && CUTS.has(o.signature)) {
    return `with ${o.ref.excerpt?.trim().slice(0, 120) ?? o.signature}`;
  }
  if (o.type !== "text.command-elapsed") return undefined;
  const timeout = roundTimeoutAfter(o.seconds);
  return timeout === undefined ? undefined : `after ${o.seconds} s, just past a ${timeout} s timeout`;
}

function bySourceInLineOrder(observations: readonly Observation[]): Observation[][] {
  const sources = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = sources.get(o.ref.source) ?? [];
    list.push(o);
    sources.set(o.ref.source, list);
  }
  return [...sources.values()].map((list) => list.sort((a, b) => (a.ref.line ?? 0) - (b.ref.line ?? 0)));
}
