import type { FailureWords, FailureWordsKind } from "../../model/observations/text.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";

/** Most telling first: a TLS failure often ends in a reset, a reset often in a broken pipe. */
const WORDS: readonly (readonly [FailureWordsKind, RegExp])[] = [
  [
    "certificate",
    /certificate verify failed|CERTIFICATE_VERIFY_FAILED|x509: certificate|PKIX path building failed|unable to get local issuer certificate|certificate has expired|self[- ]signed certificate/,
  ],
  ["wrong-version-number", /WRONG_VERSION_NUMBER|[Ww]rong version number/],
  // The preface logged as a request line, or an HTTP/1 framework refusing `PRI` as a method (Rails).
  ["h2-preface-as-request", /"PRI \* HTTP\/2\.0"|HTTP [Mm]ethod used: PRI\b/],
  // Python's h2 library (mitmproxy, httpx) refusing a header section HTTP/2 forbids.
  [
    "h2-header-rejected",
    /Received header value surrounded by whitespace|Received uppercase header name|Connection-specific header field present|Received duplicate pseudo-header field|Invalid (?:header name|pseudo-header)/,
  ],
  [
    "tls-handshake",
    /SSL_do_handshake\(\) failed|SSL alert number \d{1,3}|\bTLS handshake error from \S+: |sslv3 alert handshake failure|tlsv1 alert (?:unrecognized name|protocol version|internal error)/,
  ],
  [
    "session-cut",
    /server closed the connection unexpectedly|SSL SYSCALL error: EOF detected|Lost connection to MySQL server during query|MySQL server has gone away/,
  ],
  ["conntrack-full", /\b(?:nf|ip)_conntrack: (?:nf_conntrack: )?table full, dropping packet/],
  ["datagram-too-long", /\b(?:sendmmsg|sendmsg|sendto|write udp [^\n]{1,120}?): message too long|\bEMSGSIZE\b/],
  [
    "header-too-large",
    /[Rr]equest header (?:is )?too large|Request Header Fields Too Large|[Hh]eaders? (?:size )?(?:is |are )?too (?:large|big)/,
  ],
  ["refused", /\bECONNREFUSED\b|[Cc]onnection refused/],
  // Go's error for work whose caller went away: a server's request whose client closed, a call
  // its own caller abandoned. `context deadline exceeded` is a timeout, not this.
  ["canceled", /\bcontext canceled\b/],
  ["reset", /\bECONNRESET\b|[Cc]onnection reset by peer|[Cc]onnection reset\b/],
  ["timed-out", /\bETIMEDOUT\b|[Cc]onnection timed out|[Cc]onnect timed out|[Oo]peration timed out/],
  ["broken-pipe", /\bEPIPE\b|[Bb]roken pipe/],
];

/** One of these literals is in every wording above; lines without any are refused at once. */
const LITERALS = [
  "oo large",
  "oo big",
  "Too Large",
  "ertificate",
  "x509",
  "PKIX",
  "ECONN",
  "onnection re",
  "TIMEDOUT",
  "timed out",
  "EPIPE",
  "roken pipe",
  "VERSION_NUMBER",
  "version number",
  "PRI * HTTP/2",
  "used: PRI",
  "surrounded by whitespace",
  "uppercase header name",
  "Connection-specific header",
  "duplicate pseudo-header",
  "Invalid header name",
  "Invalid pseudo-header",
  "SSL_do_handshake",
  "SSL alert number",
  "TLS handshake error",
  "alert handshake failure",
  "tlsv1 alert",
  "table full",
  "message too long",
  "EMSGSIZE",
  "closed the connection unexpectedly",
  "EOF detected",
  "context canceled",
  "Lost connection",
  "has gone away",
];
/** Longest line looked at: such words sit near a line's start in any log. */
const MAX_LINE = 4096;

/**
 * An elapsed time a log line states: `took 60001ms`, `duration=1m0.45s` (Go), `elapsed: 60.0 s`.
 * `in 30s` is left out: it is as often a wait to come (`retrying in 30s`) as one that passed.
 */
const ELAPSED = /\b(?:took|duration|elapsed|latency|time)[=:]? ?(?:(\d{1,4})m)?(\d{1,7}(?:\.\d{1,9})?) ?(ms|s)\b/;
/** A line about a request that did not end well: an error status or the words for it. */
const FAILED =
  /\b(?:status|code)[=: ]{1,3}[45]\d\d\b|\b[45]\d\d (?:Bad|Gateway|Service|Request|Internal)\b|\bfailed\b|\bERROR\b|level=error|\berror:|[Tt]imed out|\btimeout\b|\baborted\b|\bcancell?ed\b|\bclosed\b|\bdisconnected\b|\breset\b|[Bb]roken pipe/;
/** ELAPSED's words with what may stand between each and its number, and the number's first digit. */
const ELAPSED_NEEDLES = ["took", "duration", "elapsed", "latency", "time"].flatMap((word) =>
  ["", "=", ":", " ", "= ", ": "].flatMap((between) =>
    Array.from({ length: 10 }, (_, digit) => `${word}${between}${digit}`),
  ),
);
/** Timeouts proxies, load balancers and platforms ship with, in seconds. */
export const ROUND_TIMEOUTS = [15, 30, 55, 60, 90, 100, 120, 180, 300, 350, 600, 900, 3600];
/** How far past its timeout a cut request may still end: the timer fires, then the close is logged. */
const PAST_TIMEOUT = 0.015;

/** Gin's access line of a failed request: `[GIN] 2024/01/01 - 10:00:25 | 500 |    1m0s | 10.0.0.1 | POST "/api"`. */
const GIN_ACCESS = /^\[GIN\] [^|]{0,40}\| [45]\d\d \| +(?:(\d{1,4})m)?(\d{1,7}(?:\.\d{1,9})?)(ms|s) +\|/;

/** `60001ms` on a failed request: it ran as long as a common timeout and then ended. */
function roundTimeoutOf(text: string): Omit<FailureWords, "type" | "ref"> | undefined {
  const gin = GIN_ACCESS.exec(text);
  const m = gin ?? ELAPSED.exec(text);
  if (!m || (!gin && !FAILED.test(text))) return undefined;
  const seconds = Number(m[1] ?? 0) * 60 + Number(m[2]) / (m[3] === "ms" ? 1000 : 1);
  const timeout = ROUND_TIMEOUTS.find((t) => seconds >= t && seconds <= t * (1 + PAST_TIMEOUT));
  return timeout === undefined ? undefined : { kind: "round-timeout", words: m[0] };
}

export function failureWordsOf(text: string): Omit<FailureWords, "type" | "ref"> | undefined {
  const t = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  if (LITERALS.some((literal) => t.includes(literal))) {
    for (const [kind, pattern] of WORDS) {
      const m = pattern.exec(t);
      if (m) return { kind, words: m[0] };
    }
  }
  return roundTimeoutOf(t);
}

/**
 * The last reader tried: a line no other reader took that still names a failure is read for
 * what it names, instead of being only counted as unknown.
 */
export const failureWordsReader: LineReaderFactory = {
  ...perLineReader("failure-words", (line, source) => {
    const found = failureWordsOf(line.text);
    return found && { type: "text.failure-words", ref: lineRef(source, line), ...found };
  }),
  needles: [...LITERALS, ...ELAPSED_NEEDLES, "[GIN] "],
};
