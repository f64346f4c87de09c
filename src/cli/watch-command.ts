import { type Command, Option } from "@commander-js/extra-typings";
import type { Io } from "./io.ts";
import { UsageError } from "./io.ts";
import { failOnOption } from "./options.ts";

const MAX_COUNT = 1_000_000;
const MAX_DURATION_S = 24 * 3600;

/** The watch command's definition; its implementation (./watch.ts) is loaded only when it runs. */
export function registerWatch(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("watch")
    .description("bounded loops of TCP connects, HTTP/2 PINGs or requests: loss, RTT, outages, per path")
    .argument("<targets...>", "host:port or http(s):// URLs; several to compare paths")
    .addOption(
      new Option("-m, --mode <mode>", "what each attempt is (default: tcp for host:port, http for URLs)").choices([
        "tcp",
        "h2-ping",
        "http",
      ] as const),
    )
    .option("--h2", "same as --mode h2-ping: PINGs on one long-lived HTTP/2 connection", false)
    .option("-c, --count <n>", "attempts per target", parseCount, 100)
    .option("-d, --duration <seconds>", "stop after this long, whatever the count", parsePositive("duration"), 60)
    .option("-i, --interval <seconds>", "time between attempts", parsePositive("interval"), 0.5)
    .option("-t, --timeout <seconds>", "how long one attempt may take", parsePositive("timeout"), 1)
    .addOption(
      new Option("-f, --format <format>", "report format")
        .choices(["text", "json", "jsonl"] as const)
        .default("text" as const),
    )
    .addOption(failOnOption())
    .option(
      "--metrics-port <port>",
      "serve Prometheus /metrics on 127.0.0.1:<port> while watching (0 picks one)",
      parsePort,
    )
    .option("-q, --quiet", "no live view on standard error", false)
    .addHelpText(
      "after",
      "\nExamples:\n  proxydoc watch 10.0.0.5:6443 --count 600 --interval 0.2\n  proxydoc watch https://api.example.internal:6443 --h2 --duration 300\n  proxydoc watch node-a:10250 lb.example.internal:443   # compare two paths",
    )
    .action(async (targets, options) => {
      const { runWatch } = await import("./watch.ts");
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      try {
        done(
          await runWatch(
            {
              targets,
              ...(options.mode ? { mode: options.mode } : options.h2 ? { mode: "h2-ping" as const } : {}),
              count: options.count,
              durationS: options.duration,
              intervalS: options.interval,
              timeoutS: options.timeout,
              format: options.format,
              failOn: options.failOn,
              ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
              quiet: options.quiet,
              signal: controller.signal,
            },
            io,
          ),
        );
      } finally {
        process.removeListener("SIGINT", stop);
      }
    });
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT)
    throw new UsageError(`--count must be a whole number from 1 to ${MAX_COUNT}`);
  return n;
}

function parsePositive(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_DURATION_S)
      throw new UsageError(`--${name} must be a number of seconds above 0`);
    return n;
  };
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError("--metrics-port must be 0-65535");
  return n;
}
