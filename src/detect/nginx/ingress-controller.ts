import { compact } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

export const ingressNoEndpointsDetector = defineDetector({
  id: "nginx.ingress-no-endpoints",
  description:
    "ingress-nginx controller lines: a routed Service without ready endpoints, an Ingress left out or refused",
  inputs: ["nginx.ingress-controller"],
  emits: ["PD1433", "PD1443", "PD1444"],
  each(line, emit) {
    if (line.kind === "ingress-class-ignored" || line.kind === "annotation-refused") {
      emit({
        code: line.kind === "ingress-class-ignored" ? "PD1443" : "PD1444",
        subject: line.service || "an Ingress",
        vars: compact({ producer: "ingress-nginx", ingress: line.service || "an Ingress", message: line.message }),
        evidence: [line.ref],
      });
      return;
    }
    const [namespace, name] = line.service.split("/");
    emit({
      code: "PD1433",
      subject: line.service,
      vars: compact({
        producer: line.controller ?? "ingress-nginx",
        status: 503,
        service: line.service,
        namespace,
        host: name,
      }),
      evidence: [line.ref],
    });
  },
});
