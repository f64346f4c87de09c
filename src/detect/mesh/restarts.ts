import type { FindingCode } from "../../model/finding.ts";
import type { MeshSignal } from "../../model/observations/mesh.ts";
import { defineDetector } from "../define.ts";
import { compactVars, correlationVars } from "./vars.ts";

/** Which Istio component a restarting or OOM-killed container belongs to, if any. */
export function istioComponentOf(signal: MeshSignal): "istiod" | "sidecar" | "init" | undefined {
  const container = signal.correlation?.container ?? signal.details.container ?? "";
  const pod = signal.correlation?.pod ?? "";
  if (container === "discovery" || /\bpilot-discovery\b/.test(signal.message)) return "istiod";
  if (container === "" && pod.startsWith("istiod-")) return "istiod";
  if (container === "istio-proxy" || /\((?:envoy|pilot-agent)\)/.test(signal.message)) return "sidecar";
  if (container === "" && /^istio-(?:ingress|egress)gateway-/.test(pod)) return "sidecar";
  if (container === "istio-init" || container === "istio-validation") return "init";
  return undefined;
}

const CODES: Readonly<Record<"istiod" | "sidecar" | "init", FindingCode>> = {
  istiod: "PD1722",
  sidecar: "PD1723",
  init: "PD1724",
};

/** OOM kills and restart back-off of istiod, the sidecar or the init container. */
export const istioRestarts = defineDetector({
  id: "mesh.istio-restarts",
  description: "istiod, istio-proxy or istio-init containers that are OOM-killed or in back-off",
  inputs: ["mesh.signal"],
  emits: ["PD1722", "PD1723", "PD1724"],
  each(signal, emit) {
    if (signal.signal !== "oom-killed" && signal.signal !== "container-backoff") return;
    const component = istioComponentOf(signal);
    if (!component) return;
    const reason = signal.signal === "oom-killed" ? "OOMKilled" : (signal.details.reason ?? "restart back-off");
    emit({
      code: CODES[component],
      subject: signal.correlation?.pod ?? (component === "istiod" ? "istiod" : "the pod"),
      vars: compactVars({
        reason,
        container: signal.correlation?.container ?? signal.details.container,
        ...correlationVars(signal),
      }),
      evidence: [signal.ref],
    });
  },
});
