import { defineFindings } from "../define.ts";

export const HTTP1_FINDINGS = defineFindings([]);
