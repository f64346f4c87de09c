import { asArray, asObject, asString, stringMap } from "../../config/access.ts";
import type { FieldPath, Resource } from "../../config/resource.ts";
import { refAt, resourceId } from "../../config/resource.ts";
import type { ConfigDocumentObservation } from "../../model/observations/config.ts";
import type { CurlLocalReply } from "../../model/observations/curl.ts";
import { defineDetector } from "../define.ts";
import { loadedDocuments } from "./documents.ts";

/** Annotations that ask an ingress controller to speak HTTP/2 or gRPC to the backend, whatever the controller. */
const PROTOCOL_ANNOTATION = /(?:^|\/)(?:backend-protocol|server-proto|protocol|service-upstream-protocol)$/;
const H2_VALUE = /^(?:h2c?|grpcs?|http2)$/i;
/** Service ports marked for HTTP/2 or gRPC by name or appProtocol. */
const H2_PORT = /^(?:grpc|h2c|http2)(?:-|$)|^kubernetes\.io\/h2c$/i;
/** Proxies' own answers that say the backend's response could not be read as HTTP/1. */
const UNREADABLE: ReadonlySet<CurlLocalReply["kind"]> = new Set<CurlLocalReply["kind"]>([
  "haproxy-bad-response",
  "kong-invalid-upstream-response",
]);

function h2Field(resource: Resource): FieldPath | undefined {
  const annotations = stringMap(asObject(resource.body.metadata)?.annotations);
  for (const [key, value] of Object.entries(annotations)) {
    if (PROTOCOL_ANNOTATION.test(key) && H2_VALUE.test(value.trim())) return ["metadata", "annotations", key];
  }
  if (resource.kind !== "Service") return undefined;
  const ports = asArray(asObject(resource.body.spec)?.ports);
  for (let i = 0; i < ports.length; i++) {
    const port = asObject(ports[i]);
    if (H2_PORT.test(asString(port?.appProtocol) ?? "")) return ["spec", "ports", i, "appProtocol"];
    if (H2_PORT.test(asString(port?.name) ?? "")) return ["spec", "ports", i, "name"];
  }
  return undefined;
}

/**
 * A proxy that could not read its backend's answer, in front of a backend the configuration
 * marks as HTTP/2 or gRPC: the proxy spoke HTTP/1.1 to a server that only speaks HTTP/2, which
 * answers with a SETTINGS frame or closes. The annotation that should have switched the proxy to
 * HTTP/2 is not in force: a key another controller reads, a value this one does not know.
 */
export const h2BackendUnreadable = defineDetector({
  id: "config.h2-backend-unreadable",
  description: "a proxy's invalid-response answer for a backend the configuration marks as HTTP/2 or gRPC",
  inputs: ["config.document", "curl.local-reply"],
  emits: ["PD1754"],
  all(observations, emit) {
    const reply = observations.find(
      (o): o is CurlLocalReply => o.type === "curl.local-reply" && UNREADABLE.has(o.kind),
    );
    if (!reply) return;
    const documents = observations.filter((o): o is ConfigDocumentObservation => o.type === "config.document");
    for (const resource of loadedDocuments(documents).resources) {
      const path = h2Field(resource);
      if (!path) continue;
      emit({
        code: "PD1754",
        subject: resourceId(resource),
        vars: { producer: reply.producer, status: reply.status ?? 502, marked: path.join(".") },
        evidence: [reply.ref, refAt(resource, path)],
      });
      return;
    }
  },
});
