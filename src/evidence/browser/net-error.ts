import type { BrowserNetError } from "../../model/observations/browser.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";

/** A Chromium net error as written in a line of text. */
export interface ParsedNetError {
  readonly name: string;
  readonly canonical: string;
  readonly method?: string;
  readonly url?: string;
  readonly status?: number;
}

/**
 * Names Chromium printed before the HTTP/2 errors were renamed from SPDY; same numeric codes.
 */
const OLD_NAMES: Readonly<Record<string, string>> = {
  ERR_SPDY_PROTOCOL_ERROR: "ERR_HTTP2_PROTOCOL_ERROR",
  ERR_SPDY_PING_FAILED: "ERR_HTTP2_PING_FAILED",
  ERR_SPDY_SERVER_REFUSED_STREAM: "ERR_HTTP2_SERVER_REFUSED_STREAM",
  ERR_SPDY_COMPRESSION_ERROR: "ERR_HTTP2_COMPRESSION_ERROR",
  ERR_SPDY_FLOW_CONTROL_ERROR: "ERR_HTTP2_FLOW_CONTROL_ERROR",
  ERR_SPDY_FRAME_SIZE_ERROR: "ERR_HTTP2_FRAME_SIZE_ERROR",
  ERR_SPDY_INADEQUATE_TRANSPORT_SECURITY: "ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY",
  ERR_SPDY_RST_STREAM_NO_ERROR_RECEIVED: "ERR_HTTP2_RST_STREAM_NO_ERROR_RECEIVED",
  ERR_SPDY_STREAM_CLOSED: "ERR_HTTP2_STREAM_CLOSED",
  ERR_SPDY_CLAIMED_PUSHED_STREAM_RESET_BY_SERVER: "ERR_HTTP2_CLAIMED_PUSHED_STREAM_RESET_BY_SERVER",
};

/** Firefox's names for the same failures, read as the Chromium error they match. */
const FIREFOX_NAMES: Readonly<Record<string, string>> = {
  NS_ERROR_NET_PARTIAL_TRANSFER: "ERR_CONTENT_LENGTH_MISMATCH",
  NS_ERROR_NET_RESET: "ERR_CONNECTION_RESET",
  NS_ERROR_NET_INTERRUPT: "ERR_CONNECTION_CLOSED",
  NS_ERROR_CONNECTION_REFUSED: "ERR_CONNECTION_REFUSED",
  NS_ERROR_NET_TIMEOUT: "ERR_TIMED_OUT",
  NS_ERROR_NET_EMPTY_RESPONSE: "ERR_EMPTY_RESPONSE",
  NS_ERROR_NET_HTTP2_SENT_GOAWAY: "ERR_HTTP2_PROTOCOL_ERROR",
  NS_ERROR_NET_INADEQUATE_SECURITY: "ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY",
  NS_ERROR_CORRUPTED_CONTENT: "ERR_INVALID_RESPONSE",
};
const FIREFOX_ERROR = /\b(NS_ERROR_[A-Z0-9_]{3,60})\b/;

/** `net::ERR_X`, or a bare `ERR_X` that is one of Chromium's network error names. */
const NET_ERROR = /(?:\b[Nn][Ee][Tt]::?|(?<![A-Za-z0-9_:]))(ERR_[A-Z0-9_]{3,60})\b/;
const BARE_NAMES =
  /^ERR_(?:HTTP2_|SPDY_|QUIC_|CONNECTION_|CERT_|SSL_|TUNNEL_|EMPTY_RESPONSE|INCOMPLETE_CHUNKED_ENCODING|CONTENT_LENGTH_MISMATCH|RESPONSE_HEADERS_|INVALID_HTTP_RESPONSE|INVALID_CHUNKED_ENCODING|INVALID_RESPONSE|TIMED_OUT|NAME_NOT_RESOLVED|ADDRESS_UNREACHABLE|NETWORK_CHANGED|HTTP_1_1_REQUIRED|INCOMPLETE_HTTP2_HEADERS|TOO_MANY_REDIRECTS|UNSAFE_PORT|INTERNET_DISCONNECTED|ABORTED|FAILED|BAD_SSL_CLIENT_AUTH_CERT)/;
const URL = /\bhttps?:\/\/[^\s"'<>]+/;
const METHOD_BEFORE = /\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s+$/;

/** Finds a Chromium net error in a line; undefined when there is none. */
export function parseNetError(text: string): ParsedNetError | undefined {
  const m = NET_ERROR.exec(text) ?? firefoxError(text);
  if (!m) return undefined;
  const name = m[1] as string;
  const prefixed = m[0].toLowerCase().startsWith("net:") || name.startsWith("NS_ERROR_");
  if (!prefixed && !BARE_NAMES.test(name)) return undefined;
  const url = URL.exec(text);
  const method = url ? METHOD_BEFORE.exec(text.slice(0, url.index)) : null;
  const after = text.slice(m.index + m[0].length);
  const status = /^\s+(\d{3})\b/.exec(after);
  return {
    name,
    canonical: canonicalName(name),
    ...(method ? { method: method[1] as string } : {}),
    ...(url ? { url: url[0].replace(/[),.;]+$/, "") } : {}),
    ...(status ? { status: Number(status[1]) } : {}),
  };
}

export function canonicalName(name: string): string {
  const bare = name.replace(/^net::/, "");
  return OLD_NAMES[bare] ?? FIREFOX_NAMES[bare] ?? bare;
}

function firefoxError(text: string): RegExpExecArray | null {
  const m = FIREFOX_ERROR.exec(text);
  return m && FIREFOX_NAMES[m[1] as string] !== undefined ? m : null;
}

/** Host and path of a URL, for correlation. */
export function urlParts(url: string | undefined): { authority?: string; path?: string } {
  if (!url) return {};
  const m = /^[a-z]+:\/\/([^/?#\s]+)([^?#\s]*)/i.exec(url);
  if (!m) return {};
  return { authority: m[1] as string, path: (m[2] as string) || "/" };
}

/** Console lines, error-page text and logs that quote Chromium `net::ERR_*` errors. */
export const browserNetErrorReader: LineReaderFactory = {
  ...perLineReader("browser-net-error", (line, source) => {
    const parsed = parseNetError(line.text);
    if (!parsed) return undefined;
    const correlation = urlParts(parsed.url);
    const observation: BrowserNetError = {
      type: "browser.net-error",
      ref: lineRef(source, line),
      ...parsed,
      from: "line",
      ...(correlation.authority ? { correlation } : {}),
    };
    return observation;
  }),
  // A name after `net:`/`net::`, a bare name BARE_NAMES knows, or one of Firefox's `NS_ERROR_` names.
  needles: ["net:ERR_", "net::ERR_", BARE_NAMES, "NS_ERROR_"],
};
