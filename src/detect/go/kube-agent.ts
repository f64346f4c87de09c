import type { GoRoundTripObservation } from "../../model/observations/go.ts";
import { clientGoChecksHealth } from "../binary/versions.ts";
import { defineDetector } from "../define.ts";

function checksHealth(version: string): boolean | undefined {
  const match = /^v1\.(\d+)\.(\d+)/.exec(version);
  return match ? clientGoChecksHealth({ minor: Number(match[1]), patch: Number(match[2]) }) : undefined;
}

/** A client-go User-Agent from before the HTTP/2 health check default, reported once per program and version. */
export const kubeAgentBeforeHealthCheck = defineDetector({
  id: "go.kube-agent-health-check",
  description: "Kubernetes clients whose User-Agent version predates the HTTP/2 health check",
  inputs: ["go.round-trip"],
  emits: ["PD1536"],
  all(observations, emit) {
    const first = new Map<string, GoRoundTripObservation>();
    for (const observation of observations) {
      const agent = observation.agent;
      if (!agent || checksHealth(agent.version) !== false) continue;
      const key = `${agent.program}/${agent.version}`;
      if (!first.has(key)) first.set(key, observation);
    }
    for (const [key, observation] of first) {
      const [binary = "", kubeVersion = ""] = key.split("/");
      emit({ code: "PD1536", subject: binary, vars: { binary, kubeVersion }, evidence: [observation.ref] });
    }
  },
});
