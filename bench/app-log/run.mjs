#!/usr/bin/env node
// Application-log benchmark: `proxydoc diagnose` on a log that is nearly all lines no reader knows
// (Java, Python, Go, Node service logs, one client error in 2,000), next to what a person runs
// on such a log in the same run: grep and ripgrep for error words, and a naive Node loop doing
// the same. Prints wall time, MB/s, lines/s and peak RSS side by side, and checks that all four
// kinds of client error in the log are found.
//
//   node bench/app-log/run.mjs             # 100 MB (generated once into bench/out/app-log/)
//   SIZE=20M RUNS=3 node bench/app-log/run.mjs
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { have, lineCount, measure as measureRuns, sh } from "../lib/harness.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = `${root}bench/out/app-log`;
const SIZE = process.env.SIZE ?? "100M";
const RUNS = Number(process.env.RUNS ?? 1);
mkdirSync(out, { recursive: true });

const file = `${out}/app-${SIZE.toLowerCase()}.log`;
if (!existsSync(file)) {
  process.stderr.write(`generating ${file}\n`);
  sh(`node ${root}bench/app-log/generate.mjs --size ${SIZE} --out ${file}`);
}
sh(`cd ${root} && npm run -s build`);
sh(`cat ${file} > /dev/null`);
const bytes = statSync(file).size;
const lines = lineCount(file);

const measure = (name, command, outFile, note) => ({ ...measureRuns(name, file, command, outFile, RUNS), note });

const WORDS = "error|exception|timed out|timeout|refused|reset|hang up|upstream";
const naive = `${out}/naive.mjs`;
writeFileSync(
  naive,
  `import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
const words = /${WORDS}/i;
let n = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[2]) })) if (words.test(line)) n++;
console.log(n);
`,
);
const rows = [];
// Exit code 1 only says that findings were made.
rows.push(
  measure(
    "proxydoc diagnose",
    `{ node ${root}bin/proxydoc.js diagnose --quiet --format json ${file}; [ $? -le 1 ]; }`,
    `${out}/diagnose.json`,
    "every reader on every line, then the diagnosis",
  ),
);
rows.push(measure("grep -ciE", `LC_ALL=C grep -c -i -E '${WORDS}' ${file}`, `${out}/grep.txt`, "error words only"));
if (have("rg")) rows.push(measure("rg -ci", `rg -c -i '${WORDS}' ${file}`, `${out}/rg.txt`, "error words only"));
rows.push(measure("naive node", `node ${naive} ${file}`, `${out}/naive.txt`, "readline and one regular expression"));

const found = new Set(JSON.parse(readFileSync(`${out}/diagnose.json`, "utf8")).findings.map((f) => f.code));
const expected = ["PD1518", "PD1606", "PD1627", "PD1318"];
const missing = expected.filter((code) => !found.has(code));
const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
const table = [
  `application-log benchmark, ${(bytes / 1e6).toFixed(0)} MB, ${lines.toLocaleString("en-US")} lines, runs=${RUNS}, load1 before=${load}`,
  "| run | wall (s) | MB/s | lines/s | peak RSS (MiB) | does |",
  "|---|---:|---:|---:|---:|---|",
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.wall.toFixed(2)} | ${r.mbs.toFixed(0)} | ${Math.round(r.lps).toLocaleString("en-US")} | ${r.rss.toFixed(0)} | ${r.note} |`,
  ),
  "",
  missing.length === 0
    ? `found: all four client errors of the log (${expected.join(", ")})`
    : `MISSING: ${missing.join(", ")}`,
];
writeFileSync(`${out}/table-${SIZE.toLowerCase()}.md`, `${table.join("\n")}\n`);
process.stdout.write(`${table.join("\n")}\n`);
if (missing.length > 0) process.exitCode = 1;
