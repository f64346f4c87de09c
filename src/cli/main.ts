import { Command, CommanderError } from "@commander-js/extra-typings";
import { COMMANDS } from "./commands.ts";
import type { Io } from "./io.ts";
import { EXIT, processIo, UsageError } from "./io.ts";

export const VERSION = "0.1.0";

/** Runs the command line and returns the exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code: number = EXIT.clean;
  const program = new Command()
    .name("proxydoc")
    .description("Finds the root cause of HTTP/1.1, HTTP/2, reverse-proxy and service-mesh failures.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  for (const register of COMMANDS) {
    register(program as unknown as Command, io, (result) => {
      code = result;
    });
  }
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`proxydoc: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`proxydoc: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}
