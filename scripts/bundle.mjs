// Bundles the CLI and the worker-thread entries into dist/bundle/, one file each, side by side
// (a worker is found next to the code that starts it). One file per thread starts in about half
// the time of the hundreds of modules tsc writes. Run by `npm run build` (and so by `npm ci`).
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    main: `${root}src/cli/main.ts`,
    "shard-worker": `${root}src/capture/shard-worker.ts`,
    "access-worker": `${root}src/evidence/envoy/access-worker.ts`,
  },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
