import type { FailureWords, FailureWordsKind } from "../../model/observations/text.ts";
import { lineRef, perLineReader } from "../reader.ts";

/** Most telling first: a TLS failure often ends in a reset, a reset often in a broken pipe. */
const WORDS: readonly (readonly [FailureWordsKind, RegExp])[] = [
  [
    "certificate",
    /certificate verify failed|CERTIFICATE_VERIFY_FAILED|x509: certificate|PKIX path building failed|unable to get local issuer certificate|certificate has expired|self[- ]signed certificate/,
  ],
  ["wrong-version-number", /WRONG_VERSION_NUMBER|[Ww]rong version number/],
  ["h2-preface-as-request", /"PRI \* HTTP\/2\.0"/],
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
  "table full",
  "message too long",
  "EMSGSIZE",
  "closed the connection unexpectedly",
  "EOF detected",
  "Lost connection",
  "has gone away",
];
/** Longest line looked at: such words sit near a line's start in any log. */
const MAX_LINE = 4096;

export function failureWordsOf(text: string): Omit<FailureWords, "type" | "ref"> | undefined {
  const t = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  if (!LITERALS.some((literal) => t.includes(literal))) return undefined;
  for (const [kind, pattern] of WORDS) {
    const m = pattern.exec(t);
    if (m) return { kind, words: m[0] };
  }
  return undefined;
}

/**
 * The last reader tried: a line no other reader took that still names a failure is read for
 * what it names, instead of being only counted as unknown.
 */
export const failureWordsReader = perLineReader("failure-words", (line, source) => {
  const found = failureWordsOf(line.text);
  return found && { type: "text.failure-words", ref: lineRef(source, line), ...found };
});
