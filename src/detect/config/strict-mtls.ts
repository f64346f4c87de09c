import { asObject, asString } from "../../config/access.ts";
import type { FieldPath, Resource } from "../../config/resource.ts";
import { refAt, resourceId } from "../../config/resource.ts";
import { defineDetector } from "../define.ts";
import { loadedDocuments } from "./documents.ts";

/**
 * A PeerAuthentication in the evidence that makes a scope accept mutual TLS only. A caller outside
 * the mesh (an ingress or gateway without a sidecar) that sends plaintext there has its connection
 * closed before any response, which Envoy and gRPC report as a reset or connection termination.
 */
export const strictMtlsInForce = defineDetector({
  id: "config.strict-mtls",
  description: "PeerAuthentication objects in the evidence that require mutual TLS (STRICT)",
  inputs: ["config.document"],
  emits: ["PD1740"],
  all(documents, emit) {
    const { resources } = loadedDocuments(documents);
    for (const policy of resources) {
      if (policy.kind !== "PeerAuthentication") continue;
      const path = strictField(policy);
      if (!path) continue;
      emit({
        code: "PD1740",
        subject: resourceId(policy),
        vars: { scope: scopeOf(policy) },
        evidence: [refAt(policy, path)],
      });
    }
  },
});

function strictField(policy: Resource): FieldPath | undefined {
  const spec = asObject(policy.body.spec);
  if (isStrict(asObject(spec?.mtls)?.mode)) return ["spec", "mtls", "mode"];
  for (const [port, setting] of Object.entries(asObject(spec?.portLevelMtls) ?? {})) {
    if (isStrict(asObject(setting)?.mode)) return ["spec", "portLevelMtls", port, "mode"];
  }
  return undefined;
}

function isStrict(mode: unknown): boolean {
  return asString(mode)?.toUpperCase() === "STRICT";
}

function scopeOf(policy: Resource): string {
  if (asObject(asObject(policy.body.spec)?.selector)) return `the workloads it selects in ${policy.namespace}`;
  return policy.namespace === "istio-system" ? "the whole mesh" : `namespace ${policy.namespace}`;
}
