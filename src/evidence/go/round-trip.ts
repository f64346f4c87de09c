import type { GoRoundTripObservation } from "../../model/observations/go.ts";
import type { Line } from "../lines.ts";
import { lineRef } from "../reader.ts";
import type { KlogLine } from "./klog.ts";
import { correlationOfUrl } from "./request.ts";

/** What earlier round-tripper lines said: the request a status line belongs to, the client's agent. */
export interface RoundTripState {
  method?: string | undefined;
  url?: string | undefined;
  agent?: { program: string; version: string } | undefined;
}

const METHODS = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS";
const REQUEST_LINE = new RegExp(`^(${METHODS}) (https?://\\S+)$`);
/** kubectl -v=6 prints the request and its outcome on one line: `GET https://… 200 OK in 5 milliseconds`. */
const ONE_LINE = new RegExp(`^(${METHODS}) (https?://\\S+) ?(.*?) ?in (\\d+) milliseconds$`);
const RESPONSE_LINE = /^Response Status: ?(.*?) in (\d+) milliseconds/;
const STRUCTURED =
  /^"(Request|Response)"(?=.*\bverb="(\w+)")(?=.*\burl="([^"]+)")(?:.*\bstatus="([^"]*)")?(?:.*\bmilliseconds=(\d+))?/;
const USER_AGENT = /^User-Agent: ([\w.-]+)\/(v\d+\.\d+\.\d+\S*)/;

/** Reads one `round_trippers.go` line; header and curl-command lines only update the state. */
export function readRoundTrip(
  klog: KlogLine,
  state: RoundTripState,
  source: string,
  line: Line,
): GoRoundTripObservation | undefined {
  const message = klog.message.trim();
  const agent = USER_AGENT.exec(message);
  if (agent) {
    state.agent = { program: agent[1] as string, version: agent[2] as string };
    return undefined;
  }
  const request = REQUEST_LINE.exec(message);
  if (request) {
    state.method = request[1];
    state.url = request[2];
    return observation(klog, state, source, line);
  }
  const oneLine = ONE_LINE.exec(message);
  if (oneLine) {
    state.method = oneLine[1];
    state.url = oneLine[2];
    return observation(klog, state, source, line, oneLine[3] ?? "", Number(oneLine[4]));
  }
  const response = RESPONSE_LINE.exec(message);
  if (response) return observation(klog, state, source, line, response[1]?.trim() ?? "", Number(response[2]));
  const structured = STRUCTURED.exec(message);
  if (structured) {
    const [, kind, method, url, status, millis] = structured;
    state.method = method;
    state.url = url;
    if (kind === "Request") return observation(klog, state, source, line);
    return observation(klog, state, source, line, status ?? "", millis ? Number(millis) : undefined);
  }
  return undefined;
}

function observation(
  klog: KlogLine,
  state: RoundTripState,
  source: string,
  line: Line,
  status?: string,
  millis?: number,
): GoRoundTripObservation {
  const correlation = state.url ? correlationOfUrl(state.url) : undefined;
  return {
    type: "go.round-trip",
    ref: lineRef(source, line),
    klog: klog.header,
    ...(state.method ? { method: state.method } : {}),
    ...(state.url ? { url: state.url } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(millis !== undefined ? { millis } : {}),
    ...(state.agent ? { agent: { ...state.agent } } : {}),
    ...(correlation && Object.keys(correlation).length > 0 ? { correlation } : {}),
  };
}
