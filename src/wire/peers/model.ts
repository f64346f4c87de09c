import type { FindingCode } from "../../model/finding.ts";

export type PeerName = "envoy" | "nginx" | "haproxy" | "apache" | "caddy" | "go" | "node" | "curl" | "chrome";

export type PeerOutcome = "accept" | "reject" | "alter" | "truncate";

/** How sure a prediction is: read in the peer's source, documented, or observed in our lab. */
export type PeerConfidence = "source" | "documented" | "observed" | "inferred";

/** What one peer does with a message that has one defect. */
export interface PeerReaction {
  readonly peer: PeerName;
  /** The version the prediction is for, as the person would name it (`1.22.1`, `1.28`). */
  readonly version: string;
  readonly outcome: PeerOutcome;
  /** The status the peer answers with, when it answers (502 from a proxy, 400 to a client). */
  readonly status?: number;
  /** What the person sees: the exact error text or log line, when known. */
  readonly detail: string;
  readonly confidence: PeerConfidence;
}

/**
 * One rule of the peer table: for a defect code and a version range of a peer, the reaction.
 * Ranges are inclusive lower bound, exclusive upper bound, compared as dotted numbers.
 */
export interface PeerRule {
  readonly code: FindingCode;
  readonly peer: PeerName;
  /** Inclusive lowest version the rule holds for; absent means since forever. */
  readonly from?: string;
  /** Exclusive version from which the rule no longer holds; absent means still current. */
  readonly until?: string;
  readonly outcome: PeerOutcome;
  readonly status?: number;
  readonly detail: string;
  readonly confidence: PeerConfidence;
}

/**
 * The versions predictions are made for when the person names none: current stable releases as
 * of late 2026 (Envoy 1.40.0 of 2026-10-13, nginx stable 1.30.1, HAProxy 3.4 LTS of 2026-06,
 * curl 8.22.0 of 2026-09, Node 26 LTS since 2026-10-28, Go 1.27). Caddy and Chrome are the last versions we could confirm.
 */
export const CURRENT_VERSIONS: Readonly<Record<PeerName, string>> = {
  envoy: "1.40",
  nginx: "1.30.1",
  haproxy: "3.4",
  apache: "2.4.71",
  caddy: "2.10",
  go: "1.27",
  node: "26.12",
  curl: "8.22.0",
  chrome: "142",
};

export const PEER_NAMES: readonly PeerName[] = [
  "envoy",
  "nginx",
  "haproxy",
  "apache",
  "caddy",
  "go",
  "node",
  "curl",
  "chrome",
];
