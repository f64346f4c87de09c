import type { KlogHeader } from "../../model/observations/go.ts";

/** A klog line split into its header and message. */
export interface KlogLine {
  readonly header: KlogHeader;
  readonly message: string;
}

// Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg — possibly behind a container-runtime prefix.
const KLOG = /(?:^|\s)([IWEF])(\d{4} \d\d:\d\d:\d\d\.\d{6})\s+(\d+) ([\w.\-/]+:\d+)\] ?(.*)$/;

export function parseKlog(text: string): KlogLine | undefined {
  const match = KLOG.exec(text);
  if (!match) return undefined;
  const [, severity, time, thread, caller, message] = match;
  return {
    header: {
      severity: severity as KlogHeader["severity"],
      time: time ?? "",
      thread: Number(thread),
      caller: caller ?? "",
    },
    message: message ?? "",
  };
}

/** The file name of a klog caller, without the line: `round_trippers.go`. */
export function callerFile(header: KlogHeader): string {
  const colon = header.caller.lastIndexOf(":");
  const path = colon >= 0 ? header.caller.slice(0, colon) : header.caller;
  const slash = path.lastIndexOf("/");
  return slash >= 0 ? path.slice(slash + 1) : path;
}
