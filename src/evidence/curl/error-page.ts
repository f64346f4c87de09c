import type { ProxyPageKind } from "../../model/observations/curl.ts";
import type { Line } from "../lines.ts";
import type { LineReader, LineReaderFactory, ReaderContext } from "../reader.ts";
import { lineRef } from "../reader.ts";
import { findLocalReply, GATEWAY_BODY_NEEDLES, type LocalReplyText, pageSegments } from "./error-text.ts";

/** `503 Service Unavailable`: the heading of a stock error page, in its HTML or rendered form. */
const HEADING = /^([1-5]\d\d) [A-Z][A-Za-z' -]{2,40}$/;
/** nginx's footer (`<hr><center>nginx/1.22.1</center>`), or the same line as a browser shows it. */
const NGINX_FOOTER = /^(?:nginx|openresty)(?:\/[\w.-]{1,30})?$/;
/** Cloudflare's edge answers some requests itself with a page of nginx's layout and its own name below. */
const CLOUDFLARE_FOOTER = /^cloudflare$/;
/** How far below its heading a page's sentence or footer may come. */
const HEADING_REACH = 3;

/** The sentences of HAProxy's built-in error pages, with the status each belongs to. */
const HAPROXY_SENTENCES: readonly (readonly [string, ProxyPageKind, number])[] = [
  ["No server is available to handle this request.", "haproxy-no-server", 503],
  ["The server returned an invalid or incomplete response.", "haproxy-bad-response", 502],
  ["The server didn't respond in time.", "haproxy-timeout", 504],
];
/** The reasons Apache's mod_proxy prints on its own error pages (`Reason: <strong>…</strong>`). */
const APACHE_REASONS: readonly (readonly [string, ProxyPageKind, number])[] = [
  ["Error reading from remote server", "apache-read-failed", 502],
];
const REASON_PREFIX = /^Reason:\s*/;
/** Headings of error pages only nginx writes (ngx_http_special_response.c): their heading alone names them. */
const NGINX_OWN_HEADINGS: readonly (readonly [string, ProxyPageKind, number])[] = [
  ["400 Request Header Or Cookie Too Large", "nginx-header-too-large", 400],
  ["494 Request Header Too Large", "nginx-header-too-large", 494],
  ["400 The plain HTTP request was sent to HTTPS port", "nginx-plain-http-to-tls-port", 400],
  ["400 No required SSL certificate was sent", "nginx-client-certificate", 400],
  ["400 The SSL certificate error", "nginx-client-certificate", 400],
];
/** Longer than any heading, footer or sentence above (the longest has 54 characters). */
const MAX_PIECE = 64;
/** This one is HAProxy's alone; the other two sentences need their heading or status to be trusted. */
const SELF_EVIDENT = "haproxy-no-server";

/**
 * Follows the lines of an error page and says when one completes a stock HAProxy, nginx or Apache page.
 * The status comes from the page's own heading, or from the exchange around it.
 */
export class ProxyPageTracker {
  #lines = 0;
  #heading: { status: number; at: number } | undefined;

  /** A heading was read and the lines that may complete its page are still to come. */
  holdsHeading(): boolean {
    return this.#heading !== undefined && this.#lines - this.#heading.at < HEADING_REACH;
  }

  /** The status of the heading just above, if there is one. */
  heading(): number | undefined {
    const heading = this.#heading;
    return heading && this.#lines - heading.at <= HEADING_REACH ? heading.status : undefined;
  }

  feed(text: string, knownStatus?: number): LocalReplyText | undefined {
    this.#lines++;
    for (const piece of pageSegments(text)) {
      if (piece.length > MAX_PIECE) continue;
      const own = NGINX_OWN_HEADINGS.find(([words]) => words === piece);
      if (own) return { producer: "nginx", kind: own[1], retried: false, status: own[2] };
      const heading = HEADING.exec(piece);
      if (heading) {
        this.#heading = { status: Number(heading[1]), at: this.#lines };
        continue;
      }
      const status = knownStatus ?? this.heading();
      if (NGINX_FOOTER.test(piece)) {
        if (status !== undefined) return { producer: "nginx", kind: "nginx-error-page", retried: false, status };
        continue;
      }
      if (CLOUDFLARE_FOOTER.test(piece)) {
        if (status !== undefined) return { producer: "cloudflare", kind: "cloudflare-page", retried: false, status };
        continue;
      }
      const reason = piece.replace(REASON_PREFIX, "");
      const apache = APACHE_REASONS.find(([words]) => words === reason);
      if (apache) return { producer: "apache", kind: apache[1], retried: false, status: apache[2] };
      const sentence = HAPROXY_SENTENCES.find(([words]) => words === piece);
      if (!sentence) continue;
      const [, kind, pageStatus] = sentence;
      if (status === pageStatus || (status === undefined && kind === SELF_EVIDENT)) {
        return { producer: "haproxy", kind, retried: false, status: pageStatus };
      }
    }
    return undefined;
  }
}

/**
 * Text the lines of a page hold: a heading's status and space (`503 Service Unavailable`), the
 * footer's server name, HAProxy's sentences and nginx's own headings, and the gateways' bodies.
 */
const ERROR_PAGE_NEEDLES: readonly (string | RegExp)[] = [
  ...Array.from({ length: 500 }, (_, n) => `${n + 100} `),
  "nginx",
  "openresty",
  "cloudflare",
  ...HAPROXY_SENTENCES.map(([words]) => words),
  ...APACHE_REASONS.map(([words]) => words),
  ...GATEWAY_BODY_NEEDLES,
];

/**
 * Proxy error pages pasted on their own, outside a curl transcript: Kong's, APISIX's and AWS API Gateway's bodies (JSON, text or
 * HTML), HAProxy's and nginx's stock pages, as HTML or as a browser renders them. Envoy's bare
 * bodies are left to the Envoy readers, and headings are only remembered, never taken, so lines
 * other readers own stay theirs. While a heading is remembered every line is offered: the tracker
 * counts them to tell how far below the heading a footer or sentence comes.
 */
export const errorPageReader: LineReaderFactory = {
  format: "error-page",
  needles: ERROR_PAGE_NEEDLES,
  create: (context) => new ErrorPageReader(context),
};

class ErrorPageReader implements LineReader {
  readonly #context: ReaderContext;
  readonly #pages = new ProxyPageTracker();

  constructor(context: ReaderContext) {
    this.#context = context;
  }

  inBlock(): boolean {
    return this.#pages.holdsHeading();
  }

  accept(line: Line): boolean {
    const page = this.#pages.feed(line.text);
    const body = findLocalReply(line.text);
    const reply = page ?? (body && body.producer !== "envoy" ? body : undefined);
    if (!reply) return false;
    const status = reply.status ?? this.#pages.heading();
    this.#context.emit({
      type: "curl.local-reply",
      ref: lineRef(this.#context.source, line),
      producer: reply.producer,
      kind: reply.kind,
      retried: false,
      ...(status !== undefined ? { status } : {}),
      standalone: true,
    });
    return true;
  }

  end(): void {}
}
