import { allCauses, allFindings, causeDef, findingDef, linksOfCause } from "../catalogue/index.ts";
import type { CauseDef, FindingDef } from "../model/cause.ts";
import { chooseStyle, type Style } from "../report/style.ts";
import type { Io } from "./io.ts";
import { EXIT, UsageError } from "./io.ts";
import type { OutputFormat } from "./options.ts";

export interface ExplainOptions {
  readonly target?: string;
  readonly list: boolean;
  readonly format: OutputFormat;
}

export function runExplain(options: ExplainOptions, io: Io): number {
  if (options.list || !options.target) {
    writeList(options.format, io);
    return EXIT.clean;
  }
  const finding = findingDef(options.target);
  const cause = finding ? undefined : causeDef(options.target);
  if (!finding && !cause)
    throw new UsageError(`Unknown code or cause "${options.target}". Run \`proxydoc explain --list\`.`);
  if (options.format === "json") {
    const body = finding
      ? { kind: "finding", ...finding }
      : { kind: "cause", ...cause, findings: linksOfCause(options.target) };
    io.stdout.write(`${JSON.stringify({ schema: "proxydoc.explain/v1", ...body }, null, 2)}\n`);
    return EXIT.clean;
  }
  const style = chooseStyle(io.stdoutIsTTY, io.env);
  io.stdout.write(finding ? explainFinding(finding, style) : explainCause(cause as CauseDef, style));
  return EXIT.clean;
}

function explainFinding(def: FindingDef, style: Style): string {
  const lines = [
    `${style.bold(`${def.code} ${def.name}`)}  (${def.severity})`,
    "",
    def.summary,
    "",
    ...wrap(def.detail),
    "",
    `${style.bold("Reference:")} ${def.reference}`,
  ];
  if (def.causes.length > 0) {
    lines.push("", style.bold("Bears on:"));
    for (const link of def.causes) {
      const title = causeDef(link.cause)?.title ?? "";
      lines.push(
        `  ${link.weight >= 0 ? "supports" : "refutes "} ${style.cyan(link.cause)} (${link.weight})  ${style.dim(title)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function explainCause(def: CauseDef, style: Style): string {
  const lines = [`${style.bold(`${def.id}: ${def.title}`)}  (layer: ${def.layer})`, "", ...wrap(def.explanation), ""];
  lines.push(style.bold("Fix"), ...wrap(def.fix));
  if (def.fixSnippet) lines.push("", ...def.fixSnippet.split("\n").map((l) => `    ${l}`));
  lines.push("", style.bold("How to verify"), ...wrap(def.verify), "", style.bold("Next steps"));
  for (const step of def.next) {
    lines.push(`  - ${step.text}`);
    if (step.command) lines.push(`      $ ${step.command}`);
  }
  const links = linksOfCause(def.id);
  if (links.length > 0) {
    lines.push("", style.bold("Findings that bear on it"));
    for (const link of links) {
      const name = findingDef(link.code)?.name ?? "";
      lines.push(`  ${link.code} ${name} (${link.weight >= 0 ? "+" : ""}${link.weight})`);
    }
  }
  lines.push("", style.bold("References"), ...def.references.map((r) => `  - ${r}`));
  return `${lines.join("\n")}\n`;
}

function writeList(format: OutputFormat, io: Io): void {
  if (format === "json") {
    const findings = allFindings().map(({ code, name, severity, summary }) => ({ code, name, severity, summary }));
    const causes = allCauses().map(({ id, title, layer }) => ({ id, title, layer }));
    io.stdout.write(`${JSON.stringify({ schema: "proxydoc.explain/v1", findings, causes }, null, 2)}\n`);
    return;
  }
  const lines = ["Causes:"];
  for (const cause of allCauses()) lines.push(`  ${cause.id.padEnd(32)} ${cause.title}`);
  lines.push("", "Finding codes:");
  for (const def of allFindings()) lines.push(`  ${def.code} ${def.name.padEnd(40)} ${def.severity}`);
  io.stdout.write(`${lines.join("\n")}\n`);
}

function wrap(text: string, width = 96, indent = ""): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let current = "";
    for (const word of paragraph.split(/\s+/)) {
      if (current && current.length + word.length + 1 > width) {
        lines.push(indent + current);
        current = word;
      } else current = current ? `${current} ${word}` : word;
    }
    lines.push(indent + current);
  }
  return lines;
}
