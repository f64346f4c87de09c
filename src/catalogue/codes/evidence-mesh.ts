import { defineFindings } from "../define.ts";

export const MESH_FINDINGS = defineFindings([]);
