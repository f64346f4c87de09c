import { closeSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { type RangeJob, summariseJob } from "./summarise.ts";

/** Worker-thread entry: summarises one byte range of an access log and posts the result back. */
const job = workerData as RangeJob;
const fd = openSync(job.path, "r");
try {
  parentPort?.postMessage(summariseJob(fd, job));
} finally {
  closeSync(fd);
}
