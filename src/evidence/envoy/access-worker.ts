import { closeSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { summariseRange } from "./summarise.ts";

/** Worker-thread entry: summarises one byte range of an access log and posts the state back. */
const job = workerData as { path: string; start: number; end: number };
const fd = openSync(job.path, "r");
try {
  parentPort?.postMessage(summariseRange(fd, job.start, job.end));
} finally {
  closeSync(fd);
}
