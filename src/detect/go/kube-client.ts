import { signatureDetector } from "./signature-detector.ts";

export const kubeClientEvents = signatureDetector({
  id: "go.kube-client",
  description: "client-go watch breaks, client-side throttling and leader-election failures",
  emits: ["PD1522", "PD1523", "PD1524"],
  rules: {
    "watch-stream-broken": (o) => ({
      code: "PD1522",
      vars: { resource: o.fields.resource ?? "an informer's resource" },
    }),
    "client-throttling": (o) => ({ code: "PD1523", vars: { wait: o.fields.wait ?? o.fields.took ?? "" } }),
    "leader-election": (o) => ({
      code: "PD1524",
      subject: `lock ${o.fields.namespace}/${o.fields.name}`,
      vars: { lock: `${o.fields.namespace}/${o.fields.name}`, inner: o.fields.inner || "the lease was not acquired" },
    }),
  },
});
