import type { Command } from "@commander-js/extra-typings";
import type { Io } from "./io.ts";
import { UsageError } from "./io.ts";
import { failOnOption, formatOption, SHOW_SECRETS_HELP } from "./options.ts";
import type { PcapOptions } from "./pcap.ts";

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`Not a size: "${text}" (use 512M, 2G, 65536)`);
  const unit = (match[2] ?? "").toLowerCase()[0];
  const scale = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  return Math.floor(Number(match[1]) * scale);
}

/** The pcap command's definition; its implementation (./pcap.ts) is loaded only when it runs. */
export function registerPcap(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("pcap")
    .description("read a pcap/pcapng capture: conversations, HTTP/1 and HTTP/2 transactions, resets, findings")
    .argument("<file>", "capture file (pcap, pcapng, optionally gzip-compressed), or - for standard input")
    .option("--follow <connection>", "show one connection as Follow Stream does (its number in the table)", Number)
    .option("--max-memory <size>", "most bytes held for out-of-order TCP reassembly", "256M")
    .option("--keylog <file>", "TLS key log (SSLKEYLOGFILE format) to decrypt TLS 1.2/1.3 and decode the HTTP inside")
    .option("--limit <rows>", "most conversation and transaction rows printed (0: all)", Number, 1000)
    .option(
      "--threads <count>",
      "worker threads that share a capture file's connections (default 1: no workers; standard input and gzip use one)",
      Number,
    )
    .addOption(formatOption())
    .addOption(failOnOption())
    .option("--show-secrets", SHOW_SECRETS_HELP, false)
    .addHelpText(
      "after",
      "\nExamples:\n  proxydoc pcap app.pcap\n  proxydoc pcap app.pcapng --follow 3\n  SSLKEYLOGFILE=keys.log curl …; proxydoc pcap tls.pcap --keylog keys.log\n  tcpdump -i lo -w - port 8080 | proxydoc pcap -\n  proxydoc pcap app.pcap.gz --format json",
    )
    .action(async (input, options) => {
      if (options.follow !== undefined && !(Number.isInteger(options.follow) && options.follow > 0))
        throw new UsageError("--follow takes a connection number from the conversation table (1, 2, …)");
      if (!Number.isInteger(options.limit) || options.limit < 0) throw new UsageError("--limit takes a whole number");
      if (
        options.threads !== undefined &&
        !(Number.isInteger(options.threads) && options.threads >= 1 && options.threads <= 64)
      )
        throw new UsageError("--threads takes a whole number from 1 to 64");
      const pcapOptions: PcapOptions = {
        input,
        format: options.format,
        failOn: options.failOn,
        ...(options.follow !== undefined ? { follow: options.follow } : {}),
        maxMemory: parseSize(options.maxMemory),
        limit: options.limit,
        showSecrets: options.showSecrets,
        ...(options.keylog !== undefined ? { keylog: options.keylog } : {}),
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
      };
      if (input === "-") {
        const { runPcap } = await import("./pcap.ts");
        done(await runPcap(pcapOptions, io));
      } else {
        const { runPcapInThread } = await import("./pcap-thread.ts");
        done(await runPcapInThread(pcapOptions, io));
      }
    });
}
