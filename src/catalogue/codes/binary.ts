import { defineFindings } from "../define.ts";

export const BINARY_FINDINGS = defineFindings([]);
