import type { FindingCode } from "./finding.ts";
import type { Severity } from "./severity.ts";

export type CauseId = `${string}.${string}`;

export type Layer = "client" | "proxy" | "upstream" | "network" | "control-plane" | "configuration";

/** How a finding bears on a cause: positive weights support it, negative ones refute it. */
export interface CauseLink {
  readonly cause: CauseId;
  /** In (-1, 1): 0.9 is near-proof, 0.3 a hint, -0.6 a strong counter-indication. */
  readonly weight: number;
  /**
   * The finding states a condition, not a failure (STRICT mTLS is on): it adds weight to a cause
   * that failures already support and never raises a cause on its own.
   */
  readonly corroboratesOnly?: boolean;
}

export interface FindingDef {
  readonly code: FindingCode;
  /** PascalCase name, stable like the code. */
  readonly name: string;
  readonly severity: Severity;
  /** One line with `{var}` placeholders filled from the finding's vars and subject. */
  readonly summary: string;
  /** What it means and why it matters, in the project's own words. */
  readonly detail: string;
  /** The spec section or the source that the check or signature is anchored in. */
  readonly reference: string;
  readonly causes: readonly CauseLink[];
}

/** A next step: a concrete action, with `{var}` placeholders filled from the evidence. */
export interface NextStepTemplate {
  readonly text: string;
  /** A command to run, with placeholders; `<name>` stays when the evidence lacks the value. */
  readonly command?: string;
  /** The finding codes this step would confirm or rule out. */
  readonly separates?: readonly FindingCode[];
}

export interface CauseDef {
  readonly id: CauseId;
  readonly title: string;
  readonly layer: Layer;
  readonly explanation: string;
  readonly fix: string;
  /** A configuration snippet that carries out the fix, when the fix is a configuration change. */
  readonly fixSnippet?: string;
  readonly verify: string;
  readonly references: readonly string[];
  readonly next: readonly NextStepTemplate[];
}
