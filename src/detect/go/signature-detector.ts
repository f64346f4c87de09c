import type { Finding, FindingCode, FindingVars } from "../../model/finding.ts";
import type { GoSignatureId, GoSignatureObservation } from "../../model/observations/go.ts";
import { type AnyDetector, defineDetector } from "../define.ts";

/** The code a signature observation maps to, with vars beyond the common ones; nothing to skip it. */
export type SignatureRule = (
  observation: GoSignatureObservation,
) => { code: FindingCode; vars?: FindingVars; subject?: string } | undefined;

/** What a Go error is about: the host it was talking to, else the address, the lock, or the URL. */
export function subjectOf(observation: GoSignatureObservation): string {
  const c = observation.correlation;
  const peer =
    observation.emitter === "kubectl" || observation.emitter === "client-go" ? "the API server" : "the server";
  return c?.authority ?? c?.upstream ?? observation.url ?? peer;
}

/** Vars every Go finding carries so next steps can be filled in. */
export function commonVars(observation: GoSignatureObservation): Record<string, string | number | boolean> {
  const c = observation.correlation;
  const vars: Record<string, string | number | boolean> = { emitter: observation.emitter, ...observation.fields };
  if (c?.authority) vars.host = c.authority.replace(/:\d+$/, "");
  if (c?.upstream) vars.upstream = c.upstream;
  if (c?.namespace) vars.namespace = c.namespace;
  if (c?.pod) vars.pod = c.pod;
  if (c?.path) vars.path = c.path;
  if (observation.url) vars.url = observation.url;
  if (observation.method) vars.method = observation.method;
  if (observation.era) vars.goWording = observation.era;
  return vars;
}

export function signatureFinding(
  observation: GoSignatureObservation,
  code: FindingCode,
  vars: FindingVars = {},
): Finding {
  return {
    code,
    subject: subjectOf(observation),
    vars: { ...commonVars(observation), ...vars },
    evidence: [observation.ref],
  };
}

/** A detector that turns the observations of some signatures into findings, one rule each. */
export function signatureDetector(spec: {
  readonly id: string;
  readonly description: string;
  readonly emits: readonly FindingCode[];
  readonly rules: Partial<Record<GoSignatureId, SignatureRule>>;
}): AnyDetector {
  return defineDetector({
    id: spec.id,
    description: spec.description,
    inputs: ["go.signature"],
    emits: spec.emits,
    each(observation, emit) {
      const made = spec.rules[observation.signature]?.(observation);
      if (!made) return;
      const finding = signatureFinding(observation, made.code, made.vars);
      emit(made.subject ? { ...finding, subject: made.subject } : finding);
    },
  });
}
