import type { Readable } from "node:stream";

/** Where a command reads and writes; tests pass their own. */
export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: () => Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** True when standard input is a terminal: nothing is piped in. Absent means no. */
  readonly stdinIsTTY?: boolean;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => process.stdin,
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}

/** Exit codes of every command. */
export const EXIT = { clean: 0, problems: 1, usage: 2, internal: 3 } as const;

/** Bad invocation or unreadable input: exit 2 with the message. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
