import type { JsonObject } from "./access.ts";
import { type Locator, pseudoResource, type Resource } from "./resource.ts";
import { lazyLines } from "./yaml-locator.ts";

/** One nginx directive with the blocks it sits in (`http > server > location`). */
export interface NginxDirective {
  readonly name: string;
  readonly args: string[];
  readonly context: string;
  readonly line: number;
  readonly column: number;
}

const MAX_DIRECTIVES = 200_000;
const MAX_DEPTH = 64;

export function looksLikeNginx(text: string, source: string): boolean {
  if (/^\s*(apiVersion|kind)\s*:/m.test(text.slice(0, 65536))) return false;
  if (/(^|\/)nginx[^/]*\.conf$|\.conf$/.test(source)) return true;
  const head = text.slice(0, 65536);
  return /^\s*(http|server|events|upstream|location\s+\S+)\s*\{/m.test(head) && /;\s*$/m.test(head);
}

/** A small nginx.conf reader: directives, blocks, quotes and comments; positions kept. Never throws. */
export function readNginxDirectives(text: string): NginxDirective[] {
  const out: NginxDirective[] = [];
  const stack: string[] = [];
  let words: string[] = [];
  let start: { line: number; column: number } | undefined;
  let line = 1;
  let column = 1;
  let i = 0;
  const advance = (char: string): void => {
    if (char === "\n") {
      line++;
      column = 1;
    } else column++;
    i++;
  };
  while (i < text.length && out.length < MAX_DIRECTIVES) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      advance(char);
      continue;
    }
    if (char === "#") {
      while (i < text.length && text[i] !== "\n") advance(text[i] as string);
      continue;
    }
    if (char === ";" || char === "{") {
      if (words.length > 0 && start) {
        const [name, ...args] = words;
        out.push({ name: name as string, args, context: stack.join(">"), ...start });
        if (char === "{" && stack.length < MAX_DEPTH) stack.push(name as string);
      } else if (char === "{" && stack.length < MAX_DEPTH) stack.push("");
      words = [];
      start = undefined;
      advance(char);
      continue;
    }
    if (char === "}") {
      stack.pop();
      words = [];
      start = undefined;
      advance(char);
      continue;
    }
    start ??= { line, column };
    let word = "";
    if (char === '"' || char === "'") {
      const quote = char;
      advance(char);
      while (i < text.length && text[i] !== quote) {
        if (text[i] === "\\" && i + 1 < text.length) {
          word += text[i + 1];
          advance(text[i] as string);
        } else word += text[i];
        advance(text[i] as string);
      }
      if (i < text.length) advance(quote);
    } else {
      while (i < text.length && !/[\s;{}]/.test(text[i] as string)) {
        word += text[i];
        advance(text[i] as string);
      }
    }
    words.push(word);
  }
  return out;
}

export function parseNginxConfig(text: string, source: string, order: { next: number }): Resource {
  const directives = readNginxDirectives(text);
  const locator: Locator = {
    lineText: lazyLines(text),
    locate: (path) => {
      const index = path[0] === "directives" && typeof path[1] === "number" ? path[1] : -1;
      const directive = directives[index];
      return directive ? { line: directive.line, column: directive.column } : { line: 1, column: 1 };
    },
  };
  const body: JsonObject = {
    directives: directives.map((d) => ({
      name: d.name,
      args: d.args,
      context: d.context,
      line: d.line,
      column: d.column,
    })),
  };
  return pseudoResource("NginxConfig", body, source, locator, { order });
}
