import type { FindingDef } from "../model/cause.ts";

/** Declares a family's finding codes; keeps them in code order for the catalogue meta-tests. */
export function defineFindings<const T extends readonly FindingDef[]>(defs: T): T {
  return defs;
}

/** Fills `{name}` placeholders from vars; unknown names stay visible as `<name>`. */
export function renderTemplate(template: string, vars: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = vars[name];
    return value === undefined || value === null || value === "" ? `<${name}>` : String(value);
  });
}
