import type { Command } from "@commander-js/extra-typings";
import type { Io } from "./io.ts";
import { formatOption } from "./options.ts";

/** The explain command's definition; its implementation (./explain.ts) is loaded only when it runs. */
export function registerExplain(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("explain")
    .description("print a catalogue entry in full: a finding code (PD1401), its name, or a cause id")
    .argument("[code-or-cause]", "PDnnnn, a finding name, or a cause id such as upstream.malformed-header")
    .option("-l, --list", "list every finding code and cause", false)
    .addOption(formatOption())
    .action(async (target, options) => {
      const { runExplain } = await import("./explain.ts");
      done(runExplain({ ...(target ? { target } : {}), list: options.list, format: options.format }, io));
    });
}
