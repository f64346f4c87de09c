#!/usr/bin/env node
// Access-log benchmark: proxydoc's summariser against the anchor tools, on the same generated
// files, in one run. Prints wall time, MB/s, lines/s and peak RSS side by side, and checks that
// our (status, flags, cluster) counts equal mawk's and the shared expected files.
//
//   node bench/envoy-access/run.mjs              # 1 GiB text + 1 GiB JSON (generated once into bench/out/)
//   SIZE=100M node bench/envoy-access/run.mjs    # a smaller pair for development
//   WORKERS=1 … / RUNS=3 … / SLOW_ANCHORS=full … (goaccess and jq on the whole file instead of a 100 MiB prefix)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { have, measure as measureRuns, sh } from "../lib/harness.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const shared = process.env.SHARED_BENCH ?? `${root}../shared/bench`;
const out = `${root}bench/out/envoy-access`;
const data = `${out}/data`;
const SIZE = process.env.SIZE ?? "1G";
const tag = SIZE.toLowerCase();
const RUNS = Number(process.env.RUNS ?? 1);
const measure = (name, file, command, outFile) => measureRuns(name, file, command, outFile, RUNS);
const WORKERS = Number(process.env.WORKERS ?? 2);
const slowFull = process.env.SLOW_ANCHORS === "full";
mkdirSync(data, { recursive: true });

function generate(format, size, file) {
  if (existsSync(file)) return;
  process.stderr.write(`generating ${file}\n`);
  sh(`node ${shared}/gen-envoy-logs.mjs --format ${format} --size ${size} --seed 42 --out ${file}`);
}
const text = `${data}/istio-text-${tag}.log`;
const json = `${data}/istio-json-${tag}.json`;
const text100 = `${data}/istio-text-100m.log`;
const json100 = `${data}/istio-json-100m.json`;
generate("text", SIZE, text);
generate("json", SIZE, json);
generate("text", "100M", text100);
generate("json", "100M", json100);
sh(`node ${root}bench/envoy-access/build.mjs`);
// The shipped command too, end to end: `proxydoc diagnose` as the bin runs it (bundled build).
sh(`cd ${root} && npm run -s build`);
sh(`cat ${text} ${json} > /dev/null`);

const AWK = `'{c[$5" "$6" "$(NF-5)]++} END{for(k in c) print c[k], k}'`;
const JQ = `'reduce inputs as $r ({}; .["\\($r.response_code) \\($r.response_flags) \\($r.upstream_cluster // "-")"] += 1) | to_entries[] | "\\(.value) \\(.key)"'`;
const GOACCESS_FMT = `'[%dT%t.%^] "%m %U %H" %s %^ %^ %^ "%^" %^ %b %L %^ "%^" "%u" "%^" "%v" "%^" %^ %^ %^ %h:%^ %^ %^'`;
const anchors = {
  ours_text: "target ~1 s",
  mawk_text: "2.481 s",
  node_text: "4.041 s (chunks)",
  goaccess_text: "71.8 s (14.9 MB/s)",
  ours_json: "target ~1.5 s",
  diagnose_text: "the whole CLI: read, diagnose, report",
  diagnose_json: "the whole CLI: read, diagnose, report",
  node_json: "5.793 s (chunks)",
  jq_json: "85.5 s (12.6 MB/s)",
};

const rows = [];
const outs = `${out}/results`;
mkdirSync(outs, { recursive: true });
const ours = `node ${out}/summarise.mjs`;
rows.push(measure("ours_text", text, `${ours} ${text} --workers ${WORKERS}`, `${outs}/ours-text.txt`));
if (have("mawk")) rows.push(measure("mawk_text", text, `LC_ALL=C mawk ${AWK} ${text}`, `${outs}/mawk-text.txt`));
rows.push(
  measure("node_text", text, `node ${shared}/baselines/node-text-agg.mjs ${text} chunks`, `${outs}/node-text.txt`),
);
rows.push(measure("ours_json", json, `${ours} ${json} --workers ${WORKERS}`, `${outs}/ours-json.txt`));
rows.push(
  measure("node_json", json, `node ${shared}/baselines/node-json-agg.mjs ${json} chunks`, `${outs}/node-json.txt`),
);
// Exit code 1 only says that findings were made.
const diagnose = (file) => `{ node ${root}bin/proxydoc.js diagnose --quiet --format json ${file}; [ $? -le 1 ]; }`;
rows.push(measure("diagnose_text", text, diagnose(text), `${outs}/diagnose-text.json`));
rows.push(measure("diagnose_json", json, diagnose(json), `${outs}/diagnose-json.json`));
const slowText = slowFull ? text : text100;
const slowJson = slowFull ? json : json100;
if (have("goaccess")) {
  rows.push(
    measure(
      slowFull ? "goaccess_text" : "goaccess_text_100m",
      slowText,
      `goaccess --no-global-config --no-progress --log-format=${GOACCESS_FMT} --date-format='%Y-%m-%d' --time-format='%H:%M:%S' -o ${outs}/goaccess.json ${slowText}`,
      `${outs}/goaccess.txt`,
    ),
  );
}
if (have("jq"))
  rows.push(
    measure(slowFull ? "jq_json" : "jq_json_100m", slowJson, `jq -n -r ${JQ} ${slowJson}`, `${outs}/jq-json.txt`),
  );

const sorted = (file) => readFileSync(file, "utf8").trim().split("\n").sort().join("\n");
const checks = [];
const same = (a, b, what) => checks.push(`${sorted(a) === sorted(b) ? "equal" : "DIFFERENT"}: ${what}`);
if (existsSync(`${outs}/mawk-text.txt`))
  same(`${outs}/ours-text.txt`, `${outs}/mawk-text.txt`, "our text counts vs mawk");
same(`${outs}/ours-json.txt`, `${outs}/node-json.txt`, "our JSON counts vs the Node JSON.parse baseline");
if (SIZE === "1G") {
  same(
    `${outs}/ours-text.txt`,
    `${shared}/expected/istio-text-1g.code-flags-cluster.txt`,
    "our text counts vs expected/istio-text-1g",
  );
  same(
    `${outs}/ours-json.txt`,
    `${shared}/expected/istio-json-1g.code-flags-cluster.txt`,
    "our JSON counts vs expected/istio-json-1g",
  );
}

const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
const table = [
  `access-log benchmark, SIZE=${SIZE}, workers=${WORKERS}, runs=${RUNS}, load1 before=${load}`,
  "| run | wall (s) | CPU user+sys (s) | MB/s | lines/s | peak RSS (MiB) | anchor (ANCHORS.md) |",
  "|---|---:|---:|---:|---:|---:|---|",
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.wall.toFixed(3)} | ${r.cpu.toFixed(2)} | ${r.mbs.toFixed(0)} | ${Math.round(r.lps).toLocaleString("en-US")} | ${r.rss.toFixed(1)} | ${anchors[r.name.replace("_100m", "")] ?? ""} |`,
  ),
  "",
  ...checks,
];
writeFileSync(`${outs}/table-${tag}.md`, `${table.join("\n")}\n`);
process.stdout.write(`${table.join("\n")}\n`);
