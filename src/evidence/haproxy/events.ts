import type { HaproxyNoServer, HaproxyServerState } from "../../model/observations/haproxy.ts";

export type ServerStateFields = Omit<HaproxyServerState, "type" | "ref">;
export type NoServerFields = Omit<HaproxyNoServer, "type" | "ref">;

/** Longest line looked at; HAProxy's own messages are well inside it. */
const MAX_LINE = 8 << 10;

/** A server's state change or check result: which groups of the match hold backup, backend and server. */
function serverEvent(
  text: string,
  match: RegExpExecArray,
  [backup, backend, server]: readonly [number, number, number],
  state: ServerStateFields["state"],
): { kind: "server-state"; fields: ServerStateFields } {
  const out: Mutable<ServerStateFields> = {
    backend: match[backend] as string,
    server: match[server] as string,
    backup: match[backup] !== undefined,
    state,
  };
  const level = levelOf(text, match.index);
  if (level) out.level = level;
  details(out, text.slice(match.index + match[0].length));
  return { kind: "server-state", fields: out };
}

/**
 * Where HAProxy's message may start: the line's start, after its level tag (`[WARNING] … : `),
 * a syslog tag (`haproxy[30088]: `), a docker compose prefix (`haproxy1 | `) or journalctl's `…`.
 */
const LEAD = String.raw`(?:^|[\]:|…] +)`;
export const SERVER_STATE = new RegExp(String.raw`${LEAD}(Backup )?Server ([^\s/]+)\/(\S+) is (DOWN|UP)(?=[\s,./]|$)`);
export const HEALTH_CHECK = new RegExp(
  String.raw`${LEAD}(Health|Agent) check for (backup )?server ([^\s/]+)\/(\S+) (succeeded|failed|conditionally succeeded)`,
);
export const NO_SERVER = new RegExp(
  String.raw`${LEAD}(backend|listen|proxy) ('?)([^\s']+)\2 has no server available ?!`,
);
const LEVEL = /\[(EMERG|ALERT|CRIT|ERR|ERROR|WARNING|NOTICE|INFO|DEBUG)\]/;

const REASON = /, reason: ([^,.]*)/;
const CODE = /, code: (\d{1,9})/;
const INFO = /, info: "((?:[^"\\]|\\.)*)/;
const DURATION = /, check duration: (\d{1,12})ms/;
const LEFT = /\. (\d{1,9}) active and (\d{1,9}) backup servers (?:left|online)/;
const VIA = /^ via ([^\s/]+\/\S+?)(?=[.,]?(?:\s|$))/;
const CHECK_STATE = /, status: \d+\/\d+ (UP|DOWN|DRAIN)/;
/** What a cut line's viewer put in place of the rest: systemctl/`less -S` `>`, journalctl `…`. */
const CUT_MARK = /\s*[>…#]+$/;

/** HAProxy's health-check status descriptions (src/check.c, check_statuses). */
const REASONS = [
  "Socket error",
  "Health analyze",
  "Layer4 check passed",
  "Layer4 timeout",
  "Layer4 connection problem",
  "Layer6 check passed",
  "Layer6 timeout",
  "Layer6 invalid response",
  "Layer7 timeout",
  "Layer7 invalid response",
  "Layer7 check passed",
  "Layer7 check conditionally passed",
  "Layer7 wrong status",
  "External check error",
  "External check timeout",
  "External check passed",
] as const;

/** A reason cut short names the status it is the start of, when only one starts so. */
function knownReason(raw: string, atEnd: boolean): { reason: string; cut?: true } | undefined {
  const text = raw.replace(CUT_MARK, "").trim();
  if (text === "") return undefined;
  if (!atEnd || (REASONS as readonly string[]).includes(text)) return { reason: text };
  const candidates = REASONS.filter((r) => r.startsWith(text));
  return candidates.length === 1 ? { reason: candidates[0] as string, cut: true } : { reason: text };
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reason, code, info, duration and servers left from the text after `is DOWN`/`failed`. */
function details(out: Mutable<ServerStateFields>, tail: string): void {
  const via = VIA.exec(tail);
  if (via) out.via = via[1] as string;
  const reason = REASON.exec(tail);
  if (reason) {
    const known = knownReason(reason[1] as string, reason.index + reason[0].length === tail.length);
    if (known) {
      out.reason = known.reason;
      if (known.cut) out.cut = true;
    }
  }
  const code = CODE.exec(tail);
  if (code) out.code = Number(code[1]);
  const info = INFO.exec(tail);
  if (info) {
    const text = (info[1] as string).replace(CUT_MARK, "");
    if (text !== "") out.info = text;
  }
  const duration = DURATION.exec(tail);
  if (duration) out.durationMs = Number(duration[1]);
  const left = LEFT.exec(tail);
  if (left) {
    out.activeLeft = Number(left[1]);
    out.backupLeft = Number(left[2]);
  }
  const checkState = CHECK_STATE.exec(tail);
  if (checkState) out.checkState = checkState[1] as string;
  if (CUT_MARK.test(tail)) out.cut = true;
}

function levelOf(text: string, before: number): string | undefined {
  return LEVEL.exec(text.slice(0, before))?.[1];
}

/**
 * One of HAProxy's own messages about its servers: a state change, a logged health check, or a
 * backend left without servers. Undefined for anything else; linear in the line length.
 */
export function parseHaproxyEvent(
  raw: string,
): { kind: "server-state"; fields: ServerStateFields } | { kind: "no-server"; fields: NoServerFields } | undefined {
  const text = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
  if (text.includes("erver ")) {
    const state = SERVER_STATE.exec(text);
    if (state) return serverEvent(text, state, [1, 2, 3], state[4] === "DOWN" ? "down" : "up");
    const check = HEALTH_CHECK.exec(text);
    if (check) return serverEvent(text, check, [2, 3, 4], check[5] === "failed" ? "check-failed" : "check-passed");
  }
  if (text.includes("has no server available")) {
    const none = NO_SERVER.exec(text);
    if (none) {
      const level = levelOf(text, none.index);
      return {
        kind: "no-server",
        fields: { proxyType: none[1] as string, backend: none[3] as string, ...(level ? { level } : {}) },
      };
    }
  }
  return undefined;
}
