import type { BrowserConsoleStatus } from "../../model/observations/browser.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";
import { urlParts } from "./net-error.ts";

/** Chromium's console: `Failed to load resource: the server responded with a status of 502 (Bad Gateway)`. */
const CHROME = /Failed to load resource: the server responded with a status of ([1-5]\d\d)(?: \(([^)]{0,60})\))?/;
/** Chromium's network line: `GET https://example.com/api 502 (Bad Gateway)`. */
const CHROME_NETWORK =
  /\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (https?:\/\/\S{1,2000}) ([1-5]\d\d)(?: \(([^)]{0,60})\))?\s*$/;
/** Firefox's console: `XHRGET https://example.com/api [HTTP/2 502 Bad Gateway 35ms]`. */
const FIREFOX =
  /(?:^|\s|XHR|Fetch)(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s+(https?:\/\/\S{1,2000})\s+\[HTTP\/[\d.]{1,3} ([1-5]\d\d) ([^\]]{0,60}?) ?\d{1,9}ms\]/;
/** axios in the console: `AxiosError: Request failed with status code 502`. */
const AXIOS = /Request failed with status code ([1-5]\d\d)\b/;
const URL = /\bhttps?:\/\/[^\s"'<>]{1,2000}/;
/** Longest line looked at; console lines are short, quoted logs around them may not be. */
const MAX_LINE = 8192;

/** An error status (4xx or 5xx) a browser console line reports, if it reports one. */
export function parseConsoleStatus(text: string): Omit<BrowserConsoleStatus, "type" | "ref"> | undefined {
  const t = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  // Literal checks first: Chromium's console sentence, or the URL the network lines need.
  const chrome = t.includes("Failed to load resource")
    ? CHROME.exec(t)
    : t.includes("Request failed")
      ? AXIOS.exec(t)
      : null;
  if (!chrome && !t.includes("://")) return undefined;
  const found = chrome
    ? { status: chrome[1], reason: chrome[2], url: URL.exec(t)?.[0] }
    : ((m) => m && { method: m[1], url: m[2], status: m[3], reason: m[4] })(CHROME_NETWORK.exec(t) ?? FIREFOX.exec(t));
  if (!found) return undefined;
  const status = Number(found.status);
  if (status < 400) return undefined;
  // DevTools puts the console line's source position after a URL: `https://host/app.js:1`.
  const url = found.url?.replace(/[),.;]+$/, "").replace(/(\/\/[^/]+\/\S*):\d+$/, "$1");
  const reason = found.reason?.trim();
  const correlation = urlParts(url);
  return {
    status,
    ...(reason ? { reason } : {}),
    ...("method" in found && found.method ? { method: found.method } : {}),
    ...(url ? { url } : {}),
    ...(correlation.authority ? { correlation } : {}),
  };
}

/** Browser console and network lines that report an error status for a request. */
export const browserConsoleStatusReader: LineReaderFactory = {
  ...perLineReader("browser-console", (line, source) => {
    const parsed = parseConsoleStatus(line.text);
    return parsed && { type: "browser.console-status", ref: lineRef(source, line), ...parsed };
  }),
  needles: [
    CHROME,
    AXIOS,
    // CHROME_NETWORK: the method, one space, then the URL.
    ...["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].map((method) => `${method} http`),
    // FIREFOX: the bracketed `[HTTP/2 502 …]`.
    "[HTTP/",
  ],
};
