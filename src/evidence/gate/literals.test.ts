import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { MAX_NEEDLE, quotedLiterals, requiredLiterals, withLiterals } from "./literals.ts";

describe("required literals of a pattern", () => {
  test("literal runs, alternations, optional parts and small classes are expanded", () => {
    expect(requiredLiterals(/upstream timed out/)).toEqual(["upstream timed out"]);
    expect(requiredLiterals(/a(b|c)d/)).toEqual(["abd", "acd"]);
    expect(requiredLiterals(/(?<word>ab)c/)).toEqual(["abc"]);
    expect(requiredLiterals(/colou?r/)).toEqual(["color", "colour"]);
    expect(requiredLiterals(/[Gg]ot too many/)).toEqual(["got too many"]);
    expect(requiredLiterals(/\\x1[56]/)).toEqual(["\\x15", "\\x16"]);
  });

  test("the longest fixed text of a sequence is kept, and every branch must have some", () => {
    expect(requiredLiterals(/\d+ms/)).toEqual(["ms"]);
    expect(requiredLiterals(/(?:foo|bar\d+)baz/)).toEqual(["bar", "foo"]);
    expect(requiredLiterals(/error:[0-9A-F]{8}:SSL routines/)).toEqual([":ssl routines"]);
    expect(requiredLiterals(/^\s*\$\s*kubectl\s(.*)$/)).toEqual(["kubectl"]);
    expect(requiredLiterals(/(?<!curl:)Recv failure: (.*)/)).toEqual(["recv failure: "]);
    expect(requiredLiterals(/a{2,}/)).toEqual(["a"]);
    expect(requiredLiterals(/\{"level/)).toEqual(['{"level']);
  });

  test("patterns that can match without fixed text give none", () => {
    for (const pattern of [/x*/, /\d+/, /foo|\w+/, /(?:)/, /a?/, /(a?)\1/, /[^a]/, /./]) {
      expect(requiredLiterals(pattern)).toBeUndefined();
    }
  });

  test("escapes stand for their characters only where they are literal", () => {
    expect(requiredLiterals(/a\.b/)).toEqual(["a.b"]);
    expect(requiredLiterals(/tab\there/)).toEqual(["tab\there"]);
    expect(requiredLiterals(/\x41BC/)).toEqual(["abc"]);
    expect(requiredLiterals(/\u0041bc/)).toEqual(["abc"]);
    // An octal escape outside unicode mode is not `\0` followed by a digit (TypeScript refuses the literal).
    // biome-ignore lint/complexity/useRegexLiterals: a regular expression literal with an octal escape does not compile
    expect(requiredLiterals(new RegExp("ab\\01"))).toEqual(["ab"]);
    expect(requiredLiterals(/x{y/)).toEqual(["x{y"]);
  });

  test("case-insensitive unicode patterns are not narrowed (the Kelvin sign matches k)", () => {
    expect(requiredLiterals(/kelvin/iu)).toBeUndefined();
    expect(requiredLiterals(/kelvin/u)).toEqual(["kelvin"]);
  });

  test("long strings are cut to their start", () => {
    const [needle] = requiredLiterals(/the quick brown fox jumps over the lazy dog/) ?? [];
    expect(needle).toBe("the quick brown fox jumps over the lazy dog".slice(0, MAX_NEEDLE));
  });

  test("quoted literals survive a logger's escaping of quotes and backslashes", () => {
    expect(quotedLiterals(/an error on the server \("/)).toEqual(["an error on the server ("]);
    expect(quotedLiterals(/"/)).toBeUndefined();
  });

  test("needles with literals that could not be found are every line", () => {
    expect(withLiterals(["a"], ["b"])).toEqual(["a", "b"]);
    expect(withLiterals(["a"], undefined)).toEqual([/(?:)/]);
  });

  const fragment = fc.constantFrom(
    "abc",
    "x",
    "\\d+",
    "[Gg]",
    "(?:foo|bar)",
    "\\s*",
    "(a|b\\w)",
    "k?",
    "\\.",
    "z{2,3}",
    "(?=q)",
    "^",
    "[^y]",
    "\\bw",
    "é",
    "(ab)",
    "(?:x|)",
    "(?<!c)",
    "(?:ba)+",
    "[a-c]",
  );
  const patterns = fc
    .tuple(fc.array(fragment, { minLength: 1, maxLength: 8 }), fc.constantFrom("", "i"))
    .map(([parts, flags]) => new RegExp(parts.join(""), flags));
  const samples = fc.string({ unit: fc.constantFrom(..."abcxyzfoobarGgkqw.é 123"), maxLength: 40 });

  test.prop([patterns, fc.array(samples, { maxLength: 30 })], { numRuns: 400 })(
    "any text the pattern matches holds one of its literals",
    (pattern, texts) => {
      const literals = requiredLiterals(pattern);
      if (!literals) return;
      for (const text of texts) {
        if (!pattern.test(text)) continue;
        const folded = text.toLowerCase();
        expect(literals.some((literal) => folded.includes(literal))).toBe(true);
      }
    },
  );

  test.prop([fc.string({ maxLength: 60 })])("never throws on any pattern text", (source) => {
    let pattern: RegExp;
    try {
      pattern = new RegExp(source);
    } catch {
      return;
    }
    const literals = requiredLiterals(pattern);
    if (literals) expect(literals.every((literal) => literal.length > 0)).toBe(true);
  });
});
