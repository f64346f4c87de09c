import type { CauseDef, FindingDef } from "../model/cause.ts";
import { allCauses, allFindings, linksOfCause } from "./index.ts";

function findingSection(def: FindingDef): string {
  const causes = def.causes.map(
    (link) =>
      `${link.weight >= 0 ? "supports" : "refutes"} [${link.cause}](#${anchorOfCause(link.cause)}) (${link.weight})`,
  );
  return [
    `### ${def.code}`,
    "",
    `**${def.name}** · ${def.severity}`,
    "",
    `> ${def.summary}`,
    "",
    def.detail,
    "",
    `Reference: ${def.reference}`,
    ...(causes.length > 0 ? ["", `Bears on: ${causes.join("; ")}.`] : []),
    "",
  ].join("\n");
}

function anchorOfCause(id: string): string {
  return id.replace(/\./g, "").toLowerCase();
}

function causeSection(def: CauseDef): string {
  const links = linksOfCause(def.id).map((l) => `[${l.code}](#${l.code.toLowerCase()})`);
  return [
    `### ${def.id}`,
    "",
    `**${def.title}** · layer: ${def.layer}`,
    "",
    def.explanation,
    "",
    `**Fix.** ${def.fix}`,
    "",
    `**Verify.** ${def.verify}`,
    ...(links.length > 0 ? ["", `Findings: ${links.join(", ")}.`] : []),
    "",
  ].join("\n");
}

const FAMILIES: readonly [prefix: string, title: string][] = [
  ["PD10", "curl and nghttp"],
  ["PD11", "Browsers and HAR"],
  ["PD12", "Envoy access logs"],
  ["PD13", "Envoy debug logs"],
  ["PD14", "Proxy error logs: nginx, Kong, ingress-nginx, HAProxy, Traefik, Caddy, Apache httpd, Linkerd"],
  ["PD15", "Go, client-go and gRPC clients"],
  ["PD16", "Application HTTP clients, cloud load balancers and CDNs"],
  ["PD17", "Istio control plane, Kubernetes, etcd"],
  ["PD18", "Network tools"],
  ["PD19", "General"],
  ["PD2", "HTTP/1 wire"],
  ["PD3", "HTTP/2 wire"],
  ["PD40", "Probe and watch"],
  ["PD4", "Captures"],
  ["PD5", "Configuration"],
  ["PD6", "Binaries and environment"],
  ["PD", "Other"],
];

/** The catalogue as Markdown: the page behind the help links of SARIF rules and `explain`. */
export function renderCodesDoc(): string {
  const out = [
    "# proxydoc finding codes and causes",
    "",
    "Generated from the catalogue by `npm run docs`; do not edit by hand. `proxydoc explain CODE` prints the same entry.",
    "",
    "## Causes",
    "",
    ...allCauses().map(causeSection),
  ];
  const seen = new Set<string>();
  for (const [prefix, title] of FAMILIES) {
    const defs = allFindings().filter((d) => d.code.startsWith(prefix) && !seen.has(d.code));
    if (defs.length === 0) continue;
    for (const d of defs) seen.add(d.code);
    out.push(`## ${title}`, "", ...[...defs].sort((a, b) => (a.code < b.code ? -1 : 1)).map(findingSection));
  }
  return `${out.join("\n").trimEnd()}\n`;
}
