import type { Line } from "../lines.ts";
import { type LineReaderFactory, lineRef } from "../reader.ts";

/** The headings of Cloudflare's own error pages for the statuses it makes up itself. */
const CLOUDFLARE_HEADINGS: Readonly<Record<number, string>> = {
  520: "Web server is returning an unknown error",
  521: "Web server is down",
  522: "Connection timed out",
  523: "Origin is unreachable",
  524: "A timeout occurred",
  525: "SSL handshake failed",
  526: "Invalid SSL certificate",
};

/** True for a status Cloudflare makes up itself, when its origin failed. */
export function isCloudflareStatus(status: number | undefined): boolean {
  return status !== undefined && CLOUDFLARE_HEADINGS[status] !== undefined;
}

/** `Error 522`, `Error code 522` (the page as a browser shows it, or its HTML). */
const ERROR_CODE = /\bError(?: code)?:? (52[0-6])\b/;
/** `example.com | 522: Connection timed out` (the page's title). */
const TITLE = /\b(52[0-6]): ([A-Z][A-Za-z ]{8,45})/;
/** Lines of one page: later mentions of the same status within it are the same page. */
const PAGE_LINES = 60;

/** The status a line of a Cloudflare 52x page names, if it names one. */
function cloudflarePageStatus(text: string): number | undefined {
  // Both expressions need the status, so a line without `52` is refused before either runs.
  if (!text.includes("52")) return undefined;
  const code = ERROR_CODE.exec(text);
  if (code) return Number(code[1]);
  const title = TITLE.exec(text);
  if (title && CLOUDFLARE_HEADINGS[Number(title[1])] === title[2]?.trim()) return Number(title[1]);
  return undefined;
}

/**
 * Cloudflare's error pages for its 52x statuses, as HTML or as a browser renders them: one
 * observation per page, at the first line that names the status.
 */
export const cloudflarePageReader: LineReaderFactory = {
  format: "cloudflare-error-page",
  // `Error 522`, or a title with its heading (`522: Connection timed out`) as the title test requires.
  needles: [ERROR_CODE, ...Object.entries(CLOUDFLARE_HEADINGS).map(([status, heading]) => `${status}: ${heading}`)],
  create(context) {
    let last: { status: number; line: number } | undefined;
    return {
      accept(line: Line): boolean {
        const status = cloudflarePageStatus(line.text.length > 4096 ? line.text.slice(0, 4096) : line.text);
        if (status === undefined) return false;
        if (last?.status !== status || line.line - last.line > PAGE_LINES) {
          context.emit({ type: "cloudlb.cloudflare-page", ref: lineRef(context.source, line), status });
        }
        last = { status, line: line.line };
        return true;
      },
      end(): void {},
    };
  },
};
