import { type ResourceLimits, Worker } from "node:worker_threads";

/**
 * Starts the worker-thread entry `name` that sits beside the module at `base` (its
 * `import.meta.url`): `name.js` in a build or the bundle. Run from the TypeScript sources (the
 * tests), the worker registers the same TypeScript loader before it imports `name.ts`.
 */
export function startModuleWorker(
  base: string,
  name: string,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  if (!base.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, base), options);
  const loader = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, base).href;
  const code = `import { register } from ${JSON.stringify(loader)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), options);
}
