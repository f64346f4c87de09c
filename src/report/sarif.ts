import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { FindingDef } from "../model/cause.ts";
import type { Finding } from "../model/finding.ts";
import type { Severity } from "../model/severity.ts";
import type { SourceRef } from "../model/source.ts";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** Where each code's catalogue entry is documented; `proxydoc explain CODE` prints the same text. */
export const HELP_BASE_URI = "https://github.com/proxydoc/proxydoc/blob/main/docs/codes.md";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  error: "error",
  warning: "warning",
  info: "note",
};

export interface SarifOptions {
  readonly toolVersion: string;
  /** The rules to declare, in order; results refer to them by index. */
  readonly rules: readonly FindingDef[];
  readonly severityOf: (finding: Finding) => Severity;
  readonly messageOf: (finding: Finding) => string;
  /** Folder that relative artifact URIs are relative to (the current directory). */
  readonly baseDir: string;
}

function artifactLocation(source: string, baseDir: string): { uri: string; uriBaseId?: string } {
  if (source === "-") return { uri: "stdin" };
  if (isAbsolute(source)) {
    const inside = relative(baseDir, source);
    if (inside.startsWith("..") || isAbsolute(inside)) return { uri: pathToFileURL(source).href };
    return { uri: encodeURI(inside.split(sep).join("/")), uriBaseId: "%SRCROOT%" };
  }
  return { uri: encodeURI(source.split(sep).join("/")), uriBaseId: "%SRCROOT%" };
}

function location(ref: SourceRef, baseDir: string) {
  if (ref.source.startsWith("cluster://") || ref.line === undefined) {
    return {
      logicalLocations: [{ fullyQualifiedName: ref.path ? `${ref.source}#${ref.path}` : ref.source, kind: "object" }],
    };
  }
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(ref.source, baseDir),
      region: {
        startLine: ref.line,
        ...(ref.column !== undefined ? { startColumn: ref.column } : {}),
        ...(ref.excerpt ? { snippet: { text: ref.excerpt } } : {}),
      },
    },
    ...(ref.path ? { logicalLocations: [{ fullyQualifiedName: ref.path, kind: "member" }] } : {}),
  };
}

function fingerprint(finding: Finding): string {
  const where = finding.evidence[0];
  const key = `${finding.code}|${finding.subject}|${where?.source ?? ""}|${where?.path ?? ""}`;
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** A SARIF 2.1.0 log for one run of proxydoc. */
export function toSarif(findings: readonly Finding[], options: SarifOptions): Record<string, unknown> {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.code, index]));
  const rules = options.rules.map((rule) => ({
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary.replace(/\{[A-Za-z]\w*\}/g, "…") },
    fullDescription: { text: rule.detail },
    help: {
      text: `${rule.detail}\nReference: ${rule.reference}`,
      markdown: `${rule.detail}\n\n**Reference:** ${rule.reference}`,
    },
    helpUri: `${HELP_BASE_URI}#${rule.code.toLowerCase()}`,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ["proxydoc", "configuration"], causes: rule.causes.map((c) => c.cause) },
  }));
  const results = findings.map((finding) => {
    const [primary, ...related] = finding.evidence;
    const index = ruleIndex.get(finding.code);
    return {
      ruleId: finding.code,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[options.severityOf(finding)],
      message: { text: options.messageOf(finding) },
      locations: primary ? [location(primary, options.baseDir)] : [],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((ref, id) => ({
              id,
              ...location(ref, options.baseDir),
              message: { text: ref.path ?? ref.source },
            })),
          }
        : {}),
      partialFingerprints: { "proxydocFinding/v1": fingerprint(finding) },
      properties: { subject: finding.subject },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "proxydoc",
            version: options.toolVersion,
            informationUri: HELP_BASE_URI,
            rules,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(`${options.baseDir}${sep}`).href } },
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
}
