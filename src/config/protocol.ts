import type { ServicePort } from "./mesh-index.ts";

const NAMED_PROTOCOLS = [
  "grpc-web",
  "http2",
  "https",
  "http",
  "grpc",
  "h2c",
  "tcp",
  "tls",
  "mongo",
  "mysql",
  "redis",
  "udp",
];

/** The protocol Istio derives from a port name prefix, or undefined when the name leaves it to sniffing. */
export function protocolFromName(name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const protocol of NAMED_PROTOCOLS) {
    if (lower === protocol || lower.startsWith(`${protocol}-`)) return protocol;
  }
  return undefined;
}

function protocolFromAppProtocol(appProtocol: string): string | undefined {
  const lower = appProtocol.toLowerCase();
  if (lower === "kubernetes.io/h2c") return "h2c";
  if (lower === "kubernetes.io/ws") return "http";
  if (lower === "kubernetes.io/wss") return "https";
  return NAMED_PROTOCOLS.includes(lower) ? lower : undefined;
}

/** Istio's precedence: appProtocol, then the name prefix, else `auto` (sniffed); UDP is its own. */
export function effectiveProtocol(port: ServicePort): string {
  if (port.transport === "UDP" || port.transport === "SCTP") return port.transport.toLowerCase();
  return protocolFromAppProtocol(port.appProtocol) ?? protocolFromName(port.name) ?? "auto";
}

export function declaredByAppProtocol(port: ServicePort): boolean {
  return protocolFromAppProtocol(port.appProtocol) !== undefined;
}
