import { ROUND_TIMEOUTS } from "../../evidence/text/failure-words.ts";
import type { GoSignatureId } from "../../model/observations/go.ts";
import type { SourceRef } from "../../model/source.ts";
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
    const commands = observations.filter((o) => o.type === "text.command");
    for (const command of commands) {
      if (command.type !== "text.command" || !command.streaming) continue;
      const source = command.ref.source;
      const from = command.ref.line ?? 0;
      const next = commands.find((o) => o.ref.source === source && (o.ref.line ?? 0) > from);
      const until = next?.ref.line ?? Number.POSITIVE_INFINITY;
      let end: { ref: SourceRef; how: string } | undefined;
      for (const o of observations) {
        const at = o.ref.line ?? 0;
        if (o.ref.source !== source || at <= from || at >= until) continue;
        if (o.type === "go.signature" && CUTS.has(o.signature)) {
          end = { ref: o.ref, how: `with ${o.ref.excerpt?.trim().slice(0, 120) ?? o.signature}` };
          break;
        }
        if (o.type === "text.command-elapsed" && roundTimeoutAfter(o.seconds) !== undefined) {
          end = { ref: o.ref, how: `after ${o.seconds} s, just past a ${roundTimeoutAfter(o.seconds)} s timeout` };
          break;
        }
      }
      if (!end) continue;
      emit({
        code: "PD1931",
        subject: command.command,
        vars: { tool: command.tool, command: command.command, how: end.how },
        evidence: [command.ref, end.ref],
      });
      return;
    }
  },
});
