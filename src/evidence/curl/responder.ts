import type { ResponderHint } from "../../model/observations/curl.ts";
import { isCloudflareStatus } from "../cloud-lb/cloudflare.ts";

type Headers = readonly (readonly [string, string])[];

/**
 * Says who generated a response from its header fields: Envoy (server: envoy / istio-envoy,
 * x-envoy-*), Kong (via or server kong/…, x-kong-*), nginx/OpenResty (server), or the
 * application. A proxy that also reports the upstream's latency relayed the upstream's answer.
 * Cloudflare names itself on every response it relays; only its own 52x statuses are its answers.
 */
export function responderOf(headers: Headers, status?: number): ResponderHint | undefined {
  const get = (name: string): string | undefined => headers.find(([n]) => n === name)?.[1];
  const has = (prefix: string): boolean => headers.some(([n]) => n.startsWith(prefix));
  const server = get("server")?.trim();
  const via = get("via") ?? "";
  const withServer = server ? { server } : {};
  if (/\bkong\//i.test(via) || /^kong\//i.test(server ?? "") || has("x-kong-")) {
    const upstreamAnswered = get("x-kong-upstream-latency") !== undefined;
    return { producer: upstreamAnswered ? "app" : "kong", frontProxy: "kong", upstreamAnswered, ...withServer };
  }
  if (/^(?:istio-)?envoy\b/i.test(server ?? "") || has("x-envoy-")) {
    const upstreamAnswered = get("x-envoy-upstream-service-time") !== undefined;
    return { producer: upstreamAnswered ? "app" : "envoy", frontProxy: "envoy", upstreamAnswered, ...withServer };
  }
  if (/^(?:nginx|openresty)\b/i.test(server ?? "")) {
    return { producer: "nginx", frontProxy: "nginx", ...withServer };
  }
  if (/^cloudflare\b/i.test(server ?? "")) {
    const own = isCloudflareStatus(status);
    return { producer: own ? "cloudflare" : "app", frontProxy: "cloudflare", upstreamAnswered: !own, ...withServer };
  }
  // An ALB or Classic ELB names itself only on the responses it makes; relayed ones keep the target's header.
  if (/^awselb\//i.test(server ?? "")) return { producer: "aws-elb", frontProxy: "aws-elb", ...withServer };
  if (server) return { producer: "app", upstreamAnswered: true, server };
  return undefined;
}
