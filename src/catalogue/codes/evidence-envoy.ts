import { defineFindings } from "../define.ts";

export const ENVOY_FINDINGS = defineFindings([]);
