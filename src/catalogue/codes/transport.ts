import { defineFindings } from "../define.ts";

export const TRANSPORT_FINDINGS = defineFindings([]);
