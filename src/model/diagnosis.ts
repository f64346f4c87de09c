import type { CauseId } from "./cause.ts";
import type { Finding } from "./finding.ts";
import type { SourceRef } from "./source.ts";

export interface RankedCause {
  readonly id: CauseId;
  readonly title: string;
  /** 0..1, the engine's belief after weighing support and refutation. */
  readonly confidence: number;
  readonly supportedBy: readonly Finding[];
  readonly refutedBy: readonly Finding[];
  /** Values (request id, upstream, host) that tie the supporting evidence of several inputs together. */
  readonly joinedBy?: readonly { readonly key: string; readonly value: string; readonly sources: readonly string[] }[];
  readonly fix: string;
  readonly fixSnippet?: string;
  readonly next: readonly NextStep[];
}

export interface NextStep {
  readonly text: string;
  readonly command?: string;
}

/** Who generated the failing response, said before anyone is blamed. */
export interface Responder {
  readonly who: string;
  readonly status?: number;
  readonly evidence: readonly SourceRef[];
}

export interface InputSummary {
  readonly source: string;
  readonly formats: readonly string[];
  readonly lines: number;
  readonly recognised: number;
  readonly unknown: number;
  readonly bytes: number;
  readonly error?: string;
}

export interface Diagnosis {
  readonly inputs: readonly InputSummary[];
  readonly findings: readonly Finding[];
  readonly causes: readonly RankedCause[];
  readonly responders: readonly Responder[];
  /** Said when the evidence is too thin to decide: what to collect next. */
  readonly needMoreEvidence: boolean;
  readonly next: readonly NextStep[];
}
