#!/usr/bin/env node
// Bundles the access-log summariser (the reader code the CLI uses) and its worker into
// bench/out/envoy-access/ so the benchmark starts as fast as a built CLI would.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = `${root}bench/out/envoy-access`;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: {
    summarise: `${root}bench/envoy-access/summarise-cli.ts`,
    "access-worker": `${root}src/evidence/envoy/access-worker.ts`,
  },
  outdir: out,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
process.stdout.write(`${out}\n`);
