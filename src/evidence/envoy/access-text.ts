import type { EnvoyAccessFormat } from "../../model/observations/envoy.ts";
import { LineFinder } from "./line-search.ts";

/**
 * Reading Envoy/Istio TEXT access-log lines. The hot path (`scanTextAccess`) finds only what the
 * summary counts — status, flags and details as one slice, upstream cluster and host, the minute —
 * with a handful of `indexOf` calls and no per-field strings. `tokenizeText` reads every field,
 * for the few lines kept as examples or examined closer.
 */

const SPACE = 0x20;
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
/** Put in front of a record quoted without its `[time]`, so it reads like any other; never quoted back. */
export const UNTIMED_PREFIX = "[-] ";
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The searches of the hot path. A line may be a range of a whole chunk, so every forward search
 * goes through a finder bounded by the line; each sequence of searches moves forward in its string.
 */
const PREFIX_MARKERS = [" stdout F ", " stderr F ", " stdout P ", "Z "];
const finders = {
  markers: PREFIX_MARKERS.map((marker) => new LineFinder(marker)),
  timeEnd: new LineFinder("]"),
  requestEnd: new LineFinder('" '),
  space: new LineFinder(" "),
  durationSpace: new LineFinder(" "),
  durationQuoteEnd: new LineFinder('" '),
};

/** Characters passed over by the hot path's searches so far (for tests of the work done). */
export function scannedByTextSearches(): number {
  let total = 0;
  for (const finder of [...finders.markers, finders.timeEnd, finders.requestEnd, finders.space])
    total += finder.scanned;
  return total + finders.durationSpace.scanned + finders.durationQuoteEnd.scanned;
}

/** What the hot path fills in; reused from line to line. */
export interface AccessScan {
  format: EnvoyAccessFormat;
  status: number;
  /**
   * `status flags details`, exactly as written (a group key before normalising). The fast path
   * leaves it empty and gives its place instead (`headStart`), so a repeated head costs no string.
   */
  head: string;
  headStart: number;
  cluster: string;
  host: string;
  /** Host and cluster as one string (`host" cluster`), the key of their pair; the fast path gives its place instead. */
  pair: string;
  pairStart: number;
  pairEnd: number;
  /** Where the timestamp text starts and ends in the scanned string (-1 when absent). */
  timeStart: number;
  timeEnd: number;
  /** Istio fast path: where the head ends, to find more fields on demand (-1 otherwise). */
  headEnd: number;
  /** Duration in ms when the layout path already read it, -1 when unknown. */
  duration: number;
}

export function newScan(): AccessScan {
  return {
    format: "istio-text",
    status: 0,
    head: "",
    headStart: -1,
    cluster: "-",
    host: "-",
    pair: '-" -',
    pairStart: -1,
    pairEnd: -1,
    timeStart: -1,
    timeEnd: -1,
    headEnd: -1,
    duration: -1,
  };
}

/**
 * Where an access record starts in a line: after a number pasted in front (line numbers copied
 * from a web page), a `kubectl logs --timestamps` stamp or a CRI prefix. Returns -1 for lines
 * that do not start with `[` or `{` after such a prefix.
 */
export function recordStart(s: string, from: number, to: number): number {
  let i = from;
  const c = s.charCodeAt(i);
  if (c === OPEN_BRACKET || c === 0x7b) return i;
  while (i < to && i - from < 12) {
    const d = s.charCodeAt(i);
    if ((d >= ZERO && d <= NINE) || d === SPACE || d === 0x09) i++;
    else break;
  }
  const e = s.charCodeAt(i);
  if (i < to && (e === OPEN_BRACKET || e === 0x7b)) return i;
  // `2024-03-11T08:00:00.123456789Z [..` or CRI `… stdout F [..`
  const limit = Math.min(to, from + 80);
  for (let m = 0; m < PREFIX_MARKERS.length; m++) {
    const at = (finders.markers[m] as LineFinder).find(s, from, limit);
    const start = at + (PREFIX_MARKERS[m] as string).length;
    if (at >= 0 && start < limit) {
      const f = s.charCodeAt(start);
      if (f === OPEN_BRACKET || f === 0x7b) return start;
    }
  }
  return -1;
}

/** End of the 1–3 status digits at `at` when a space follows them, else -1. */
function statusEnd(s: string, at: number, to: number): number {
  let i = at;
  for (; i < to && i - at < 4; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
  }
  return i === at || i - at > 3 || s.charCodeAt(i) !== SPACE ? -1 : i;
}

function digitsValue(s: string, at: number, end: number): number {
  let value = 0;
  for (let i = at; i < end; i++) value = value * 10 + (s.charCodeAt(i) - ZERO);
  return value;
}

/**
 * Scans one TEXT access line in `s[from, to)` (from = the `[`). Returns false when the line is
 * not an access record. Istio 1.9+ lines take the fast path; other layouts are tokenised.
 */
export function scanTextAccess(s: string, from: number, to: number, out: AccessScan): boolean {
  if (s.charCodeAt(from) !== OPEN_BRACKET) return false;
  const timeEnd = finders.timeEnd.find(s, from + 1, to);
  if (timeEnd < 0 || timeEnd - from > 48) return false;
  if (s.charCodeAt(timeEnd + 1) !== SPACE || s.charCodeAt(timeEnd + 2) !== QUOTE) return false;
  const requestEnd = finders.requestEnd.find(s, timeEnd + 3, to);
  if (requestEnd < 0) return false;
  const statusStart = requestEnd + 2;
  const digitsEnd = statusEnd(s, statusStart, to);
  if (digitsEnd < 0) return false;
  const status = digitsValue(s, statusStart, digitsEnd);
  const flagsStart = digitsEnd + 1;
  const flagsEnd = finders.space.find(s, flagsStart, to);
  if (flagsEnd < 0 || flagsEnd === flagsStart) return false;
  const next = s.charCodeAt(flagsEnd + 1);
  out.timeStart = from + 1;
  out.timeEnd = timeEnd;
  out.status = status;
  if (next !== QUOTE && (next < ZERO || next > NINE)) {
    // Istio 1.9+: details follow the flags; cluster is the first token after the last quote.
    const detailsEnd = finders.space.find(s, flagsEnd + 1, to);
    if (detailsEnd < 0) return false;
    // Both backward searches stop inside the line: the quote at `requestEnd` is in it.
    const lastQuote = s.lastIndexOf('"', to - 1);
    if (lastQuote <= detailsEnd) return false;
    const hostOpen = s.lastIndexOf('"', lastQuote - 1);
    if (hostOpen <= detailsEnd) return false;
    let clusterEnd = lastQuote + 2 < to ? finders.space.find(s, lastQuote + 2, to) : to;
    if (clusterEnd < 0) clusterEnd = to;
    out.cluster = "";
    out.host = "";
    out.pair = "";
    out.pairStart = hostOpen + 1;
    out.pairEnd = clusterEnd;
    out.head = "";
    out.headStart = statusStart;
    out.headEnd = detailsEnd;
    out.duration = -1;
    out.format = "istio-text";
    return true;
  }
  // Other layouts are rare: tokenise the line as its own string, where searches end with it.
  const fields =
    from === 0 && to === s.length ? tokenizeText(s, from, to) : tokenizeText(s.slice(from, to), 0, to - from);
  if (!fields) return false;
  out.format = fields.format;
  out.head = `${fields.status} ${fields.flags} ${fields.details}`;
  out.cluster = fields.cluster;
  out.host = fields.upstreamHost;
  out.pair = `${fields.upstreamHost}" ${fields.cluster}`;
  out.pairStart = -1;
  out.headStart = -1;
  out.headEnd = -1;
  out.duration = fields.duration;
  return true;
}

/**
 * Duration of an Istio 1.9+ line from where its head ends: past the termination details, the
 * quoted transport failure reason and the two byte counts.
 */
export function istioDuration(s: string, headEnd: number, to: number): number {
  const space = finders.durationSpace;
  let i = space.find(s, headEnd + 1, to);
  if (i < 0 || s.charCodeAt(i + 1) !== QUOTE) return -1;
  i = finders.durationQuoteEnd.find(s, i + 2, to);
  if (i < 0) return -1;
  i = space.find(s, i + 2, to);
  if (i < 0) return -1;
  i = space.find(s, i + 1, to);
  if (i < 0) return -1;
  let value = 0;
  let j = i + 1;
  for (; j < to; j++) {
    const c = s.charCodeAt(j);
    if (c < ZERO || c > NINE) break;
    value = value * 10 + (c - ZERO);
  }
  return j === i + 1 || j - i > 12 ? -1 : value;
}

/** Every field of a TEXT access line, `-` where the layout has none. */
export interface TextFields {
  format: EnvoyAccessFormat;
  time: string;
  method: string;
  path: string;
  protocol: string;
  status: number;
  flags: string;
  details: string;
  terminationDetails: string;
  transportFailure: string;
  bytesReceived: number;
  bytesSent: number;
  duration: number;
  upstreamServiceTime: number;
  forwardedFor: string;
  userAgent: string;
  requestId: string;
  authority: string;
  upstreamHost: string;
  cluster: string;
}

const MAX_TOKENS = 48;

interface Token {
  readonly quoted: boolean;
  readonly text: string;
}

function tokens(s: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to && out.length < MAX_TOKENS) {
    const c = s.charCodeAt(i);
    if (c === SPACE) {
      i++;
      continue;
    }
    if (c === QUOTE || c === OPEN_BRACKET) {
      const close = s.indexOf(c === QUOTE ? '"' : "]", i + 1);
      const end = close < 0 || close >= to ? to : close;
      out.push({ quoted: true, text: s.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    let end = s.indexOf(" ", i);
    if (end < 0 || end > to) end = to;
    out.push({ quoted: false, text: s.slice(i, end) });
    i = end;
  }
  return out;
}

function isDigits(text: string): boolean {
  return /^\d+$/.test(text);
}

function num(text: string | undefined): number {
  return text !== undefined && isDigits(text) ? Number(text) : -1;
}

function dash(token: Token | undefined): string {
  return token === undefined || token.text === "" ? "-" : token.text;
}

/** Reads every field of a TEXT access line; undefined when the line is not one. */
export function tokenizeText(s: string, from: number, to: number): TextFields | undefined {
  if (s.charCodeAt(from) !== OPEN_BRACKET) return undefined;
  const t = tokens(s, from, to);
  const [time, request, status, flags] = t;
  if (!time || !request || !status || !flags || !request.quoted || status.quoted || flags.quoted) return undefined;
  if (!/^\d{1,3}$/.test(status.text) || !(time.text.includes(":") || time.text === "-")) return undefined;
  const requestParts = request.text.split(" ");
  let format: EnvoyAccessFormat;
  let details = "-";
  let terminationDetails = "-";
  let transportFailure = "-";
  let at = 4;
  const fourth = t[4];
  if (fourth === undefined) return undefined;
  if (!fourth.quoted && isDigits(fourth.text)) {
    format = "envoy-default";
  } else if (fourth.quoted) {
    format = "istio-text-legacy";
    at = 5;
    if (t[5]?.quoted) {
      transportFailure = dash(t[5]);
      at = 6;
    }
  } else {
    format = "istio-text";
    details = dash(fourth);
    terminationDetails = dash(t[5]);
    transportFailure = t[6]?.quoted ? dash(t[6]) : "-";
    at = t[6]?.quoted ? 7 : 6;
  }
  const quotedFrom = at + 4;
  return {
    format,
    time: time.text,
    method: requestParts[0] ?? "-",
    path: requestParts.length > 2 ? requestParts.slice(1, -1).join(" ") : (requestParts[1] ?? "-"),
    protocol: requestParts.length > 2 ? (requestParts[requestParts.length - 1] ?? "-") : "-",
    status: Number(status.text),
    flags: flags.text,
    details,
    terminationDetails,
    transportFailure,
    bytesReceived: num(t[at]?.text),
    bytesSent: num(t[at + 1]?.text),
    duration: num(t[at + 2]?.text),
    upstreamServiceTime: num(t[at + 3]?.text),
    forwardedFor: dash(t[quotedFrom]),
    userAgent: dash(t[quotedFrom + 1]),
    requestId: dash(t[quotedFrom + 2]),
    authority: dash(t[quotedFrom + 3]),
    upstreamHost: dash(t[quotedFrom + 4]),
    cluster: t[quotedFrom + 5] && !t[quotedFrom + 5]?.quoted ? dash(t[quotedFrom + 5]) : "-",
  };
}
