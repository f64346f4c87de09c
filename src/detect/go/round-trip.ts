import { defineDetector } from "../define.ts";

/** client-go's `Response Status:  in N milliseconds`: the request got no answer at all. */
export const requestNeverAnswered = defineDetector({
  id: "go.request-never-answered",
  description: "client-go round-trips that logged no response status",
  inputs: ["go.round-trip"],
  emits: ["PD1525"],
  each(observation, emit) {
    if (observation.status !== "" || observation.millis === undefined) return;
    const c = observation.correlation;
    emit({
      code: "PD1525",
      subject: c?.authority ?? observation.url ?? "the API server",
      vars: {
        method: observation.method ?? "?",
        url: observation.url ?? "?",
        millis: observation.millis,
        ...(c?.authority ? { host: c.authority.replace(/:\d+$/, "") } : {}),
        ...(c?.namespace ? { namespace: c.namespace } : {}),
        ...(observation.agent ? { binary: observation.agent.program, kubeVersion: observation.agent.version } : {}),
      },
      evidence: [observation.ref],
    });
  },
});
