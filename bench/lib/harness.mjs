// What the benchmark scripts share: running shell commands, and measuring one against a file.
import { spawnSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";

/** Runs a bash command; throws on a non-zero exit unless `allowFail`. */
export function sh(command, options = {}) {
  const r = spawnSync("bash", ["-c", command], { encoding: "utf8", maxBuffer: 1 << 28, ...options });
  if (r.status !== 0 && !options.allowFail) throw new Error(`failed: ${command}\n${r.stderr}`);
  return r;
}

export const have = (tool) => sh(`command -v ${tool}`, { allowFail: true }).status === 0;

export const lineCount = (file) => Number(sh(`wc -l < ${file}`).stdout.trim());

/**
 * Runs a command `runs` times (median wall) and once more under /usr/bin/time -v (peak RSS and
 * CPU), its output sent to `outFile`; rates are per byte and line of `file`.
 */
export function measure(name, file, command, outFile, runs) {
  const walls = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    sh(`${command} > ${outFile}`);
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  walls.sort((a, b) => a - b);
  const script = `${outFile}.sh`;
  writeFileSync(script, `${command} > ${outFile}.rss\n`);
  const timed = sh(`/usr/bin/time -v bash ${script}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(timed.stderr)?.[1] ?? 0) / 1024;
  const cpu =
    Number(/User time \(seconds\): ([\d.]+)/.exec(timed.stderr)?.[1] ?? 0) +
    Number(/System time \(seconds\): ([\d.]+)/.exec(timed.stderr)?.[1] ?? 0);
  const wall = walls[Math.floor(walls.length / 2)] ?? 0;
  const bytes = statSync(file).size;
  const lines = lineCount(file);
  return { name, wall, cpu, mbs: bytes / 1e6 / wall, lps: lines / wall, rss, stderr: timed.stderr };
}
