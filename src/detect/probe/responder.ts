/**
 * Who produced a response, from the fingerprints proxies leave: Envoy's `server: istio-envoy`
 * and `x-envoy-*` headers, Kong's `via: kong/…` and `x-kong-*`, nginx's `server: nginx`.
 */
export function responderOf(headers: readonly (readonly [string, string])[]): string | undefined {
  const get = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1]?.toLowerCase();
  const server = get("server") ?? "";
  const via = get("via") ?? "";
  const upstreamTime = get("x-envoy-upstream-service-time") ?? get("x-kong-upstream-latency");
  if (server.includes("envoy")) return upstreamTime ? "app via envoy" : "envoy";
  if (via.includes("kong") || headers.some(([n]) => n.toLowerCase().startsWith("x-kong-")))
    return upstreamTime ? "app via kong" : "kong";
  if (server.startsWith("nginx") || server.startsWith("openresty")) return "nginx";
  if (server) return server.split("/")[0];
  return undefined;
}
