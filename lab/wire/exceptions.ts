/**
 * Known disagreements between a prediction and what the lab sees, each explained. A case × peer
 * pair listed here does not fail the lab run; one that starts to agree should be removed.
 */
export const LAB_EXCEPTIONS: Readonly<Record<string, string>> = {
  "near-101-upgrade/haproxy":
    "The lab's request asks for no upgrade, so HAProxy refuses the unsolicited 101 (RFC 9110 §15.2.2). The wire command sees only the response and cannot know the request; the 101 itself is well-formed.",
  "near-101-upgrade/apache":
    "Same as HAProxy: `AH00898: Unexpected Upgrade: websocket (expecting n/a)`, because the request carried no Upgrade.",
};
