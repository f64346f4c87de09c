// Benchmark entry: summarise one access log with proxydoc's reader and print counts by
// (status, flags, cluster) in the "count key" form the anchor tools print, sorted by count.
//   node bench/out/envoy-access/summarise.mjs FILE [--workers N] [--summary]
import { summariseFile } from "../../src/evidence/envoy/summarise.ts";

const args = process.argv.slice(2);
const file = args[0];
if (!file) {
  process.stderr.write("usage: summarise.mjs FILE [--workers N] [--summary]\n");
  process.exit(2);
}
const workersAt = args.indexOf("--workers");
const workers = workersAt >= 0 ? Number(args[workersAt + 1]) : 2;
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 20);
const started = process.hrtime.bigint();
const summary = await summariseFile(file, {
  workers,
  workerScript: new URL("./access-worker.mjs", import.meta.url),
});
const observations = summary.observations(file);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
const counts = [...summary.codeFlagsCluster()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
process.stdout.write(`${counts.map(([key, count]) => `${count} ${key}`).join("\n")}\n`);
if (args.includes("--summary") && observations) {
  process.stderr.write(
    `${JSON.stringify({ ...observations.summary, timeline: observations.summary.timeline.length, groups: observations.summary.groups.length }, null, 1)}\n`,
  );
}
process.stderr.write(
  `proxydoc-summarise lines=${summary.lines} records=${summary.records} folded=${summary.folded} samples=${observations?.samples.length ?? 0} workers=${workers} secs=${seconds.toFixed(3)} rss_peak_mb=${(peak / 1048576).toFixed(1)}\n`,
);
