import { defineFindings } from "../define.ts";

export const GO_FINDINGS = defineFindings([]);
