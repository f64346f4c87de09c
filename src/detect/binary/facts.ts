import { basename } from "node:path";
import type { Finding, FindingCode, FindingVars } from "../../model/finding.ts";
import type { GoBuildObservation, GoModule, Http2Copy } from "../../model/observations/binary.ts";
import {
  clientGoRelease,
  dependency,
  effectiveVersion,
  type GoRelease,
  goRelease,
  type KubeRelease,
  moduleDate,
} from "./versions.ts";

/** What the HTTP/2 client checks need to know about one Go executable. */
export interface Http2ClientFacts {
  readonly go?: GoRelease;
  readonly xnet?: { readonly module: GoModule; readonly date?: string };
  readonly clientGo?: KubeRelease;
  /** x/net copies whose client side is linked (module or vendored), not net/http's bundle. */
  readonly xnetClients: readonly Http2Copy[];
}

export function factsOf(observation: GoBuildObservation): Http2ClientFacts {
  const go = goRelease(observation.goVersion);
  const module = dependency(observation, "golang.org/x/net");
  const date = module ? moduleDate(module) : undefined;
  const clientGo = clientGoRelease(observation);
  return {
    ...(go ? { go } : {}),
    ...(module ? { xnet: { module, ...(date ? { date } : {}) } } : {}),
    ...(clientGo ? { clientGo } : {}),
    xnetClients: observation.http2Copies.filter((copy) => copy.path !== "net/http" && copy.client),
  };
}

/** The vars every binary finding carries: names for the report and for next-step commands. */
export function binaryVars(observation: GoBuildObservation, facts: Http2ClientFacts): Record<string, string> {
  const clientGo = dependency(observation, "k8s.io/client-go");
  return {
    binary: basename(observation.ref.source),
    goVersion: observation.goVersion ?? "an unknown Go",
    xnet: facts.xnet ? effectiveVersion(facts.xnet.module) : "not a module dependency",
    clientGo: facts.clientGo
      ? `${clientGo ? `${effectiveVersion(clientGo)} ` : ""}(Kubernetes 1.${facts.clientGo.minor}.${facts.clientGo.patch})`
      : observation.kubeTransportDefaults
        ? "vendored, version not recorded"
        : "not among the modules",
  };
}

export function binaryFinding(
  observation: GoBuildObservation,
  facts: Http2ClientFacts,
  code: FindingCode,
  vars: FindingVars = {},
): Finding {
  return {
    code,
    subject: basename(observation.ref.source),
    vars: { ...binaryVars(observation, facts), ...vars },
    evidence: [observation.ref],
  };
}
