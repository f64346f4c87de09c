import type { Command } from "@commander-js/extra-typings";
import type { Io } from "./io.ts";
import { UsageError } from "./io.ts";
import { failOnOption, formatOption, SHOW_SECRETS_HELP } from "./options.ts";

/** The diagnose command's definition; its implementation (./diagnose.ts) is loaded only when it runs. */
export function registerDiagnose(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("diagnose")
    .description("read evidence (logs, curl/browser output, captures, binaries) and rank the root causes")
    .argument("[inputs...]", "files, folders, or - for standard input", [] as string[])
    .addOption(formatOption())
    .addOption(failOnOption())
    .option("--show-secrets", SHOW_SECRETS_HELP, false)
    .option("-q, --quiet", "no progress on standard error", false)
    .addHelpText(
      "after",
      "\nExamples:\n  proxydoc diagnose examples/kong-blank-page/\n  kubectl logs deploy/web -c istio-proxy | proxydoc diagnose -\n  proxydoc diagnose curl.txt nginx-error.log --format json",
    )
    .action(async (inputs, options) => {
      if (inputs.length === 0 && io.stdinIsTTY) {
        throw new UsageError(
          "Give evidence files or folders, or pipe evidence in: kubectl logs … | proxydoc diagnose -",
        );
      }
      const { runDiagnose } = await import("./diagnose.ts");
      done(
        await runDiagnose(
          {
            inputs: inputs.length > 0 ? inputs : ["-"],
            format: options.format,
            failOn: options.failOn,
            showSecrets: options.showSecrets,
            quiet: options.quiet,
          },
          io,
        ),
      );
    });
}
