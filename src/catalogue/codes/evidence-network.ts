import { defineFindings } from "../define.ts";

export const NETWORK_FINDINGS = defineFindings([]);
