import type { ObservationBase } from "./base.ts";
import type { ResponderHint } from "./curl.ts";

/** A Chromium `net::ERR_*` error, from a console line, an error page text or a HAR entry's `_error`. */
export interface BrowserNetError extends ObservationBase<"browser.net-error"> {
  /** The error name without `net::`, such as ERR_HTTP2_PROTOCOL_ERROR (old names kept as written). */
  readonly name: string;
  /** The current name when the browser printed an old one (ERR_SPDY_* became ERR_HTTP2_*). */
  readonly canonical: string;
  readonly method?: string;
  readonly url?: string;
  /** The status the browser had received before the error (DevTools prints it after the name). */
  readonly status?: number;
  readonly responder?: ResponderHint;
  /** Where the error was read: a console line or a HAR entry. */
  readonly from: "line" | "har";
}

/** One HAR entry worth a look: failed, erroneous, or with a body shorter than announced. */
export interface BrowserHarEntry extends ObservationBase<"browser.har-entry"> {
  readonly method?: string;
  readonly url?: string;
  readonly status: number;
  readonly httpVersion?: string;
  readonly error?: string;
  /** Content-Length the response announced. */
  readonly contentLength?: number;
  /** Bytes of body the browser received (content.size, or bodySize when that is all there is). */
  readonly bodyBytes?: number;
  readonly contentEncoding?: string;
  /** Time to first byte and total time, in milliseconds. */
  readonly waitMs?: number;
  readonly totalMs?: number;
  readonly responder?: ResponderHint;
  readonly startedDateTime?: string;
  /** True when the saved body is nginx's own error page. */
  readonly nginxErrorPage?: boolean;
}

/** Totals of a HAR file, so detectors can weigh one failure against the rest. */
export interface BrowserHarSummary extends ObservationBase<"browser.har-summary"> {
  readonly entries: number;
  readonly failed: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Size of the largest 2xx response that arrived complete, in bytes. */
  readonly largestComplete?: number;
}

/**
 * An error status the browser's console or network log reports for a request
 * (`Failed to load resource: the server responded with a status of 502 (Bad Gateway)`).
 */
export interface BrowserConsoleStatus extends ObservationBase<"browser.console-status"> {
  readonly status: number;
  /** The reason phrase the browser printed, when it printed one. */
  readonly reason?: string;
  readonly method?: string;
  readonly url?: string;
}

/** How a WebSocket client says its connection failed. */
export type WebSocketFailureKind =
  | "handshake-refused"
  | "connect-failed"
  | "closed-abnormally"
  | "keepalive-timeout"
  | "upgrade-headers-missing"
  | "origin-rejected";

/**
 * A WebSocket client's own error (a browser, Node's ws, Python's websockets, gorilla, tungstenite,
 * .NET, OkHttp, Spring): the handshake answered without 101, or the connection dropped without a
 * close frame.
 */
export interface WebSocketFailure extends ObservationBase<"websocket.failure"> {
  readonly kind: WebSocketFailureKind;
  readonly client: string;
  /** The handshake's status, for a refused one. */
  readonly status?: number;
  readonly url?: string;
}

export type BrowserObservation =
  | BrowserNetError
  | BrowserHarEntry
  | BrowserHarSummary
  | BrowserConsoleStatus
  | WebSocketFailure;
