import type { Line } from "./lines.ts";

/** A line the Kubernetes CRI runtimes write under /var/log/containers: time, stream, full or partial tag. */
const CRI_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}) (?:stdout|stderr) [FP] /;
const DOCKER_JSON_START = '{"log":"';
/** Longest Docker JSON line unwrapped; longer ones are offered as they are. */
const MAX_JSON_LINE = 256 << 10;

/**
 * The application's own line inside a container runtime's log line: Docker's json-file
 * (`{"log":"…\n","stream":"stderr","time":"…"}`) or the CRI format (`<time> stderr F …`). Other
 * lines come back unchanged; the line number and byte offset always stay those of the file.
 */
export function unwrapContainerLine(line: Line): Line {
  const text = line.text;
  if (text.startsWith(DOCKER_JSON_START) && text.length <= MAX_JSON_LINE) {
    const inner = dockerLog(text);
    return inner === undefined ? line : { ...line, text: inner };
  }
  const cri = CRI_PREFIX.exec(text);
  return cri ? { ...line, text: text.slice(cri[0].length) } : line;
}

function dockerLog(text: string): string | undefined {
  try {
    const record: unknown = JSON.parse(text);
    if (typeof record !== "object" || record === null) return undefined;
    const log = (record as { log?: unknown }).log;
    return typeof log === "string" ? log.replace(/\r?\n$/, "") : undefined;
  } catch {
    return undefined;
  }
}
