import { defineFindings } from "../define.ts";

export const CURL_FINDINGS = defineFindings([]);
