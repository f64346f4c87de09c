import type { ObservationBase } from "./base.ts";

/**
 * A configuration document given as evidence (Kubernetes/Istio/Kong YAML or JSON, Envoy admin
 * output, nginx.conf). The configuration checks need every document at once, so the text is
 * kept (within a cap) and analysed together.
 */
export interface ConfigDocumentObservation extends ObservationBase<"config.document"> {
  readonly text: string;
}

/** A setting that turns the PROXY protocol on (an annotation, a listen line, a Listener protocol). */
export interface ProxyProtocolSettingObservation extends ObservationBase<"config.proxy-protocol"> {
  readonly setting: string;
}

export type ConfigObservation = ConfigDocumentObservation | ProxyProtocolSettingObservation;
