import type { EnvoyHeaderDump, EnvoyLocalReply } from "../../model/observations/envoy.ts";
import { defineDetector } from "../define.ts";

const TIMEOUT_DETAILS = /^(?:upstream_)?(response|per_try)_timeout$/;
/** What Envoy uses when a route sets no timeout. */
const ENVOY_DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Envoy answered a request itself because its route (or per-try) timeout fired. The router's own
 * `router decoding headers:` dump for that stream carries the timeout it applied, in
 * `x-envoy-expected-rq-timeout-ms`.
 */
export const envoyRouteTimeoutDetector = defineDetector({
  id: "envoy-debug-route-timeout",
  description: "a local reply for a route or per-try timeout, with the timeout the router applied",
  inputs: ["envoy.local-reply", "envoy.header-dump"],
  emits: ["PD1327"],
  all(observations, emit) {
    const applied = new Map<string, { ms: number; dump: EnvoyHeaderDump }>();
    for (const o of observations) {
      if (o.type !== "envoy.header-dump" || o.kind !== "upstream-request" || !o.stream) continue;
      const value = o.headers.find((h) => h.name.toLowerCase() === "x-envoy-expected-rq-timeout-ms")?.value;
      const ms = Number(value);
      if (value && Number.isFinite(ms)) applied.set(`${o.ref.source} ${o.stream}`, { ms, dump: o });
    }
    for (const o of observations) {
      if (o.type !== "envoy.local-reply") continue;
      const kind = TIMEOUT_DETAILS.exec(o.details)?.[1];
      if (!kind) continue;
      const timeout = o.stream ? applied.get(`${o.ref.source} ${o.stream}`) : undefined;
      const header = (name: string) => timeout?.dump.headers.find((h) => h.name === name)?.value ?? "";
      emit({
        code: "PD1327",
        subject: streamOf(o),
        vars: {
          which: kind === "per_try" ? "per-try timeout" : "route timeout",
          timeout: timeout ? describeTimeout(timeout.ms) : "not logged (no `router decoding headers:` dump)",
          details: o.details,
          producer: "envoy",
          status: o.status ?? 504,
          host: header(":authority"),
          path: header(":path"),
        },
        evidence: timeout ? [o.ref, timeout.dump.ref] : [o.ref],
      });
    }
  },
});

function streamOf(reply: EnvoyLocalReply): string {
  if (!reply.connection) return reply.ref.source;
  return reply.stream ? `[${reply.connection}][${reply.stream}]` : `[${reply.connection}]`;
}

function describeTimeout(ms: number): string {
  const text = `${ms} ms (x-envoy-expected-rq-timeout-ms)`;
  return ms === ENVOY_DEFAULT_TIMEOUT_MS ? `${text}, Envoy's default when the route sets none` : text;
}
