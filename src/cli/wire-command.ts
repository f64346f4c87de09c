import { type Command, Option } from "@commander-js/extra-typings";
import type { Io } from "./io.ts";
import { UsageError } from "./io.ts";
import { failOnOption, formatOption } from "./options.ts";

/** The wire command's definition; its implementation (./wire.ts) is loaded only when it runs. */
export function registerWire(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("wire")
    .description("raw HTTP bytes, a tcpdump -X hex dump or curl --trace output → defects and who would reject them")
    .argument("[input]", "a file, or - for standard input", "-")
    .addOption(formatOption())
    .addOption(failOnOption())
    .option(
      "--peer-version <peer=version>",
      "predict for this version (repeatable): envoy=1.27, nginx=1.22.1, istio=1.19",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(
      new Option("--expect <kind>", "what the bytes are")
        .choices(["auto", "request", "response"] as const)
        .default("auto" as const),
    )
    .option("--head", "the request was HEAD: responses carry no body", false)
    .addHelpText(
      "after",
      "\nExamples:\n  proxydoc wire response.bin\n  tcpdump -X -r app.pcap port 8080 | proxydoc wire -\n  curl --trace - http://app:8080/ -o /dev/null | proxydoc wire - --peer-version istio=1.19",
    )
    .action(async (input, options) => {
      if (input === "-" && io.stdinIsTTY) {
        throw new UsageError("Give a file of raw bytes or a hex dump, or pipe one in: tcpdump -X … | proxydoc wire -");
      }
      const { runWire } = await import("./wire.ts");
      done(
        await runWire(
          {
            input,
            format: options.format,
            failOn: options.failOn,
            peerVersions: options.peerVersion,
            expect: options.expect,
            head: options.head,
          },
          io,
        ),
      );
    });
}
