import type { GoSignatureObservation } from "../../model/observations/go.ts";
import type { MeshSignal } from "../../model/observations/mesh.ts";
import { defineDetector } from "../define.ts";

/** Outbound connection failures an application meets while its sidecar has no listeners yet. */
const EARLY_FAILURES = new Set<GoSignatureObservation["signature"]>(["connection-refused", "connection-reset"]);

/**
 * pilot-agent said Envoy was NOT ready and later that it was ready, and an application failed to
 * connect out: the sidecar was only late, and the application did not wait for it.
 */
export const appFailedWhileSidecarStarting = defineDetector({
  id: "mesh.app-failed-while-sidecar-starting",
  description: "an application connection failure next to a sidecar that became ready late",
  inputs: ["mesh.signal", "go.signature"],
  emits: ["PD1739"],
  all(observations, emit) {
    const signals = observations.filter((o): o is MeshSignal => o.type === "mesh.signal");
    const notReady = signals.find((s) => s.signal === "proxy-config-not-received");
    const ready = signals.find((s) => s.signal === "proxy-ready");
    if (!notReady || !ready) return;
    const failure = observations.find(
      (o): o is GoSignatureObservation =>
        o.type === "go.signature" && EARLY_FAILURES.has(o.signature) && o.ref.source !== ready.ref.source,
    );
    if (!failure) return;
    const address = failure.fields.remote ?? failure.fields.local;
    const what = failure.signature === "connection-refused" ? "connection refused" : "connection reset";
    emit({
      code: "PD1739",
      subject: ready.correlation?.pod ?? failure.ref.source,
      vars: { error: `${what}${address ? ` by ${address}` : ""}` },
      evidence: [failure.ref, notReady.ref, ready.ref],
    });
  },
});
