import type { PeerName } from "./model.ts";

/** Default header limits of each peer for upstream responses, with the setting that raises them. */
export interface HeaderLimit {
  readonly peer: PeerName;
  readonly maxFields?: number;
  readonly maxBytes?: number;
  readonly setting: string;
}

export const RESPONSE_HEADER_LIMITS: readonly HeaderLimit[] = [
  { peer: "envoy", maxFields: 100, maxBytes: 80 * 1024, setting: "max_headers_count / max_response_headers_kb" },
  { peer: "nginx", maxBytes: 4096, setting: "proxy_buffer_size (one memory page)" },
  {
    peer: "haproxy",
    maxFields: 100,
    maxBytes: 15 * 1024,
    setting: "tune.http.maxhdr / tune.bufsize - tune.maxrewrite",
  },
  { peer: "apache", maxFields: 100, maxBytes: 8190, setting: "LimitRequestFields / LimitRequestFieldSize (per line)" },
  { peer: "node", maxBytes: 16 * 1024, setting: "--max-http-header-size" },
  { peer: "curl", maxFields: 5000, maxBytes: 300 * 1024, setting: "built in" },
  { peer: "chrome", maxBytes: 256 * 1024, setting: "built in" },
  { peer: "go", maxBytes: 10 << 20, setting: "Transport.MaxResponseHeaderBytes" },
  { peer: "caddy", maxBytes: 10 << 20, setting: "Go Transport.MaxResponseHeaderBytes" },
];

export function fieldLimitsExceeded(count: number): HeaderLimit[] {
  return RESPONSE_HEADER_LIMITS.filter((limit) => limit.maxFields !== undefined && count > limit.maxFields);
}

export function byteLimitsExceeded(bytes: number): HeaderLimit[] {
  return RESPONSE_HEADER_LIMITS.filter((limit) => limit.maxBytes !== undefined && bytes > limit.maxBytes);
}
