import type { GoRoundTripObservation } from "../../model/observations/go.ts";
import type { Line } from "../lines.ts";
import { lineRef } from "../reader.ts";
import type { KlogLine } from "./klog.ts";
import { correlationOfUrl } from "./request.ts";

/** The last request line seen, so that the response line that follows can name its URL. */
export interface RoundTripState {
  method?: string | undefined;
  url?: string | undefined;
}

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (https?:\/\/\S+)$/;
const RESPONSE_LINE = /^Response Status: ?(.*?) in (\d+) milliseconds/;
const STRUCTURED =
  /^"(Request|Response)"(?=.*\bverb="(\w+)")(?=.*\burl="([^"]+)")(?:.*\bstatus="([^"]*)")?(?:.*\bmilliseconds=(\d+))?/;

/** Reads one `round_trippers.go` line; header and curl-command lines give nothing. */
export function readRoundTrip(
  klog: KlogLine,
  state: RoundTripState,
  source: string,
  line: Line,
): GoRoundTripObservation | undefined {
  const message = klog.message.trim();
  const request = REQUEST_LINE.exec(message);
  if (request) {
    state.method = request[1];
    state.url = request[2];
    return observation(klog, source, line, state.method, state.url);
  }
  const response = RESPONSE_LINE.exec(message);
  if (response) {
    return observation(klog, source, line, state.method, state.url, response[1]?.trim() ?? "", Number(response[2]));
  }
  const structured = STRUCTURED.exec(message);
  if (structured) {
    const [, kind, method, url, status, millis] = structured;
    state.method = method;
    state.url = url;
    if (kind === "Request") return observation(klog, source, line, method, url);
    return observation(klog, source, line, method, url, status ?? "", millis ? Number(millis) : undefined);
  }
  return undefined;
}

function observation(
  klog: KlogLine,
  source: string,
  line: Line,
  method: string | undefined,
  url: string | undefined,
  status?: string,
  millis?: number,
): GoRoundTripObservation {
  const correlation = url ? correlationOfUrl(url) : undefined;
  return {
    type: "go.round-trip",
    ref: lineRef(source, line),
    klog: klog.header,
    ...(method ? { method } : {}),
    ...(url ? { url } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(millis !== undefined ? { millis } : {}),
    ...(correlation && Object.keys(correlation).length > 0 ? { correlation } : {}),
  };
}
