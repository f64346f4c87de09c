/**
 * A capture file is analysed in a worker thread whose young generation is capped, so that peak
 * memory does not grow with the capture's size. The analysis streams: what it keeps alive is a
 * few megabytes on any capture (bench/pcap/README.md), but on the main thread V8 doubles the
 * young generation's semi-spaces as connection state keeps surviving scavenges (8 MB committed
 * after 20 MB of capture, 32 MB after 1 GB) and lets promoted state pile up to about four times
 * the live size before a full collection. A worker's heap can be sized when it starts; the main
 * thread's cannot.
 */
import { setFlagsFromString } from "node:v8";
import { startModuleWorker } from "../threads/module-worker.ts";
import type { Io } from "./io.ts";
import { UsageError } from "./io.ts";
import type { PcapOptions } from "./pcap.ts";

/** What the worker needs of the caller's Io: plain data that crosses to the thread. */
export interface PcapThreadJob {
  readonly options: PcapOptions;
  readonly io: Pick<Io, "env" | "stdoutIsTTY" | "stderrIsTTY">;
}

export type PcapThreadMessage =
  | { readonly kind: "stdout" | "stderr"; readonly text: string }
  | { readonly kind: "done"; readonly code: number }
  | { readonly kind: "usage"; readonly message: string };

/**
 * Young generation of the analysis thread, in MB (V8 makes it three semi-spaces' worth: two of
 * 1 MB and the large-object space). Measured on the 20 MB and 1 GB captures: peak RSS 75 and
 * 81 MB with this and the growth factor below, against 70 and 128 MB on the main thread, with the
 * same CPU time.
 */
const YOUNG_GENERATION_MB = 3;

/**
 * Old-generation growth between full collections, in percent. V8's own factor is 1.1–4 times the
 * live size, chosen by how fast it collects; for a streaming analysis whose live size stays
 * small, 1.5 keeps the heap near it. The flag is process-wide, and the process runs one command.
 */
const HEAP_GROWING_PERCENT = 50;

export function runPcapInThread(options: PcapOptions, io: Io): Promise<number> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const job: PcapThreadJob = {
    options,
    io: { env: { ...io.env }, stdoutIsTTY: io.stdoutIsTTY, stderrIsTTY: io.stderrIsTTY },
  };
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, "pcap-worker", job, {
      maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
    });
    let result: (() => void) | undefined;
    worker.on("message", (message: PcapThreadMessage) => {
      switch (message.kind) {
        case "stdout":
          io.stdout.write(message.text);
          break;
        case "stderr":
          io.stderr.write(message.text);
          break;
        case "done": {
          const code = message.code;
          result = () => resolve(code);
          break;
        }
        case "usage": {
          const usage = new UsageError(message.message);
          result = () => reject(usage);
        }
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) =>
      result ? result() : reject(new Error(`the capture analysis thread stopped (exit code ${code})`)),
    );
  });
}
