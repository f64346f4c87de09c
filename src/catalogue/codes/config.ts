import { defineFindings } from "../define.ts";

export const CONFIG_FINDINGS = defineFindings([]);
