import type { VarnishFailure } from "../../model/observations/cloud-lb.ts";
import type { SourceRef } from "../../model/source.ts";
import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef } from "../reader.ts";

/** The reasons Varnish, and Fastly's cache built on it, give the 503s they make when the origin fails them. */
const REASONS: readonly (readonly [string, VarnishFailure])[] = [
  ["first byte timeout", "first-byte-timeout"],
  ["backend read error", "backend-read-error"],
  ["connection timed out", "connect-timeout"],
  ["backend fetch failed", "backend-fetch-failed"],
  ["no healthy backends", "no-healthy-backend"],
  ["backend is unhealthy", "no-healthy-backend"],
  ["all backends failed or unhealthy", "no-healthy-backend"],
];
/** Varnish 3 gave a failed fetch the generic reason: only the rest of its page says Varnish made it. */
const GENERIC_REASON = "service unavailable";
/** `Error 503 first byte timeout`, `<title>503 …`, `HTTP/1.1 503 …`, `Server Error 503: …`, `503, message='…'`. */
const STATUS_AND_REASON = /(?:^|[^\w.])503[:,]? +(?:message=')?([A-Za-z][A-Za-z ]{6,40})/;
/** The lines under a Varnish page's heading, tags stripped: Fastly's and Varnish's request ids, the footer. */
const PAGE_FURNITURE =
  /^(?:Guru Medit?ation:?|Details: cache-[\w-]{1,60}(?: \d{1,20}){0,2}|XID: \d{1,20}|Error \d{5}|Varnish cache server)$/;
const TAGS = /<\/?[a-zA-Z][a-zA-Z0-9]{0,9}>/g;
/** Longest line looked at: the reason sits near the start of its line. */
const MAX_LINE = 4096;
/** Lines of one page: its furniture, and a repeat of the same reason, come within them. */
const PAGE_LINES = 20;

interface Found {
  readonly reason: string;
  readonly written: string;
  readonly failure?: VarnishFailure;
}

/** The Varnish reason a line gives after a 503, known or generic. */
function reasonOf(text: string): Found | undefined {
  const words = STATUS_AND_REASON.exec(text)?.[1];
  if (!words) return undefined;
  const lower = words.toLowerCase();
  const starts = (reason: string): boolean =>
    lower.startsWith(reason) && (lower.length === reason.length || lower.charCodeAt(reason.length) === 0x20);
  const known = REASONS.find(([reason]) => starts(reason));
  if (known) return { reason: known[0], written: words.slice(0, known[0].length), failure: known[1] };
  return starts(GENERIC_REASON)
    ? { reason: GENERIC_REASON, written: words.slice(0, GENERIC_REASON.length) }
    : undefined;
}

interface Page {
  readonly reason: string;
  readonly line: number;
  readonly failure?: VarnishFailure;
  /** The heading of a generic page, until a line under it says Varnish wrote it. */
  readonly generic?: { readonly ref: SourceRef; readonly written: string };
}

/**
 * The 503 pages Varnish writes itself (Fastly's `Error 503 first byte timeout`, Varnish's `Error
 * 503 Backend fetch failed` with its Guru Meditation), as HTML, as a browser shows them, or the
 * status and reason pasted alone: one observation per page, at its first line with the reason.
 * A generic `503 Service Unavailable` is only remembered, never taken, until the page's Guru
 * Meditation or footer confirms it.
 */
export const varnishPageReader: LineReaderFactory = {
  format: "varnish-error-page",
  /**
   * STATUS_AND_REASON's `503` before its spaces; the lines under a page's heading (its reason
   * again, its furniture) and the line that ends a page come while a page is open: inBlock.
   */
  needles: ["503 ", "503: ", "503, "],
  create(context) {
    let page: Page | undefined;
    const emit = (ref: SourceRef, failure: VarnishFailure, reason: string): void => {
      context.emit({ type: "cloudlb.varnish-page", ref, failure, reason });
    };

    function pageLine(text: string, current: Page, line: Line): boolean {
      const piece = (text.includes("<") ? text.replace(TAGS, "") : text).trim();
      if (piece.toLowerCase() === current.reason) return current.failure !== undefined;
      if (!PAGE_FURNITURE.test(piece)) return false;
      if (current.generic) {
        emit(current.generic.ref, "backend-fetch-failed", current.generic.written);
        page = { reason: current.reason, line: line.line, failure: "backend-fetch-failed" };
      }
      return true;
    }

    return {
      inBlock: () => page !== undefined,
      accept(line: Line): boolean {
        const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
        const found = text.includes("503") ? reasonOf(text) : undefined;
        if (found?.failure) {
          const samePage =
            page?.failure === found.failure && page.reason === found.reason && line.line - page.line <= PAGE_LINES;
          if (!samePage) emit(lineRef(context.source, line), found.failure, found.written);
          page = { reason: found.reason, line: line.line, failure: found.failure };
          return true;
        }
        if (found) {
          const open = page?.reason === found.reason && line.line - page.line <= PAGE_LINES ? page : undefined;
          if (open?.failure) return true;
          if (!open) {
            const generic = { ref: lineRef(context.source, line), written: found.written };
            page = { reason: found.reason, line: line.line, generic };
          }
          return false;
        }
        if (!page) return false;
        if (line.line - page.line > PAGE_LINES) {
          page = undefined;
          return false;
        }
        return pageLine(text, page, line);
      },
      end(): void {},
    };
  },
};
