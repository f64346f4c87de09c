/**
 * One expression that matches where any of `patterns` matches, for a single pass over text that
 * most often matches none: a list of signatures tried one by one scans a line once per signature.
 * Named groups become plain groups, so two patterns may use the same name.
 */
export function anyOf(patterns: readonly RegExp[]): RegExp {
  const flags = new Set(
    patterns.flatMap((pattern) => [...pattern.flags].filter((flag) => flag !== "g" && flag !== "y")),
  );
  const source = patterns.map((pattern) => `(?:${pattern.source.replace(NAMED_GROUP, "(?:")})`).join("|");
  return new RegExp(source, [...flags].join(""));
}

/** `(?<name>`, but not the lookbehinds `(?<=` and `(?<!`. */
const NAMED_GROUP = /\(\?<[A-Za-z_$][\w$]*>/g;
