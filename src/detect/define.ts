import type { Finding, FindingCode } from "../model/finding.ts";
import type { ObservationOf, ObservationType } from "../model/observation.ts";

export type Emit = (finding: Finding) => void;

/**
 * One small check over observations. `each` sees observations one at a time; `all` sees every
 * observation of its input types at once, for checks that relate several facts.
 */
export interface Detector<T extends ObservationType = ObservationType> {
  readonly id: string;
  readonly description: string;
  readonly inputs: readonly T[];
  readonly emits: readonly FindingCode[];
  readonly each?: (observation: ObservationOf<T>, emit: Emit) => void;
  readonly all?: (observations: readonly ObservationOf<T>[], emit: Emit) => void;
}

export function defineDetector<const T extends ObservationType>(detector: Detector<T>): Detector<T> {
  return detector;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds detectors of every input type
export type AnyDetector = Detector<any>;
