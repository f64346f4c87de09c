import type { ProbeExchangeObservation } from "../model/observations/probe.ts";
import type { ProbeResult } from "./result.ts";

/** The observation detectors read from a probe result (also rebuilt from saved JSON). */
export function exchangeObservation(result: ProbeResult, source: string): ProbeExchangeObservation {
  const url = new URL(result.url);
  const response = result.response;
  const leaf = result.tls?.chain[0];
  return {
    type: "probe.exchange",
    ref: { source, path: result.url },
    correlation: {
      authority: url.host,
      path: url.pathname,
      ...(result.remote ? { upstream: `${result.remote.address}:${result.remote.port}` } : {}),
    },
    url: result.url,
    protocol: result.protocol,
    end: result.end,
    ...(result.error ? { error: result.error } : {}),
    ...(response?.status !== undefined ? { status: response.status } : {}),
    headers: response?.headers ?? [],
    headerBytes: response?.headerBytes ?? 0,
    ...(response?.declaredLength !== undefined ? { declaredLength: response.declaredLength } : {}),
    bodyBytes: response?.bodyBytes ?? 0,
    chunked: response?.chunked ?? false,
    lastChunk: response?.lastChunk ?? false,
    complete: response?.complete ?? false,
    ...(result.reset ? { reset: result.reset } : {}),
    ...(result.goaway ? { goaway: result.goaway } : {}),
    ...(result.tls
      ? {
          tls: {
            alpnOffered: result.alpnOffered ?? [],
            alpn: result.tls.alpn,
            authorized: result.tls.authorized,
            ...(result.tls.authorizationError ? { authorizationError: result.tls.authorizationError } : {}),
            hostnameMatches: result.tls.hostnameMatches,
            ...(leaf ? { daysLeft: leaf.daysLeft } : {}),
          },
        }
      : {}),
    ...(result.timings.firstByteMs !== undefined ? { firstByteMs: result.timings.firstByteMs } : {}),
  };
}
