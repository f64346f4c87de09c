import { type Document, isScalar, LineCounter, type Node, parseAllDocuments, type Scalar, visit } from "yaml";
import type { Finding, FindingCode } from "../model/finding.ts";
import { asObject, asString, type Json, type JsonObject } from "./access.ts";
import { parseEnvoyAdmin } from "./envoy-admin.ts";
import { GO_YAML_TAGS, type PositionTree, readFastDocument, splitDocuments } from "./fast-yaml.ts";
import { jsonLocator, lineStartsOf, positionAt } from "./json-locator.ts";
import { looksLikeNginx, parseNginxConfig } from "./nginx-conf.ts";
import {
  CLUSTER_SCOPED,
  type FieldPath,
  type Locator,
  NO_POSITIONS,
  type Position,
  prefixedLocator,
  pseudoResource,
  type Resource,
} from "./resource.ts";
import { lazyLines, yamlLocator } from "./yaml-locator.ts";

export interface LoadResult {
  readonly resources: Resource[];
  /** Findings about the input itself: YAML errors, scalars read differently by YAML 1.1 and 1.2. */
  readonly findings: Finding[];
}

export interface LoadOptions {
  /** Namespace for namespaced objects that state none (kubectl's `-n`). */
  readonly namespace: string;
  /** Counter shared across inputs, so `order` is global. */
  readonly order: { next: number };
  /** Use the fast reader for plain manifests (default); false forces the full YAML reader. */
  readonly fast?: boolean;
}

const MAX_DOCUMENTS = 100_000;

/** Reads one input's text into resources. Never throws: what cannot be read becomes a finding. */
export function loadText(text: string, source: string, options: LoadOptions): LoadResult {
  const envoy = parseEnvoyAdmin(text, source, options.order);
  if (envoy) return { resources: [envoy], findings: [] };
  if (looksLikeNginx(text, source)) return { resources: [parseNginxConfig(text, source, options.order)], findings: [] };
  const start = text.length - text.trimStart().length;
  if (text[start] === "{" || text[start] === "[") {
    const json = loadJson(text, start, source, options);
    if (json) return json;
  }
  return loadYaml(text, source, options);
}

/** Resources from an already parsed value (kubectl JSON), without positions. */
export function resourcesFromValue(value: unknown, source: string, options: LoadOptions): Resource[] {
  const resources: Resource[] = [];
  for (const item of Array.isArray(value) ? value : [value])
    collect(item as Json, NO_POSITIONS, source, options, resources);
  return resources;
}

/** JSON (kubectl -o json): parsed natively, positions found lazily. Undefined when not valid JSON. */
function loadJson(text: string, start: number, source: string, options: LoadOptions): LoadResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let starts: number[] | undefined;
  const locator = jsonLocator(text, start, () => {
    starts ??= lineStartsOf(text);
    return starts;
  });
  const resources: Resource[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collect(item as Json, prefixedLocator(locator, [index]), source, options, resources);
    });
  } else collect(value as Json, locator, source, options, resources);
  return { resources, findings: [] };
}

/**
 * YAML streams are cut at `---` lines first, as kubectl does, so one broken document cannot
 * swallow the next. Each document goes to the fast reader, or to the `yaml` package when the fast
 * reader gives up.
 */
function loadYaml(text: string, source: string, options: LoadOptions): LoadResult {
  const lineText = lazyLines(text);
  const documents = splitDocuments(text);
  if (!documents) return loadYamlDocuments(text, source, options, lineText, 0);
  let starts: number[] | undefined;
  const lineStarts = () => {
    starts ??= lineStartsOf(text);
    return starts;
  };
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  for (const { start, end } of documents.slice(0, MAX_DOCUMENTS)) {
    const fast = options.fast === false ? undefined : readFastDocument(text, start, end);
    if (!fast) {
      const lineShift = start === 0 ? 0 : positionAt(lineStarts(), start).line - 1;
      const slow = loadYamlDocuments(text.slice(start, end), source, options, lineText, lineShift);
      resources.push(...slow.resources);
      findings.push(...slow.findings);
      continue;
    }
    const first = resources.length;
    collect(fast.value, treeLocator(fast.positions, lineStarts, lineText), source, options, resources);
    const subject = subjectOf(resources[first], source);
    for (const scalar of fast.divergent) {
      const at = positionAt(lineStarts(), scalar.offset);
      findings.push(divergenceFinding(subject, source, scalar.text, scalar.yaml11, at, lineText));
    }
  }
  return { resources, findings };
}

/** A locator over the position tree of the fast reader. */
function treeLocator(
  root: PositionTree,
  lineStarts: () => number[],
  lineText: (line: number) => string | undefined,
): Locator {
  return {
    lineText,
    locate(path: FieldPath): Position {
      let node = root;
      for (const step of path) {
        const next = node.members?.get(step);
        if (!next) break;
        node = next;
      }
      return positionAt(lineStarts(), node.at);
    },
  };
}

/** The whole-featured path: the `yaml` package, for documents the fast reader leaves alone. */
function loadYamlDocuments(
  text: string,
  source: string,
  options: LoadOptions,
  lineText: (line: number) => string | undefined,
  lineShift: number,
): LoadResult {
  const counter = new LineCounter();
  const shift = (p: Position): Position => ({ line: p.line + lineShift, column: p.column });
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, {
      version: "1.1",
      lineCounter: counter,
      customTags: GO_YAML_TAGS,
      prettyErrors: true,
    }) as Document.Parsed[];
  } catch (error) {
    findings.push(yamlError(source, shift({ line: 1, column: 1 }), (error as Error).message, undefined));
    return { resources, findings };
  }
  if (!Array.isArray(documents)) documents = [documents as unknown as Document.Parsed];
  for (const document of documents.slice(0, MAX_DOCUMENTS)) {
    const first = resources.length;
    if (document.errors.length > 0) {
      const error = document.errors[0];
      const pos = error?.linePos?.[0];
      findings.push(
        yamlError(
          source,
          shift(pos ? { line: pos.line, column: pos.col } : { line: 1, column: 1 }),
          error?.message ?? "",
          lineText,
        ),
      );
      continue;
    }
    let value: Json;
    try {
      value = document.toJS({ maxAliasCount: 100 }) as Json;
    } catch (error) {
      findings.push(yamlError(source, shift({ line: 1, column: 1 }), (error as Error).message, lineText));
      continue;
    }
    const root = yamlLocator(document.contents as Node | null, counter, lineText, shift);
    collect(value, root, source, options, resources);
    findings.push(...yamlVersionFindings(document, counter, lineText, source, resources.slice(first), shift));
  }
  return { resources, findings };
}

function yamlError(
  source: string,
  position: Position,
  message: string,
  lineText: ((line: number) => string | undefined) | undefined,
): Finding {
  const excerpt = lineText?.(position.line)?.trim();
  const error = (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return finding("PD5002", source, { error }, [
    { source, line: position.line, column: position.column, ...(excerpt ? { excerpt } : {}) },
  ]);
}

function finding(
  code: FindingCode,
  subject: string,
  vars: Record<string, string | number | boolean>,
  evidence: Finding["evidence"],
): Finding {
  return { code, subject, vars, evidence };
}

/** Turns one parsed value into resources: a kind, a List of them, or a recognised kind-less document. */
function collect(value: Json, locator: Locator, source: string, options: LoadOptions, out: Resource[]): void {
  const body = asObject(value);
  if (!body) return;
  const kind = asString(body.kind);
  const items = body.items;
  if (kind && Array.isArray(items) && (kind === "List" || kind.endsWith("List"))) {
    items.forEach((item, index) => {
      collect(item, prefixedLocator(locator, ["items", index]), source, options, out);
    });
    return;
  }
  if (kind && (typeof body.apiVersion === "string" || kind === "APIResourceList")) {
    const resource = makeResource(kind, body, source, locator, options);
    out.push(resource);
    const mesh = embeddedMeshConfig(resource, options);
    if (mesh) out.push(mesh);
    return;
  }
  if (!kind) {
    const pseudo = kindlessKind(body);
    if (pseudo) out.push(pseudoResource(pseudo, body, source, locator, options));
  }
}

function makeResource(
  kind: string,
  body: JsonObject,
  source: string,
  locator: Locator,
  options: LoadOptions,
): Resource {
  const metadata = asObject(body.metadata);
  const name = asString(metadata?.name) ?? asString(metadata?.generateName) ?? "";
  const namespace = CLUSTER_SCOPED.has(kind) ? "" : (asString(metadata?.namespace) ?? options.namespace);
  return {
    kind,
    apiVersion: asString(body.apiVersion) ?? "",
    name,
    namespace,
    body,
    source,
    locator,
    order: options.order.next++,
  };
}

const MESH_CONFIG_KEYS = [
  "defaultConfig",
  "rootNamespace",
  "extensionProviders",
  "enableAutoMtls",
  "accessLogFile",
  "defaultProviders",
  "outboundTrafficPolicy",
  "enableTracing",
];

/** Kong Helm values and a bare mesh config have no kind; they are recognised by their shape. */
function kindlessKind(body: JsonObject): string | undefined {
  const env = asObject(body.env);
  const kongEnvKeys = [
    "prefix",
    "database",
    "error_template_html",
    "admin_listen",
    "proxy_listen",
    "nginx_worker_processes",
  ];
  const kongShape =
    (env && kongEnvKeys.some((key) => Object.hasOwn(env, key))) ||
    (body.ingressController !== undefined && (body.proxy !== undefined || body.admin !== undefined)) ||
    (/kong/i.test(asString(asObject(body.image)?.repository) ?? "") && env !== undefined);
  if (kongShape) return "KongHelmValues";
  if (MESH_CONFIG_KEYS.filter((key) => Object.hasOwn(body, key)).length >= 1 && !body.spec) return "MeshConfig";
  return undefined;
}

/** The mesh config inside an `istio` ConfigMap (a YAML string) or an IstioOperator, as its own resource. */
function embeddedMeshConfig(resource: Resource, options: LoadOptions): Resource | undefined {
  if (resource.kind === "IstioOperator") {
    const mesh = asObject(asObject(resource.body.spec)?.meshConfig);
    if (!mesh) return undefined;
    return pseudoResource(
      "MeshConfig",
      mesh,
      resource.source,
      prefixedLocator(resource.locator, ["spec", "meshConfig"]),
      options,
      resource.name,
      resource.namespace,
    );
  }
  if (resource.kind !== "ConfigMap" || !/^istio(-.+)?$/.test(resource.name)) return undefined;
  const text = asString(asObject(resource.body.data)?.mesh);
  if (text === undefined) return undefined;
  const inner = new LineCounter();
  let parsed: Document.Parsed | undefined;
  try {
    parsed = parseAllDocuments(text, { version: "1.1", lineCounter: inner, customTags: GO_YAML_TAGS })[0] as
      | Document.Parsed
      | undefined;
  } catch {
    parsed = undefined;
  }
  const body = asObject(
    parsed && parsed.errors.length === 0 ? (parsed.toJS({ maxAliasCount: 100 }) as Json) : undefined,
  );
  if (!parsed || !body) return undefined;
  const shift = embeddedShift(resource.locator, ["data", "mesh"]);
  const locator = shift
    ? yamlLocator(parsed.contents as Node | null, inner, (line) => resource.locator.lineText(line), shift)
    : prefixedLocator(resource.locator, ["data", "mesh"]);
  return pseudoResource("MeshConfig", body, resource.source, locator, options, resource.name, resource.namespace);
}

/** Where the lines of a block scalar start in the outer file, so inner positions can be shifted there. */
function embeddedShift(locator: Locator, path: FieldPath): ((position: Position) => Position) | undefined {
  const keyAt = locator.locate(path);
  if (!keyAt || !/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(locator.lineText(keyAt.line) ?? "")) return undefined;
  const firstContent = keyAt.line + 1;
  const indent = (locator.lineText(firstContent) ?? "").match(/^\s*/)?.[0].length ?? 0;
  return (position) => ({ line: firstContent + position.line - 1, column: position.column + indent });
}

const YAML12_NULL = /^(?:~|null|Null|NULL)?$/;
const YAML12_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const YAML12_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const YAML12_FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** What a YAML 1.2 (core schema) reader makes of a plain scalar. */
export function yaml12Value(text: string): unknown {
  if (YAML12_NULL.test(text)) return null;
  if (YAML12_BOOL.test(text)) return text.toLowerCase() === "true";
  if (YAML12_INT.test(text)) {
    if (text.startsWith("0o")) return Number.parseInt(text.slice(2), 8);
    if (text.startsWith("0x")) return Number.parseInt(text.slice(2), 16);
    return Number.parseInt(text, 10);
  }
  if (YAML12_FLOAT.test(text)) {
    const lower = text.toLowerCase();
    if (lower.endsWith(".inf")) return lower.startsWith("-") ? -Infinity : Infinity;
    if (lower === ".nan") return Number.NaN;
    return Number.parseFloat(text);
  }
  return text;
}

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (typeof a === "number" && typeof b === "number" && a === b);
}

function subjectOf(resource: Resource | undefined, source: string): string {
  if (!resource) return source;
  return `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ""}${resource.name}`;
}

function divergenceFinding(
  subject: string,
  source: string,
  text: string,
  yaml11: unknown,
  at: Position,
  lineText: (line: number) => string | undefined,
): Finding {
  const excerpt = lineText(at.line)?.trim();
  return finding(
    "PD5001",
    subject,
    { scalar: text, yaml11: describeValue(yaml11), yaml12: describeValue(yaml12Value(text)) },
    [{ source, line: at.line, column: at.column, ...(excerpt ? { excerpt } : {}) }],
  );
}

/** Plain scalars that YAML 1.1 (what the API server and Helm use) and YAML 1.2 read differently. */
function yamlVersionFindings(
  document: Document.Parsed,
  counter: LineCounter,
  lineText: (line: number) => string | undefined,
  source: string,
  resources: readonly Resource[],
  shift: (position: Position) => Position,
): Finding[] {
  const findings: Finding[] = [];
  const subject = subjectOf(resources[0], source);
  visit(document, {
    Scalar(_, node: Scalar) {
      if (findings.length >= 200 || node.type !== "PLAIN" || !isScalar(node)) return;
      const text = (node as Scalar & { source?: string }).source;
      if (typeof text !== "string" || text.length > 40) return;
      if (sameValue(node.value, yaml12Value(text))) return;
      const { line, col } = counter.linePos(node.range?.[0] ?? 0);
      findings.push(divergenceFinding(subject, source, text, node.value, shift({ line, column: col }), lineText));
    },
  });
  return findings;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `the string "${value}"`;
  if (value === null) return "null";
  return `${typeof value} ${String(value)}`;
}
