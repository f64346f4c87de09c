/**
 * The Prometheus text exposition format (version 0.0.4), one line at a time: `# HELP`, `# TYPE`,
 * comments and samples `name{label="value",…} value [timestamp]`. Label values keep their
 * escapes (`\\`, `\"`, `\n`) undone; values include `NaN`, `+Inf` and `-Inf`.
 */
export type ExpositionLine =
  | { readonly kind: "help"; readonly name: string; readonly text: string }
  | { readonly kind: "type"; readonly name: string; readonly type: string }
  | { readonly kind: "comment" }
  | {
      readonly kind: "sample";
      readonly name: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly value: number;
      readonly timestamp?: number;
    };

const NAME = /^[A-Za-z_:][A-Za-z0-9_:]*/;
const LABEL_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const METRIC_TYPES = new Set([
  "counter",
  "gauge",
  "histogram",
  "summary",
  "untyped",
  "gaugehistogram",
  "info",
  "stateset",
]);
const MAX_LABELS = 64;

/** Parses one line; undefined when it is not valid exposition text. */
export function parseExpositionLine(text: string): ExpositionLine | undefined {
  const line = text.trim();
  if (line.startsWith("#")) return parseCommentLine(line);
  return parseSample(line);
}

function parseCommentLine(line: string): ExpositionLine | undefined {
  const match = /^#\s+(HELP|TYPE)\s+([A-Za-z_:][A-Za-z0-9_:]*)(?:\s+(.*))?$/.exec(line);
  if (!match) return { kind: "comment" };
  const name = match[2] as string;
  const rest = match[3] ?? "";
  if (match[1] === "HELP") return { kind: "help", name, text: unescapeHelp(rest) };
  const type = rest.trim().toLowerCase();
  return METRIC_TYPES.has(type) ? { kind: "type", name, type } : undefined;
}

function parseSample(line: string): ExpositionLine | undefined {
  const nameMatch = NAME.exec(line);
  if (!nameMatch) return undefined;
  const name = nameMatch[0];
  let at = name.length;
  let labels: Record<string, string> = {};
  if (line[at] === "{") {
    const parsed = parseLabels(line, at + 1);
    if (!parsed) return undefined;
    labels = parsed.labels;
    at = parsed.end;
  }
  const rest = line.slice(at);
  if (!/^[ \t]/.test(rest)) return undefined;
  const fields = rest.trim().split(/[ \t]+/);
  if (fields.length < 1 || fields.length > 2) return undefined;
  const value = parseValue(fields[0] as string);
  if (value === undefined) return undefined;
  if (fields.length === 2) {
    const timestamp = Number(fields[1]);
    if (!/^-?\d+$/.test(fields[1] as string) || !Number.isFinite(timestamp)) return undefined;
    return { kind: "sample", name, labels, value, timestamp };
  }
  return { kind: "sample", name, labels, value };
}

/** Reads `label="value",…}` from `start`; returns the labels and the index after `}`. */
function parseLabels(line: string, start: number): { labels: Record<string, string>; end: number } | undefined {
  const labels: Record<string, string> = {};
  let at = start;
  let count = 0;
  for (;;) {
    at = skipBlanks(line, at);
    if (line[at] === "}") return { labels, end: at + 1 };
    LABEL_NAME.lastIndex = at;
    const nameMatch = LABEL_NAME.exec(line);
    if (!nameMatch) return undefined;
    const labelName = nameMatch[0];
    at = skipBlanks(line, at + labelName.length);
    if (line[at] !== "=") return undefined;
    at = skipBlanks(line, at + 1);
    if (line[at] !== '"') return undefined;
    const value = readQuoted(line, at + 1);
    if (!value) return undefined;
    if (++count > MAX_LABELS) return undefined;
    labels[labelName] = value.text;
    at = skipBlanks(line, value.end);
    if (line[at] === ",") at++;
    else if (line[at] !== "}") return undefined;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A quoted label value from `start` (after the opening quote), escapes undone, copied in slices. */
function readQuoted(line: string, start: number): { text: string; end: number } | undefined {
  let text = "";
  let from = start;
  for (let at = start; at < line.length; at++) {
    const code = line.charCodeAt(at);
    if (code === QUOTE) return { text: text + line.slice(from, at), end: at + 1 };
    if (code === BACKSLASH) {
      const next = line[at + 1];
      if (next === undefined) return undefined;
      text += line.slice(from, at) + (next === "n" ? "\n" : next);
      at++;
      from = at + 1;
    }
  }
  return undefined;
}

function skipBlanks(line: string, at: number): number {
  let i = at;
  while (line[i] === " " || line[i] === "\t") i++;
  return i;
}

/** Go's ParseFloat as the format uses it: decimals, exponents, NaN and ±Inf. */
export function parseValue(token: string): number | undefined {
  const lower = token.toLowerCase();
  if (lower === "nan") return Number.NaN;
  if (lower === "+inf" || lower === "inf") return Number.POSITIVE_INFINITY;
  if (lower === "-inf") return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(token)) return undefined;
  return Number(token);
}

function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, ch: string) => (ch === "n" ? "\n" : "\\"));
}
