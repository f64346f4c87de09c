import type { Http2Copy } from "../../model/observations/binary.ts";

/** Symbol-name fragments that tell which HTTP/2 copies a Go binary links and what they can do. */
export const HTTP2_MARKERS = {
  xnetPackage: "golang.org/x/net/http2.",
  bundledClientConn: "net/http.(*http2ClientConn)",
  noCachedMethod: "noCachedConnError.IsHTTP2NoCachedConnError",
  noCachedPointerMethod: "noCachedConnError).IsHTTP2NoCachedConnError",
  healthCheck: "ClientConn).healthCheck",
  clientTransport: "Transport).RoundTripOpt",
} as const;

export type Http2Marker = keyof typeof HTTP2_MARKERS;

const MAX_COPIES = 16;
const X_NET_HTTP2 = "golang.org/x/net/http2";
/** Linker prefixes of symbols that carry a package path as data. */
const SYMBOL_PREFIX = /^.*(?:importpath|\.\.)\./;

/** Collects HTTP/2 copies from marker hits; bounded whatever the number of hits. */
export class Http2CopyTable {
  readonly #copies = new Map<
    string,
    { vendored: boolean; client: boolean; noCachedMarker: boolean; healthCheck: boolean }
  >();

  /** `before` is the text right before the marker, back to the previous byte that is not a path byte. */
  record(marker: Http2Marker, before: string): void {
    switch (marker) {
      case "xnetPackage": {
        const prefix = before.replace(SYMBOL_PREFIX, "");
        const vendored = prefix.endsWith("/");
        this.#entry(vendored ? `${prefix}${X_NET_HTTP2}` : X_NET_HTTP2, vendored);
        break;
      }
      case "bundledClientConn":
        this.#entry("net/http", false);
        break;
      default: {
        const path = packageOf(before);
        if (!path) return;
        const entry = this.#entry(path, path.includes("/vendor/") || (path !== X_NET_HTTP2 && path !== "net/http"));
        if (!entry) return;
        if (marker === "healthCheck") entry.healthCheck = true;
        else if (marker === "clientTransport") entry.client = true;
        else entry.noCachedMarker = true;
      }
    }
  }

  copies(): Http2Copy[] {
    return [...this.#copies].map(([path, entry]) => ({ path, ...entry }));
  }

  #entry(path: string, vendored: boolean) {
    let entry = this.#copies.get(path);
    if (!entry && this.#copies.size < MAX_COPIES) {
      entry = { vendored, client: false, noCachedMarker: false, healthCheck: false };
      this.#copies.set(path, entry);
    }
    return entry;
  }
}

/** `golang.org/x/net/http2.(*` → `golang.org/x/net/http2`; `net/http.(*http2` → `net/http`. */
export function packageOf(before: string): string | undefined {
  const path = before.replace(SYMBOL_PREFIX, "").replace(/\.(?:\(\*)?(?:http2)?$/, "");
  if (path === "net/http") return path;
  return path.endsWith(X_NET_HTTP2) ? path : undefined;
}

const PATH_BYTE = /[A-Za-z0-9._\-/~+*()]/;

/** The run of symbol-name bytes that ends right before a marker. */
export function symbolTail(before: Buffer): string {
  let start = before.length;
  while (start > 0 && PATH_BYTE.test(String.fromCharCode(before[start - 1] as number))) start--;
  return before.toString("latin1", start);
}
