import type { CauseDef, CauseId, FindingDef } from "../model/cause.ts";
import type { FindingCode } from "../model/finding.ts";
import { CAUSES } from "./causes.ts";
import { ALL_FINDINGS } from "./codes/index.ts";

const findingsByCode = new Map<string, FindingDef>(ALL_FINDINGS.map((def) => [def.code, def]));
const findingsByName = new Map<string, FindingDef>(ALL_FINDINGS.map((def) => [def.name.toLowerCase(), def]));
const causesById = new Map<string, CauseDef>(CAUSES.map((def) => [def.id, def]));

export function findingDef(code: FindingCode | string): FindingDef | undefined {
  return findingsByCode.get(code.toUpperCase()) ?? findingsByName.get(code.toLowerCase());
}

export function causeDef(id: CauseId | string): CauseDef | undefined {
  return causesById.get(id);
}

export function allFindings(): readonly FindingDef[] {
  return ALL_FINDINGS;
}

export function allCauses(): readonly CauseDef[] {
  return CAUSES;
}

/** The finding codes that bear on a cause, with their weights, from the findings' own links. */
export function linksOfCause(id: CauseId | string): { code: FindingCode; weight: number }[] {
  const links: { code: FindingCode; weight: number }[] = [];
  for (const def of ALL_FINDINGS) {
    for (const link of def.causes) if (link.cause === id) links.push({ code: def.code, weight: link.weight });
  }
  return links;
}
