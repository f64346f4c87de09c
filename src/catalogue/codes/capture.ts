import { defineFindings } from "../define.ts";

export const CAPTURE_FINDINGS = defineFindings([]);
