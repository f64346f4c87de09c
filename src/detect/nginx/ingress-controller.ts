import { compact } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

export const ingressNoEndpointsDetector = defineDetector({
  id: "nginx.ingress-no-endpoints",
  description: "ingress-nginx controller lines saying a routed Service has no ready endpoints",
  inputs: ["nginx.ingress-controller"],
  emits: ["PD1433"],
  each(line, emit) {
    const [namespace, name] = line.service.split("/");
    emit({
      code: "PD1433",
      subject: line.service,
      vars: compact({ producer: "ingress-nginx", status: 503, service: line.service, namespace, host: name }),
      evidence: [line.ref],
    });
  },
});
