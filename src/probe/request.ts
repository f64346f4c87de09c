/** What to send. */
export interface ProbeRequest {
  readonly method: string;
  readonly url: URL;
  /** Extra headers in the order given; they replace defaults of the same name. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
}

export const USER_AGENT = "proxydoc-probe/0.1";

/** The request's header list, defaults first, user headers replacing them by name. */
export function requestHeaders(request: ProbeRequest): [string, string][] {
  const defaults: [string, string][] = [
    ["user-agent", USER_AGENT],
    ["accept", "*/*"],
  ];
  if (request.body) defaults.push(["content-length", String(request.body.length)]);
  const overridden = new Set(request.headers.map(([name]) => name.toLowerCase()));
  return [
    ...defaults.filter(([name]) => !overridden.has(name)),
    ...request.headers.map(([n, v]) => [n, v] as [string, string]),
  ];
}

export function authorityOf(url: URL): string {
  return url.host;
}

export function targetOf(url: URL): string {
  return `${url.pathname || "/"}${url.search}`;
}

/** HTTP/1.1 request bytes exactly as the probe sends them. */
export function http1RequestBytes(request: ProbeRequest, extra: readonly (readonly [string, string])[] = []): Buffer {
  const headers = requestHeaders(request);
  const hasHost = headers.some(([name]) => name.toLowerCase() === "host");
  const lines = [`${request.method} ${targetOf(request.url)} HTTP/1.1`];
  if (!hasHost) lines.push(`Host: ${authorityOf(request.url)}`);
  for (const [name, value] of [...headers, ...extra]) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), request.body ?? Buffer.alloc(0)]);
}

/** Reads `Name: value` as given on the command line. */
export function parseHeaderArgument(text: string): [string, string] | string {
  const colon = text.indexOf(":");
  if (colon <= 0) return `header "${text}" must look like "Name: value"`;
  const name = text.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return `header name "${name}" is not a valid token`;
  return [name, text.slice(colon + 1).trim()];
}
