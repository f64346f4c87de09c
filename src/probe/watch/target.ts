/** Where a watch loop points: a TCP endpoint, and the URL when one was given. */
export interface WatchTarget {
  /** As the user wrote it. */
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly url?: URL;
  readonly tls: boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "https:": 443, "h2c:": 80 };

/**
 * Reads `host:port`, `[v6]:port`, or an http(s) URL. Returns an error text instead of throwing,
 * so the command can report every bad target at once.
 */
export function parseTarget(text: string): WatchTarget | string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return `"${text}" is not a valid URL`;
    }
    const defaultPort = DEFAULT_PORTS[url.protocol];
    if (defaultPort === undefined) return `"${text}": only http://, https:// and h2c:// URLs can be watched`;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    return { label: text, host, port: url.port ? Number(url.port) : defaultPort, url, tls: url.protocol === "https:" };
  }
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:\s/]+)):(\d{1,5})$/i.exec(text);
  if (!match) return `"${text}" is neither host:port nor a URL`;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return `"${text}": port must be 1-65535`;
  return { label: text, host: (match[1] ?? match[2]) as string, port, tls: false };
}
