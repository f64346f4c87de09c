/** Entry of one capture shard's worker thread (see shard.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { runShard, type ShardJob } from "./shard.ts";

const port = parentPort;
if (port) await runShard(workerData as ShardJob, (batch) => port.postMessage(batch));
