import { describe, expect, test } from "vitest";
import { OPENING_NEEDLE, OPENING_WORDINGS, opensError } from "./failures.ts";

/** The top-level alternatives of an expression's source. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** Index of the `)` closing the group that opens at `open`. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  throw new Error(`unclosed group in ${source}`);
}

/**
 * Whether every match of `source` holds one of `needles`: each alternative holds one in its plain
 * text, or in a group that must match and all of whose alternatives do. Whatever is unsure
 * (classes, escapes like \w, optional parts, negative lookarounds) counts as no text, so the
 * answer errs towards "no".
 */
function needleSure(source: string, needles: readonly string[]): boolean {
  return alternatives(source).every((alternative) => {
    let text = "";
    for (let i = 0; i < alternative.length; ) {
      const c = alternative[i] as string;
      const rest = alternative.slice(i);
      if (c === "\\") {
        const next = alternative[i + 1] ?? "";
        text += /[A-Za-z0-9]/.test(next) ? "\0" : next;
        i += 2;
      } else if (c === "[") {
        let end = i + 1;
        while (alternative[end] !== "]") end += alternative[end] === "\\" ? 2 : 1;
        text += "\0";
        i = end + 1;
      } else if (c === "(") {
        const end = groupEnd(alternative, i);
        const inner = alternative.slice(i + 1, end);
        i = end + 1;
        const optional = /^(?:[?*]|\{0,)/.test(alternative.slice(i));
        const negative = inner.startsWith("?!") || inner.startsWith("?<!");
        const body = inner.replace(/^\?(?::|=|<=|<[A-Za-z_$][\w$]*>)/, "");
        if (!optional && !negative && needleSure(body, needles)) return true;
        text += "\0";
      } else if (c === "?" || c === "*" || /^\{0,/.test(rest)) {
        text = `${text.slice(0, -1)}\0`;
        i += c === "{" ? rest.indexOf("}") + 1 : 1;
      } else if (c === "{") {
        i += rest.indexOf("}") + 1;
      } else {
        text += c === "+" ? "" : c === "." || c === "^" || c === "$" ? "\0" : c;
        i++;
      }
    }
    return needles.some((needle) => text.includes(needle));
  });
}

describe("the literal check before the opening wordings", () => {
  const needles = alternatives(OPENING_NEEDLE.source).map((needle) => needle.replace(/\\(.)/g, "$1"));

  test("every alternative of every opening wording holds one of its literals", () => {
    const unsure = OPENING_WORDINGS.flatMap((wording) =>
      alternatives(wording.source).filter((alternative) => !needleSure(alternative, needles)),
    );
    expect(unsure).toEqual([]);
  });

  test("the check itself would see a wording without a literal", () => {
    expect(needleSure(/Error|socket hang up/.source, ["Error", "hang up"])).toBe(true);
    expect(needleSure(/Error|socket hung/.source, ["Error", "hang up"])).toBe(false);
    expect(needleSure(/\b(?:connect )?(?:EHOSTUNREACH|ENETUNREACH)\b/.source, ["UNREACH"])).toBe(true);
    expect(needleSure(/\b(?:connect )?(?:EHOSTUNREACH|ENETUNREACH)\b/.source, ["connect"])).toBe(false);
    expect(needleSure(/names?/.source, ["names"])).toBe(false);
    expect(needleSure(/x(?!Error)/.source, ["Error"])).toBe(false);
  });

  test("a line holding a literal but no wording is still refused", () => {
    expect(opensError("upstream timed out (110: Connection timed out) while reading response header")).toBe(false);
    expect(opensError("Error: read ECONNRESET")).toBe(true);
  });
});

describe("Rust, Ruby and PHP wordings", () => {
  test.each([
    "error sending request for url (http://127.0.0.1:18081/): connection closed before message completed",
    "hyper::Error(IncompleteMessage)",
    "IncompleteMessage: connection closed before message completed",
    "tcp connect error: Connection refused (os error 111)",
    "connection error: Connection reset by peer (os error 104)",
    "tcp connect error: Connection timed out (os error 110)",
    "dns error: failed to lookup address information: Name or service not known",
    "invalid peer certificate: UnknownIssuer",
    "received corrupt message of type InvalidContentType",
    "http2 error: connection error detected: frame with invalid size",
    "connection error received: not a result of an error",
    "stream error received: unspecific protocol error detected",
    'status: Unavailable, message: "error trying to connect: tcp connect error: Connection refused (os error 111)"',
    "Net::ReadTimeout with #<TCPSocket:(closed)>",
    "EOFError: end of file reached",
    "Faraday::ConnectionFailed: end of file reached",
    "SSL_connect returned=1 errno=0 peeraddr=10.0.0.4:443 state=error: wrong version number",
    "GuzzleHttp\\Exception\\ConnectException: cURL error 52: Empty reply from server",
    "cURL error 28: Operation timed out after 30001 milliseconds with 0 bytes received",
  ])("opens an error: %s", (line) => {
    expect(opensError(line)).toBe(true);
  });

  test.each([
    // Deno's server, about a client that went away.
    "Http: connection closed before message completed",
    "channel closed",
    "operation timed out",
    "end of file reached",
    "Empty reply from server",
    "frame with invalid size",
    "invalid HTTP version parsed",
    "end of file before message length reached",
    "dns error: no record found for Query",
    "Broken pipe",
  ])("is only trusted inside another's error: %s", (line) => {
    expect(opensError(line)).toBe(false);
  });
});
