/**
 * Strings that every match of a regular expression contains: one of the returned strings occurs
 * (ASCII case ignored) in any text the expression matches. A line with none of them cannot match,
 * so a single scan for all readers' strings can spare most readers most lines.
 *
 * The answer errs on the safe side: syntax it does not follow, or an expression that can match
 * without any fixed text (`\d+`, `a*`), gives `undefined` (no requirement).
 */
export function requiredLiterals(pattern: RegExp): string[] | undefined {
  // With both, case folding reaches beyond ASCII (the Kelvin sign matches `k`).
  if (pattern.flags.includes("i") && /[uv]/.test(pattern.flags)) return undefined;
  try {
    const parser = new Parser(pattern.source, /[uv]/.test(pattern.flags));
    const info = parser.alternation();
    if (parser.pos !== parser.source.length) return undefined;
    const required = requirementOf(info);
    if (!required || required.size === 0 || required.has("")) return undefined;
    return [...new Set([...required].map(cut))].sort();
  } catch {
    return undefined;
  }
}

/** Beyond this many strings, a set of exact matches is forgotten (only its requirement is kept). */
const MAX_EXACT = 64;
/** Strings longer than this are cut to their start: a shorter string still occurs where it did. */
export const MAX_NEEDLE = 24;

/**
 * What is known of a piece of the expression: `exact` is every string it can match, when that set
 * is small; `required` is a set one of whose strings every match contains (`undefined`: none).
 */
interface Info {
  readonly exact?: ReadonlySet<string>;
  readonly required?: ReadonlySet<string> | undefined;
}

const EMPTY: Info = { exact: new Set([""]) };
const UNKNOWN: Info = {};

function requirementOf(info: Info): ReadonlySet<string> | undefined {
  return info.exact ?? info.required;
}

/** The more selective of two requirements: the one whose shortest string is longer. */
function better(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined) {
  if (!a || a.has("")) return b;
  if (!b || b.has("")) return a;
  return shortest(b) > shortest(a) ? b : a;
}

function shortest(set: ReadonlySet<string>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const value of set) min = Math.min(min, value.length);
  return min;
}

/** Lower case for ASCII letters only: the scan folds nothing else. */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}

function cut(value: string): string {
  return value.length > MAX_NEEDLE ? value.slice(0, MAX_NEEDLE) : value;
}

function product(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_EXACT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function concatenation(parts: readonly Info[]): Info {
  let run: Set<string> = new Set([""]);
  let best: ReadonlySet<string> | undefined;
  let allExact = true;
  for (const part of parts) {
    const joined = part.exact ? product(run, part.exact) : undefined;
    if (joined) {
      run = joined;
      continue;
    }
    allExact = false;
    best = better(best, run);
    if (part.exact) {
      run = new Set(part.exact);
    } else {
      best = better(best, part.required);
      run = new Set([""]);
    }
  }
  if (allExact) return { exact: run };
  return { required: better(best, run) };
}

function alternation(branches: readonly Info[]): Info {
  if (branches.every((branch) => branch.exact)) {
    const exact = new Set<string>();
    for (const branch of branches) for (const value of branch.exact ?? []) exact.add(value);
    if (exact.size <= MAX_EXACT) return { exact };
  }
  const required = new Set<string>();
  for (const branch of branches) {
    const set = requirementOf(branch);
    if (!set || set.has("")) return UNKNOWN;
    for (const value of set) required.add(cut(value));
  }
  return { required };
}

function repeated(info: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return info;
  if (min > max) throw new Error("numbers out of order in quantifier");
  if (min === 0) {
    if (max === 1 && info.exact && info.exact.size < MAX_EXACT) return { exact: new Set(["", ...info.exact]) };
    return UNKNOWN;
  }
  return { required: requirementOf(info) };
}

/** A class of at most this many characters (after case folding) is kept as its characters. */
const MAX_CLASS = 8;

const ESCAPED_CLASS = new Set(["d", "D", "w", "W", "s", "S", "p", "P"]);
const ZERO_WIDTH_ESCAPE = new Set(["b", "B"]);
const QUANTIFIER = /^\{\d+(?:,\d*)?\}/;
const CONTROL_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", v: "\v", "0": "\0" };

/** A recursive-descent reader of JavaScript's pattern syntax, as far as literals need it. */
class Parser {
  pos = 0;
  readonly source: string;
  readonly unicode: boolean;
  constructor(source: string, unicode: boolean) {
    this.source = source;
    this.unicode = unicode;
  }

  alternation(): Info {
    const branches = [this.sequence()];
    while (this.source[this.pos] === "|") {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] ?? UNKNOWN) : alternation(branches);
  }

  sequence(): Info {
    const parts: Info[] = [];
    while (this.pos < this.source.length) {
      const char = this.source[this.pos];
      if (char === "|" || char === ")") break;
      const atom = this.atom();
      parts.push(this.quantified(atom));
    }
    return concatenation(parts);
  }

  quantified(atom: Info): Info {
    const char = this.source[this.pos];
    let min = 1;
    let max = 1;
    if (char === "*" || char === "+" || char === "?") {
      this.pos++;
      min = char === "+" ? 1 : 0;
      max = char === "?" ? 1 : Number.POSITIVE_INFINITY;
    } else if (char === "{") {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
      if (!braces) return atom;
      this.pos += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Number.POSITIVE_INFINITY;
    } else {
      return atom;
    }
    if (this.source[this.pos] === "?") this.pos++;
    return repeated(atom, min, max);
  }

  atom(): Info {
    const char = this.source[this.pos++] ?? "";
    switch (char) {
      case "(":
        return this.group();
      case "[":
        return this.characterClass();
      case "\\":
        return this.escape();
      case ".":
        return UNKNOWN;
      case "^":
      case "$":
        return EMPTY;
      case "*":
      case "+":
      case "?":
        throw new Error("quantifier without an atom");
      case "{":
        if (this.unicode || QUANTIFIER.test(this.source.slice(this.pos - 1)))
          throw new Error("quantifier without an atom");
        return { exact: new Set(["{"]) };
      default:
        return { exact: new Set([foldAscii(char)]) };
    }
  }

  group(): Info {
    let lookaround = false;
    if (this.source[this.pos] === "?") {
      const rest = this.source.slice(this.pos, this.pos + 3);
      if (rest.startsWith("?:")) this.pos += 2;
      else if (rest.startsWith("?=") || rest.startsWith("?!")) {
        this.pos += 2;
        lookaround = true;
      } else if (rest.startsWith("?<=") || rest.startsWith("?<!")) {
        this.pos += 3;
        lookaround = true;
      } else {
        const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.source.slice(this.pos));
        if (!named) throw new Error("unknown group");
        this.pos += named[0].length;
      }
    }
    const inner = this.alternation();
    if (this.source[this.pos] !== ")") throw new Error("unclosed group");
    this.pos++;
    return lookaround ? EMPTY : inner;
  }

  characterClass(): Info {
    const negated = this.source[this.pos] === "^";
    if (negated) this.pos++;
    const chars = new Set<string>();
    let open = false;
    let first = true;
    while (this.pos < this.source.length) {
      let char = this.source[this.pos++] ?? "";
      if (char === "]" && !first) {
        return negated || open || chars.size > MAX_CLASS ? UNKNOWN : { exact: chars };
      }
      first = false;
      if (char === "\\") {
        const escaped = this.source[this.pos++] ?? "";
        if (ESCAPED_CLASS.has(escaped)) {
          if (escaped === "p" || escaped === "P") this.skipProperty();
          open = true;
          continue;
        }
        char = this.escapedChar(escaped);
        if (char === "") {
          open = true;
          continue;
        }
      }
      if (this.source[this.pos] === "-" && this.source[this.pos + 1] !== "]") {
        this.pos++;
        let end = this.source[this.pos++] ?? "";
        if (end === "\\") end = this.escapedChar(this.source[this.pos++] ?? "");
        const from = char.codePointAt(0) ?? 0;
        const to = end.codePointAt(0) ?? 0;
        if (end === "" || to - from > MAX_CLASS * 2) open = true;
        else for (let code = from; code <= to; code++) chars.add(foldAscii(String.fromCodePoint(code)));
        continue;
      }
      chars.add(foldAscii(char));
    }
    throw new Error("unclosed class");
  }

  escape(): Info {
    const char = this.source[this.pos++] ?? "";
    if (ESCAPED_CLASS.has(char)) {
      if (char === "p" || char === "P") this.skipProperty();
      return UNKNOWN;
    }
    if (ZERO_WIDTH_ESCAPE.has(char)) return EMPTY;
    if (/[1-9]/.test(char) || char === "k") return UNKNOWN;
    const literal = this.escapedChar(char);
    return literal === "" ? UNKNOWN : { exact: new Set([foldAscii(literal)]) };
  }

  /** The character an escape stands for, or "" when it stands for something else. */
  escapedChar(char: string): string {
    // `\0` before a digit is an octal escape outside unicode mode.
    if (char === "0" && /[0-9]/.test(this.source[this.pos] ?? "")) return "";
    if (char in CONTROL_ESCAPES) return CONTROL_ESCAPES[char] ?? "";
    const hex = char === "x" ? /^[0-9A-Fa-f]{2}/ : char === "u" ? /^[0-9A-Fa-f]{4}/ : undefined;
    if (hex) {
      const digits = hex.exec(this.source.slice(this.pos))?.[0];
      if (!digits) return "";
      this.pos += digits.length;
      return String.fromCharCode(Number.parseInt(digits, 16));
    }
    if (char === "c") return "";
    if (/[A-Za-z0-9]/.test(char)) return "";
    return char;
  }

  skipProperty(): void {
    if (this.source[this.pos] !== "{") return;
    const close = this.source.indexOf("}", this.pos);
    this.pos = close < 0 ? this.source.length : close + 1;
  }
}

/** Needles for a pattern matched after a logger's quoting is undone (`\"` read as `"`). */
export function quotedLiterals(pattern: RegExp): string[] | undefined {
  const literals = requiredLiterals(pattern);
  if (!literals) return undefined;
  const pieces = literals.map((literal) => longest(literal.split(/["\\]/)));
  return pieces.includes("") ? undefined : [...new Set(pieces)];
}

function longest(pieces: readonly string[]): string {
  return pieces.reduce((best, piece) => (piece.length > best.length ? piece : best), "");
}

/**
 * The characters `\s` matches, for needles: the ASCII ones, and one non-ASCII character standing
 * for the others (the gate counts every character beyond ASCII as the same one).
 */
export const WHITE_SPACE: readonly string[] = [" ", "\t", "\n", "\v", "\f", "\r", "\u00a0"];

/** A pattern with no needle: a reader whose needles include it is offered every line. */
export const EVERY_LINE = /(?:)/;

/** Needles from strings and found literals; when the literals could not be found, every line. */
export function withLiterals(
  strings: readonly string[],
  ...literals: (readonly string[] | undefined)[]
): readonly (string | RegExp)[] {
  return literals.every((found) => found !== undefined) ? [...strings, ...literals.flat()] : [EVERY_LINE];
}
