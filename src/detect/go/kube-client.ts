import { signatureDetector } from "./signature-detector.ts";

export const kubeClientEvents = signatureDetector({
  id: "go.kube-client",
  description:
    "client-go watch breaks, client-side throttling, leader-election failures, the API server's own timeouts, refused upgrades and admission webhooks it could not call",
  emits: ["PD1522", "PD1523", "PD1524", "PD1546", "PD1553", "PD1559", "PD1580", "PD1581"],
  rules: {
    "watch-stream-broken": (o) => ({
      code: "PD1522",
      vars: { resource: o.fields.resource ?? "an informer's resource" },
    }),
    "admission-webhook-failed": (o) => {
      const inner = o.fields.inner ?? "";
      const code = /refused/.test(inner) ? "PD1580" : /^x509/.test(inner) ? "PD1581" : "PD1559";
      return { code, subject: o.fields.webhook ?? "an admission webhook", vars: { url: o.fields.url ?? "", inner } };
    },
    "kubectl-upgrade-required": () => ({ code: "PD1553", vars: { producer: "kube-apiserver", status: 400 } }),
    "apiserver-request-timeout": (o) => ({ code: "PD1546", vars: { inner: o.fields.inner ?? "" } }),
    "client-throttling": (o) => ({ code: "PD1523", vars: { wait: o.fields.wait ?? o.fields.took ?? "" } }),
    "leader-election": (o) => ({
      code: "PD1524",
      subject: `lock ${o.fields.namespace}/${o.fields.name}`,
      vars: { lock: `${o.fields.namespace}/${o.fields.name}`, inner: o.fields.inner || "the lease was not acquired" },
    }),
  },
});
