// Prints the figures of bench-pcap.sh and checks proxydoc's transactions against nginx's access log.

import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";

const [capture, accessLog, timesFile, ourJson, tsharkTsv] = process.argv.slice(2);
const bytes = statSync(capture).size;
const packets = Number(
  execFileSync("capinfos", ["-T", "-r", "-c", capture], { encoding: "utf8" }).trim().split("\t")[1],
);
const times = Object.fromEntries(
  readFileSync(timesFile, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [label, wall, rssKb, user, system] = line.split(" ");
      return [label, { wall: Number(wall), rss: Number(rssKb) * 1024, cpu: Number(user) + Number(system) }];
    }),
);

const report = JSON.parse(readFileSync(ourJson, "utf8"));
const portOf = new Map(report.conversations.map((c) => [c.id, c.server.split(":").pop()]));
const ours = new Map();
for (const t of report.transactions) {
  const key = `${portOf.get(t.connection)} ${t.method} ${t.path} ${t.status}`;
  ours.set(key, (ours.get(key) ?? 0) + 1);
}
let logged = 0;
let found = 0;
const missing = [];
for (const line of readFileSync(accessLog, "utf8").split("\n")) {
  const m = /^\S+ (\d+) \d+ \d+ "(\S+) (\S+) [^"]*" (\d+)/.exec(line);
  if (!m) continue;
  logged++;
  const key = `${m[1]} ${m[2]} ${m[3]} ${m[4]}`;
  const n = ours.get(key) ?? 0;
  if (n > 0) {
    found++;
    ours.set(key, n - 1);
  } else if (missing.length < 5) missing.push(key);
}
const tsharkRows = readFileSync(tsharkTsv, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "");
const tsharkResponses = tsharkRows.reduce(
  (n, row) =>
    n +
    row
      .split("\t")
      .slice(1)
      .join(",")
      .split(",")
      .filter((s) => s !== "").length,
  0,
);

const row = (label, t, transactions) =>
  `| ${label} | ${t.wall.toFixed(2)} s | ${t.cpu.toFixed(2)} s | ${(bytes / 1e6 / t.wall).toFixed(0)} MB/s | ${Math.round(packets / t.wall / 1000)}k pkt/s | ${Math.round(t.rss / 1e6)} MB | ${transactions} |`;
console.log(`capture ${capture}: ${(bytes / 1e6).toFixed(1)} MB, ${packets} packets; nginx logged ${logged} requests`);
console.log("| tool | wall | cpu (user+sys) | throughput | packets | peak RSS | responses listed |");
console.log("|---|---|---|---|---|---|---|");
console.log(row("proxydoc pcap --format json --limit 0", times.proxydoc, report.capture.transactionCount));
console.log(row("proxydoc pcap --limit 0 (text, streamed)", times.proxydoc_text, "same"));
console.log(row("proxydoc pcap --limit 0 --threads 2", times.proxydoc_text_2threads, "same"));
console.log(row("proxydoc pcap --format json (first 1000 rows)", times.proxydoc_json_default, "same count"));
console.log(
  row("tshark -Y 'http.response || http2.headers.status' -T fields (out-of-order on)", times.tshark, tsharkResponses),
);
console.log(
  `speed-up in wall time: ${(times.tshark.wall / times.proxydoc_text.wall).toFixed(1)}× (text), ${(times.tshark.wall / times.proxydoc_text_2threads.wall).toFixed(1)}× (text, two threads), ${(times.tshark.wall / times.proxydoc.wall).toFixed(1)}× (json); in cpu time: ${(times.tshark.cpu / times.proxydoc_text.cpu).toFixed(1)}× (text), ${(times.tshark.cpu / times.proxydoc_text_2threads.cpu).toFixed(1)}× (two threads)`,
);
console.log(
  `nginx requests found by proxydoc: ${found} of ${logged}${missing.length ? `; missing e.g. ${missing.join(" | ")}` : ""}`,
);
process.exitCode = found === logged ? 0 : 1;
