/** Entry of the worker thread a capture file is analysed in (see pcap-thread.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { UsageError } from "./io.ts";
import { runPcap } from "./pcap.ts";
import type { PcapThreadJob, PcapThreadMessage } from "./pcap-thread.ts";

const port = parentPort;
if (port) {
  const job = workerData as PcapThreadJob;
  const send = (message: PcapThreadMessage): void => port.postMessage(message);
  const io = {
    ...job.io,
    stdout: { write: (text: string) => send({ kind: "stdout", text }) },
    stderr: { write: (text: string) => send({ kind: "stderr", text }) },
    stdin: () => {
      throw new Error("a capture analysed in a worker thread is read from its file, not standard input");
    },
  };
  try {
    send({ kind: "done", code: await runPcap(job.options, io) });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    send({ kind: "usage", message: error.message });
  }
}
