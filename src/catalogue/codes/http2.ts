import { defineFindings } from "../define.ts";

export const HTTP2_FINDINGS = defineFindings([]);
