// Lints a generated mesh of N resources (default 10,000) and prints seconds and peak memory,
// next to the same run's parsing floors (the yaml package and JSON.parse reading the same mesh, no analysis),
// and the load average, since the machine is shared.
// Usage: npx tsx bench/lint/run.ts [resources]
import { cpus, loadavg } from "node:os";
import { parseAllDocuments } from "yaml";
import { lintTexts } from "../../src/config/lint.ts";
import { generateMesh } from "./generate.ts";

const count = Number(process.argv[2] ?? 10_000);
const text = generateMesh(count);
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);

/** Wall time, and CPU time of this process (less disturbed when the machine is shared). */
function timed<T>(work: () => T): { seconds: number; cpu: number; result: T } {
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = work();
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpu: (cpu.user + cpu.system) / 1e6, result };
}
const both = (t: { seconds: number; cpu: number }) => `${t.seconds.toFixed(3)} s wall, ${t.cpu.toFixed(3)} s CPU`;

const floor = timed(() => parseAllDocuments(text, { version: "1.1" }));
const floorDocs = Array.isArray(floor.result) ? floor.result.length : 1;
const ours = timed(() => lintTexts([{ source: "mesh.yaml", text }]));
const documents = Array.isArray(floor.result) ? floor.result : [floor.result];
const json = JSON.stringify({ apiVersion: "v1", kind: "List", items: documents.map((d) => d.toJS()) }, null, 1);
const jsonFloor = timed(() => JSON.parse(json) as unknown);
const oursJson = timed(() => lintTexts([{ source: "mesh.json", text: json }]));
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(sampler);
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const codes = new Map<string, number>();
for (const finding of ours.result.findings) codes.set(finding.code, (codes.get(finding.code) ?? 0) + 1);
process.stdout.write(
  [
    `input: ${ours.result.resources.length} resources, ${mb(Buffer.byteLength(text))} MiB of YAML`,
    `proxydoc lint YAML:   ${both(ours)}  (load + ${ours.result.findings.length} findings: ${[...codes].map(([c, n]) => `${c}×${n}`).join(" ")})`,
    `anchor, yaml parse:   ${both(floor)}  (${floorDocs} documents, no analysis; same run)`,
    `proxydoc lint JSON:   ${both(oursJson)}  (the same mesh as kubectl -o json, ${mb(Buffer.byteLength(json))} MiB, ${oursJson.result.findings.length} findings)`,
    `anchor, JSON.parse:   ${both(jsonFloor)}  (same run)`,
    `peak RSS:             ${mb(peak)} MiB`,
    `load average:         ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${cpus().length} CPUs`,
    "published anchors (research, not this machine): istioctl analyze ~8 s on a demo app, ~25 s on 50 namespaces x 2 configs; Kiali validations ~2 s",
    "",
  ].join("\n"),
);
