import type { Finding, FindingCode } from "../../model/finding.ts";
import type { HaproxyNoServer, HaproxyServerState } from "../../model/observations/haproxy.ts";
import type { SourceRef } from "../../model/source.ts";
import { defineDetector } from "../define.ts";

const MAX_EVIDENCE = 5;

type Event = HaproxyServerState | HaproxyNoServer;

function isDown(state: HaproxyServerState): boolean {
  return state.state === "down" || (state.state === "check-failed" && state.checkState === "DOWN");
}

function isUp(state: HaproxyServerState): boolean {
  return state.state === "up" || (state.state === "check-passed" && state.checkState === "UP");
}

/** Later in the same file than `ref`. */
function after(ref: SourceRef, than: SourceRef): boolean {
  return ref.source === than.source && (ref.line ?? 0) > (than.line ?? 0);
}

/** The code for a server going DOWN, by the health check's reason, when it left its backend empty. */
export function downCode(
  state: Pick<HaproxyServerState, "reason" | "info" | "activeLeft" | "backupLeft">,
): FindingCode {
  if ((state.activeLeft ?? 0) + (state.backupLeft ?? 0) > 0) return "PD1465";
  const reason = state.reason ?? "";
  if (reason === "Layer4 connection problem") {
    return /no route|unreachable|timed out/i.test(state.info ?? "") ? "PD1463" : "PD1462";
  }
  if (reason === "Layer4 timeout") return "PD1463";
  if (reason.startsWith("Layer6 ") && reason !== "Layer6 check passed") return "PD1464";
  return "PD1461";
}

/** `Layer7 wrong status, code 401, "Unauthorized"`: the reason with what the check got. */
function checkText(state: HaproxyServerState): string {
  const parts = [state.reason ?? (state.via ? `tracks ${state.via}` : "no reason given")];
  if (state.code !== undefined && state.code > 0) parts.push(`code ${state.code}`);
  if (state.info) parts.push(`"${state.info}"`);
  return parts.join(", ");
}

interface Group {
  readonly code: FindingCode;
  readonly first: HaproxyServerState;
  readonly check: HaproxyServerState;
  readonly evidence: SourceRef[];
  count: number;
  last: SourceRef;
}

/**
 * Servers HAProxy marked DOWN, by the reason their health check gave. A DOWN message without a
 * reason (`option log-health-checks` logs the reason on the failed check before it) takes the
 * reason of that server's last failed check.
 */
export const haproxyServerDown = defineDetector({
  id: "haproxy.server-down",
  description: "HAProxy's own messages about servers going DOWN: refused, unreachable, TLS, or a failing check",
  inputs: ["haproxy.server-state"],
  emits: ["PD1461", "PD1462", "PD1463", "PD1464", "PD1465"],
  all(states, emit) {
    const lastFailed = new Map<string, HaproxyServerState>();
    const ups: HaproxyServerState[] = [];
    const groups = new Map<string, Group>();
    for (const state of states) {
      const server = `${state.backend}/${state.server}`;
      if (isUp(state)) ups.push(state);
      if (state.state === "check-failed" && state.reason) lastFailed.set(server, state);
      if (!isDown(state)) continue;
      const check = state.reason ? state : { ...(lastFailed.get(server) ?? state), ...leftOf(state) };
      const code = downCode(check);
      const key = `${code} ${server}`;
      const group = groups.get(key);
      if (group) {
        group.count++;
        group.last = state.ref;
        if (group.evidence.length < MAX_EVIDENCE) group.evidence.push(state.ref);
      } else {
        groups.set(key, { code, first: state, check, evidence: [state.ref], count: 1, last: state.ref });
      }
    }
    for (const group of groups.values()) {
      const { first, check } = group;
      const back = ups.some(
        (up) => up.backend === first.backend && up.server === first.server && after(up.ref, group.last),
      );
      emit({
        code: group.code,
        subject: `${first.backend}/${first.server}`,
        vars: {
          producer: "haproxy",
          backend: first.backend,
          server: first.server,
          check: checkText(check),
          after: back ? "(it came back UP later)" : "(not back UP in this log)",
          active: check.activeLeft ?? 0,
          backup: check.backupLeft ?? 0,
          count: group.count,
        },
        evidence: group.evidence,
      });
    }
  },
});

function leftOf(state: HaproxyServerState): Partial<HaproxyServerState> {
  return {
    ...(state.activeLeft !== undefined ? { activeLeft: state.activeLeft } : {}),
    ...(state.backupLeft !== undefined ? { backupLeft: state.backupLeft } : {}),
  };
}

/** Backends HAProxy reported without any server, once per backend, saying whether one came back. */
export const haproxyNoServer = defineDetector({
  id: "haproxy.no-server",
  description: "HAProxy's alert that a backend has no server available",
  inputs: ["haproxy.no-server", "haproxy.server-state"],
  emits: ["PD1460"],
  all(events: readonly Event[], emit) {
    const alerts = new Map<string, { first: HaproxyNoServer; last: SourceRef; evidence: SourceRef[] }>();
    for (const event of events) {
      if (event.type !== "haproxy.no-server") continue;
      const seen = alerts.get(event.backend);
      if (!seen) alerts.set(event.backend, { first: event, last: event.ref, evidence: [event.ref] });
      else {
        seen.last = event.ref;
        if (seen.evidence.length < MAX_EVIDENCE) seen.evidence.push(event.ref);
      }
    }
    for (const [backend, alert] of alerts) {
      const back = events.some(
        (e) => e.type === "haproxy.server-state" && e.backend === backend && isUp(e) && after(e.ref, alert.last),
      );
      const finding: Finding = {
        code: "PD1460",
        subject: backend,
        vars: {
          producer: "haproxy",
          proxyType: alert.first.proxyType,
          backend,
          status: 503,
          after: back ? "(a server came back UP later)" : "(none came back UP in this log)",
        },
        evidence: alert.evidence,
      };
      emit(finding);
    }
  },
});
