import { defineFindings } from "../define.ts";

export const NGINX_FINDINGS = defineFindings([]);
