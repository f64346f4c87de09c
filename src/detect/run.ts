import type { Finding } from "../model/finding.ts";
import type { Observation } from "../model/observation.ts";
import type { AnyDetector } from "./define.ts";

export interface DetectorFailure {
  readonly detector: string;
  readonly message: string;
}

/** Runs detectors over observations. A detector that throws is reported, never fatal. */
export function runDetectors(
  detectors: readonly AnyDetector[],
  observations: readonly Observation[],
): { findings: Finding[]; failures: DetectorFailure[] } {
  const byType = new Map<string, Observation[]>();
  for (const observation of observations) {
    let list = byType.get(observation.type);
    if (!list) {
      list = [];
      byType.set(observation.type, list);
    }
    list.push(observation);
  }
  const findings: Finding[] = [];
  const failures: DetectorFailure[] = [];
  const emit = (finding: Finding): void => {
    findings.push(finding);
  };
  for (const detector of detectors) {
    const inputs = detector.inputs.flatMap((type: string) => byType.get(type) ?? []);
    if (inputs.length === 0) continue;
    try {
      if (detector.each) for (const observation of inputs) detector.each(observation, emit);
      if (detector.all) detector.all(inputs, emit);
    } catch (error) {
      failures.push({ detector: detector.id, message: (error as Error).message });
    }
  }
  return { findings, failures };
}
