import { renderTemplate } from "../catalogue/define.ts";
import { allCauses, findingDef } from "../catalogue/index.ts";
import type { CauseDef } from "../model/cause.ts";
import type { NextStep, RankedCause } from "../model/diagnosis.ts";
import type { Finding } from "../model/finding.ts";
import type { CorrelationIndex } from "./correlate.ts";

type Vars = Readonly<Record<string, string | number | boolean>>;

interface Weighed {
  readonly finding: Finding;
  readonly weight: number;
  readonly corroboratesOnly: boolean;
}

/** Share of the remaining doubt that a second, independent source removes. */
const CORROBORATION = 0.3;
/** The same, when the two sources also name the same request, upstream or host. */
const JOINED_CORROBORATION = 0.5;

/**
 * Ranks causes from findings. Support from distinct codes combines as a noisy-OR (each code
 * counted once, at its strongest), refutations scale the result down the same way, and support
 * from two or more sources of evidence is trusted more than one source repeating itself.
 */
export function rankCauses(findings: readonly Finding[], context: Vars, index?: CorrelationIndex): RankedCause[] {
  const support = new Map<string, Weighed[]>();
  const against = new Map<string, Weighed[]>();
  for (const finding of findings) {
    const def = findingDef(finding.code);
    if (!def) continue;
    for (const link of def.causes) {
      const target = link.weight >= 0 ? support : against;
      let list = target.get(link.cause);
      if (!list) {
        list = [];
        target.set(link.cause, list);
      }
      list.push({ finding, weight: Math.abs(link.weight), corroboratesOnly: link.corroboratesOnly === true });
    }
  }
  const ranked: RankedCause[] = [];
  for (const cause of allCauses()) {
    const pro = support.get(cause.id) ?? [];
    if (pro.every((entry) => entry.corroboratesOnly)) continue;
    const con = against.get(cause.id) ?? [];
    let belief = noisyOr(pro);
    const joins = index?.joins(pro.map((entry) => entry.finding)) ?? [];
    if (joins.length > 0) belief += (1 - belief) * JOINED_CORROBORATION;
    else if (sourcesOf(pro).size >= 2) belief += (1 - belief) * CORROBORATION;
    const doubt = noisyOr(con);
    const confidence = round(belief * (1 - doubt));
    const vars = withContext(context, varsOf(strongestFirst(pro)));
    ranked.push({
      id: cause.id,
      title: cause.title,
      confidence,
      supportedBy: strongestFirst(pro),
      refutedBy: strongestFirst(con),
      ...(joins.length > 0 ? { joinedBy: joins.slice(0, 5) } : {}),
      fix: cause.fix,
      ...(cause.fixSnippet ? { fixSnippet: renderTemplate(cause.fixSnippet, vars) } : {}),
      next: nextSteps(cause, vars),
    });
  }
  ranked.sort(
    (a, b) => b.confidence - a.confidence || b.supportedBy.length - a.supportedBy.length || (a.id < b.id ? -1 : 1),
  );
  return ranked;
}

/** The findings that weigh most come first, so reports quote the decisive evidence. */
function strongestFirst(entries: readonly Weighed[]): Finding[] {
  return [...entries].sort((a, b) => b.weight - a.weight).map((entry) => entry.finding);
}

function noisyOr(entries: readonly Weighed[]): number {
  const strongest = new Map<string, number>();
  for (const { finding, weight } of entries) {
    strongest.set(finding.code, Math.max(strongest.get(finding.code) ?? 0, Math.min(weight, 0.99)));
  }
  let doubt = 1;
  for (const weight of strongest.values()) doubt *= 1 - weight;
  return 1 - doubt;
}

function sourcesOf(entries: readonly Weighed[]): Set<string> {
  const sources = new Set<string>();
  for (const { finding } of entries) for (const ref of finding.evidence) sources.add(ref.source);
  return sources;
}

/** Names of one place: taken together from one finding, so a command never joins two findings' places. */
const PLACE_KEYS = ["url", "host", "authority", "path", "upstream", "port"] as const;

function varsOf(findings: readonly Finding[]): Record<string, string | number | boolean> {
  const vars: Record<string, string | number | boolean> = {};
  let placeTaken = false;
  for (const finding of findings) {
    const hasPlace = PLACE_KEYS.some((key) => isSet(finding.vars[key]));
    for (const [key, value] of Object.entries(finding.vars)) {
      if (key in vars || !isSet(value)) continue;
      if ((PLACE_KEYS as readonly string[]).includes(key) && placeTaken) continue;
      vars[key] = value;
    }
    if (hasPlace) placeTaken = true;
    if (!("subject" in vars)) vars.subject = finding.subject;
  }
  return vars;
}

/** The incident's most mentioned names fill what the findings leave open, but never half a place. */
function withContext(context: Vars, own: Record<string, string | number | boolean>): Vars {
  const ownPlace = PLACE_KEYS.some((key) => key in own);
  const filled: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(context)) {
    if (ownPlace && (PLACE_KEYS as readonly string[]).includes(key)) continue;
    filled[key] = value;
  }
  return { ...filled, ...own };
}

function isSet(value: unknown): value is string | number | boolean {
  return value !== undefined && value !== "";
}

export function nextSteps(cause: CauseDef, vars: Vars): NextStep[] {
  return cause.next.map((step) => ({
    text: renderTemplate(step.text, vars),
    ...(step.command ? { command: renderTemplate(step.command, vars) } : {}),
  }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
