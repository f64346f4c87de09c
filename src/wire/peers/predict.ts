import type { FindingCode, FindingVars } from "../../model/finding.ts";
import { HTTP1_PEER_RULES, type Http1PeerRule } from "./http1-rules.ts";
import { RESPONSE_HEADER_LIMITS } from "./limits.ts";
import { CURRENT_VERSIONS, PEER_NAMES, type PeerName, type PeerReaction, type PeerRule } from "./model.ts";

export type PeerVersions = Partial<Record<PeerName, string>>;

/** A defect as the predictor needs it: its code and, for limits, the measured figures. */
export interface PeerDefect {
  readonly code: FindingCode;
  readonly vars?: FindingVars;
}

/** A reaction with the defect it answers to (absent when the peer accepts everything). */
export interface PeerPrediction extends PeerReaction {
  readonly code?: FindingCode;
}

/** Compares dotted versions numerically: `1.9` < `1.28`; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-+ ]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.\-+ ]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function inRange(rule: Pick<PeerRule, "from" | "until">, version: string): boolean {
  if (rule.from !== undefined && compareVersions(version, rule.from) < 0) return false;
  if (rule.until !== undefined && compareVersions(version, rule.until) >= 0) return false;
  return true;
}

/**
 * Reads `--peer-version` values (`nginx=1.22.1`). `istio=1.19` names the Envoy it ships
 * (Istio 1.x carries Envoy 1.(x+8), e.g. Istio 1.20 → Envoy 1.28).
 */
export function parsePeerVersions(specs: readonly string[]): { versions: PeerVersions; errors: string[] } {
  const versions: Record<string, string> = {};
  const errors: string[] = [];
  for (const spec of specs) {
    const match = /^([a-z]+)=v?(\d+(?:\.\d+)*)$/i.exec(spec.trim());
    const name = match?.[1]?.toLowerCase();
    const version = match?.[2];
    if (!name || !version) {
      errors.push(`--peer-version expects peer=version, got "${spec}"`);
      continue;
    }
    if (name === "istio") {
      const [major, minor] = version.split(".").map(Number);
      versions.envoy = `${major}.${(minor ?? 0) + 8}`;
    } else if ((PEER_NAMES as readonly string[]).includes(name)) versions[name] = version;
    else errors.push(`unknown peer "${name}" (known: ${PEER_NAMES.join(", ")}, istio)`);
  }
  return { versions: versions as PeerVersions, errors };
}

/** The Go release a Debian/upstream Caddy build of that version is typically made with. */
function goOfCaddy(caddy: string): string {
  if (compareVersions(caddy, "2.7") < 0) return "1.19";
  if (compareVersions(caddy, "2.8") < 0) return "1.21";
  if (compareVersions(caddy, "2.9") < 0) return "1.22";
  if (compareVersions(caddy, "2.10") < 0) return "1.23";
  return "1.25";
}

function withinLimit(peer: PeerName, defect: PeerDefect): boolean {
  const limit = RESPONSE_HEADER_LIMITS.find((l) => l.peer === peer);
  const vars = defect.vars ?? {};
  if (defect.code === "PD2040" && typeof vars.count === "number") {
    return limit?.maxFields === undefined || vars.count <= limit.maxFields;
  }
  if (defect.code === "PD2041" && typeof vars.bytes === "number") {
    return limit?.maxBytes === undefined || vars.bytes <= limit.maxBytes;
  }
  return false;
}

type Mode = "strict" | "insecure";

function findRule(
  rules: readonly Http1PeerRule[],
  defect: PeerDefect,
  peer: PeerName,
  version: string,
  mode: Mode,
): Http1PeerRule | undefined {
  if (withinLimit(peer, defect)) return undefined;
  return rules.find(
    (r) =>
      r.code === defect.code &&
      r.peer === peer &&
      (r.nodeMode === undefined || r.nodeMode === mode) &&
      inRange(r, version),
  );
}

/** Caddy proxies with Go's HTTP client: a Go rejection becomes Caddy's 502. */
function caddyRule(rules: readonly Http1PeerRule[], defect: PeerDefect, caddy: string): Http1PeerRule | undefined {
  const own = findRule(rules, defect, "caddy", caddy, "strict");
  if (own) return own;
  const go = findRule(rules, defect, "go", goOfCaddy(caddy), "strict");
  if (!go) return undefined;
  if (go.outcome !== "reject") return { ...go, peer: "caddy", confidence: "inferred" };
  return { ...go, peer: "caddy", status: 502, detail: `502 Bad Gateway; log: ${go.detail}`, confidence: "inferred" };
}

const WEIGHT = { reject: 3, truncate: 2, alter: 1, accept: 0 } as const;

function react(
  rules: readonly Http1PeerRule[],
  defects: readonly PeerDefect[],
  peer: PeerName,
  version: string,
  mode: Mode,
): Omit<PeerPrediction, "peer" | "version"> {
  let best: { rule: Http1PeerRule; code: FindingCode } | undefined;
  for (const defect of defects) {
    const rule = peer === "caddy" ? caddyRule(rules, defect, version) : findRule(rules, defect, peer, version, mode);
    if (!rule || rule.outcome === "accept") continue;
    if (!best || WEIGHT[rule.outcome] > WEIGHT[best.rule.outcome]) best = { rule, code: defect.code };
    // The first fatal defect in byte order is where the peer stops; later ones are never seen.
    if (rule.outcome === "reject" || rule.outcome === "truncate") break;
  }
  if (!best) {
    const explicit = defects
      .map((d) => findRule(rules, d, peer, version, mode))
      .find((r): r is Http1PeerRule => r?.outcome === "accept");
    return {
      outcome: "accept",
      detail: explicit?.detail ?? (defects.length > 0 ? "no known objection to these defects" : "well-formed"),
      confidence: explicit?.confidence ?? "inferred",
    };
  }
  const { rule, code } = best;
  const vars = defects.find((d) => d.code === code)?.vars ?? {};
  return {
    code,
    outcome: rule.outcome,
    ...(rule.status !== undefined ? { status: rule.status } : {}),
    detail: rule.detail.replace(/\{([a-z]+)\}/g, (whole, key: string) => {
      const value = vars[key];
      return value === undefined ? whole : String(value);
    }),
    confidence: rule.confidence,
  };
}

/**
 * The reaction of every peer to one message with these defects (in byte order), for the named
 * versions or the current stable ones. Node appears twice: strict and insecure parser.
 */
export function predictPeers(
  defects: readonly (FindingCode | PeerDefect)[],
  versions: PeerVersions = {},
  rules: readonly Http1PeerRule[] = HTTP1_PEER_RULES,
): PeerPrediction[] {
  const list: PeerDefect[] = defects.map((d) => (typeof d === "string" ? { code: d } : d));
  const out: PeerPrediction[] = [];
  for (const peer of PEER_NAMES) {
    const version = versions[peer] ?? CURRENT_VERSIONS[peer];
    out.push({ peer, version, ...react(rules, list, peer, version, "strict") });
    if (peer === "node") {
      out.push({ peer, version: `${version} insecureHTTPParser`, ...react(rules, list, peer, version, "insecure") });
    }
  }
  return out;
}
