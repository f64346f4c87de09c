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

/** A detector that gives each observation of one type the code of its kind, and nothing else. */
export function kindDetector<const T extends ObservationType, K extends string>(spec: {
  readonly id: string;
  readonly description: string;
  readonly input: T;
  readonly codes: Readonly<Record<K, FindingCode>>;
  readonly kindOf: (observation: ObservationOf<T>) => K;
  readonly finding: (observation: ObservationOf<T>) => Pick<Finding, "subject" | "vars">;
}): Detector<T> {
  return {
    id: spec.id,
    description: spec.description,
    inputs: [spec.input],
    emits: Object.values<FindingCode>(spec.codes),
    each(observation, emit) {
      emit({ code: spec.codes[spec.kindOf(observation)], ...spec.finding(observation), evidence: [observation.ref] });
    },
  };
}
