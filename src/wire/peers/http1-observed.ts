import type { Http1PeerRule } from "./http1-rules.ts";

// Kept free of imports from http1-rules.ts values to avoid an initialisation cycle.
const nodeError = (code: string, reason: string) => `Error: Parse Error: ${reason} (code ${code})`;
const AFTER_BODY = nodeError("HPE_INVALID_CONSTANT", "Expected HTTP/, RTSP/ or ICE/");

/**
 * Reactions seen in our lab and in the llhttp oracle test (lab/README.md has the table), where
 * they differ from what the documents led us to expect.
 */
export const OBSERVED_RULES: readonly Http1PeerRule[] = [
  // Node 20 (llhttp 9): what the oracle test sees over loopback.
  {
    code: "PD2007",
    peer: "node",
    nodeMode: "strict",
    outcome: "reject",
    detail: nodeError("HPE_INVALID_HEADER_TOKEN", "Invalid header value char"),
    confidence: "observed",
  },
  {
    code: "PD2007",
    peer: "node",
    nodeMode: "insecure",
    outcome: "accept",
    detail: "accepted by the lenient parser",
    confidence: "observed",
  },
  {
    code: "PD2025",
    peer: "node",
    outcome: "truncate",
    detail: `the response fails after its body: ${AFTER_BODY}`,
    confidence: "observed",
  },
  {
    code: "PD2036",
    peer: "node",
    outcome: "truncate",
    detail: `the stray bytes fail as the next response: ${AFTER_BODY}`,
    confidence: "observed",
  },
  {
    code: "PD2044",
    peer: "node",
    outcome: "accept",
    detail: "llhttp accepts the versions 0.9, 1.0, 1.1 and 2.0 in a status line",
    confidence: "observed",
  },
  {
    code: "PD2050",
    peer: "node",
    nodeMode: "strict",
    outcome: "truncate",
    detail: `the response fails after its body: ${nodeError("HPE_CLOSED_CONNECTION", "Data after `Connection: close`")}`,
    confidence: "observed",
  },
  {
    code: "PD2050",
    peer: "node",
    nodeMode: "insecure",
    outcome: "alter",
    detail: "the extra data is discarded",
    confidence: "observed",
  },
  {
    code: "PD2052",
    peer: "node",
    outcome: "accept",
    detail: "leading empty lines are skipped",
    confidence: "observed",
  },
];
