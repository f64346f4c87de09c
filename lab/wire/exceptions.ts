/**
 * Known disagreements between a prediction and what the lab sees, each explained. A case × peer
 * pair listed here does not fail the lab run; one that starts to agree should be removed.
 */
export const LAB_EXCEPTIONS: Readonly<Record<string, string>> = {};
