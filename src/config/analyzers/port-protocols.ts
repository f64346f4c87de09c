import { defineAnalyzer } from "../analyzer.ts";
import { type ServiceInfo, type ServicePort, targetPortOf } from "../mesh-index.ts";
import { declaredByAppProtocol, effectiveProtocol, protocolFromName } from "../protocol.ts";

/** One target port of a workload declared with different protocols by different Services. */
export const targetPortProtocolConflict = defineAnalyzer({
  name: "service.ProtocolConflictAnalyzer",
  description:
    "Service ports (of one Service or several) that declare one target port of the same pods with different protocols",
  inputs: ["Service"],
  emits: ["PD5121"],
  analyze(context) {
    const { index } = context;
    const reported = new Set<string>();
    for (const workload of index.workloads) {
      const byPort = new Map<number, { service: ServiceInfo; port: ServicePort; protocol: string }[]>();
      for (const service of index.servicesOf(workload)) {
        for (const port of service.ports) {
          const target = targetPortOf(port, workload);
          if (target === undefined) continue;
          const list = byPort.get(target) ?? [];
          list.push({ service, port, protocol: effectiveProtocol(port) });
          byPort.set(target, list);
        }
      }
      for (const [target, uses] of byPort) {
        const protocols = [...new Set(uses.map((u) => u.protocol))];
        if (protocols.length < 2) continue;
        const first = uses[0];
        // Two ports of one Service on the same target port conflict just as two Services do.
        const other = uses.find((u) => u.protocol !== first?.protocol);
        if (!first || !other) continue;
        const key = `${other.service.fqdn}|${other.port.index}|${target}`;
        if (reported.has(key)) continue;
        reported.add(key);
        context.report(
          "PD5121",
          other.service.resource,
          ["spec", "ports", other.port.index, other.port.appProtocol ? "appProtocol" : "name"],
          {
            targetPort: target,
            workload: `${workload.resource.kind} ${workload.namespace}/${workload.resource.name}`,
            protocols: uses
              .map((u) => `${u.protocol} (${u.service.resource.name}:${u.port.name || u.port.port})`)
              .join(" and "),
          },
          { related: [{ resource: first.service.resource, path: ["spec", "ports", first.port.index, "name"] }] },
        );
      }
    }
  },
});

const SERVER_FIRST_PORTS: Readonly<Record<number, string>> = {
  21: "FTP",
  22: "SSH",
  25: "SMTP",
  110: "POP3",
  143: "IMAP",
  465: "SMTP",
  587: "SMTP",
  3306: "MySQL",
  4222: "NATS",
};
const SERVER_FIRST_NAMES: readonly [RegExp, string][] = [
  [/mysql|mariadb/, "MySQL"],
  [/smtp|mail/, "SMTP"],
  [/ssh/, "SSH"],
  [/ftp/, "FTP"],
  [/nats/, "NATS"],
  [/pop3/, "POP3"],
  [/imap/, "IMAP"],
];

function serverFirstProtocol(port: ServicePort): string | undefined {
  const byNumber =
    SERVER_FIRST_PORTS[port.port] ??
    (typeof port.targetPort === "number" ? SERVER_FIRST_PORTS[port.targetPort] : undefined);
  if (byNumber) return byNumber;
  const name =
    `${port.name} ${port.appProtocol} ${typeof port.targetPort === "string" ? port.targetPort : ""}`.toLowerCase();
  return SERVER_FIRST_NAMES.find(([pattern]) => pattern.test(name))?.[1];
}

/** Protocols the sidecar handles with an HTTP listener. */
const HTTP_FAMILY: ReadonlySet<string> = new Set(["http", "http2", "grpc", "grpc-web"]);

function looksLikeGrpc(port: ServicePort): boolean {
  const text = `${port.name} ${typeof port.targetPort === "string" ? port.targetPort : ""}`.toLowerCase();
  return /grpc/.test(text) || port.port === 50051 || port.targetPort === 50051;
}

/**
 * Port names and appProtocol that leave sniffing on server-first ports, declare HTTP on a
 * server-first protocol's well-known port, or leave gRPC on HTTP/1.1.
 */
export const portProtocolDeclaration = defineAnalyzer({
  name: "service.PortProtocolAnalyzer",
  description: "Service ports whose name or appProtocol leave server-first or gRPC traffic to sniffing or HTTP/1.1",
  inputs: ["Service"],
  emits: ["PD5122", "PD5123", "PD5124", "PD5125"],
  analyze(context) {
    for (const service of context.index.services) {
      if (service.resource.namespace === "kube-system") continue;
      for (const port of service.ports) {
        const protocol = effectiveProtocol(port);
        const path = ["spec", "ports", port.index, "name"];
        const vars = { port: port.port, portName: port.name || "unnamed", protocol };
        const serverFirst = serverFirstProtocol(port);
        const wellKnown = SERVER_FIRST_PORTS[port.port];
        if (protocol === "auto" && serverFirst) {
          context.report("PD5122", service.resource, path, { ...vars, protocol: serverFirst });
        } else if (HTTP_FAMILY.has(protocol) && wellKnown) {
          context.report("PD5125", service.resource, path, { ...vars, serverFirst: wellKnown });
        } else if ((protocol === "auto" || protocol === "http") && looksLikeGrpc(port)) {
          context.report("PD5123", service.resource, path, {
            ...vars,
            protocol: protocol === "auto" ? "sniffed" : "HTTP/1.1",
          });
        }
        const named = protocolFromName(port.name);
        if (named && declaredByAppProtocol(port) && named !== protocol) {
          context.report("PD5124", service.resource, ["spec", "ports", port.index, "appProtocol"], {
            ...vars,
            appProtocol: port.appProtocol,
          });
        }
      }
    }
  },
});
