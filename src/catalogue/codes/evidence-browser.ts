import { defineFindings } from "../define.ts";

export const BROWSER_FINDINGS = defineFindings([]);
