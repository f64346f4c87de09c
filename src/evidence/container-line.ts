import { jsonRecord } from "./json-line.ts";
import type { Line } from "./lines.ts";

/** A line the Kubernetes CRI runtimes write under /var/log/containers: time, stream, full or partial tag. */
const CRI_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}) (?:stdout|stderr) [FP] /;
const DOCKER_JSON_START = '{"log":"';

/**
 * The application's own line inside a container runtime's log line: Docker's json-file
 * (`{"log":"…\n","stream":"stderr","time":"…"}`) or the CRI format (`<time> stderr F …`). Other
 * lines come back unchanged; the line number and byte offset always stay those of the file.
 */
export function unwrapContainerLine(line: Line): Line {
  const text = line.text;
  if (text.startsWith(DOCKER_JSON_START)) {
    const log = jsonRecord(text)?.log;
    return typeof log === "string" ? { ...line, text: log.replace(/\r?\n$/, "") } : line;
  }
  const cri = CRI_PREFIX.exec(text);
  return cri ? { ...line, text: text.slice(cri[0].length) } : line;
}
