import type { CommandElapsed, TerminalCommand } from "../../model/observations/text.ts";
import { type LineReaderFactory, lineRef, perLineReader } from "../reader.ts";

/** A `kubectl` command line; the prompt (`$ `, `# `, `C:\…>`) and `time ` may stand in front. */
const KUBECTL = /^(?:\S{0,200}[$#>] ?)?(?:time +)?(kubectl) +[a-z]/;
/**
 * The subcommands that keep their connection open: following logs, a shell, an attach, a
 * port-forward, a proxy, a watch.
 */
const STREAMING =
  /\bkubectl +(?:(?:logs|log)\b.{0,300}?(?:\s-f\b|\s--follow\b)|exec\b|attach\b|port-forward\b|proxy\b|get\b.{0,300}?(?:\s-w\b|\s--watch\b))/;
/** bash's and zsh's `time`: `real\t1m2.778s`, `real 0m15.012s`. */
const REAL_TIME = /^real\s+(?:(\d{1,5})m)?(\d{1,5}(?:\.\d{1,6})?)s\s*$/;

export function commandOf(text: string): Omit<TerminalCommand, "type" | "ref"> | undefined {
  const t = text.length > 1000 ? text.slice(0, 1000) : text;
  const m = KUBECTL.exec(t);
  return m ? { tool: m[1] as string, command: t.trim().slice(0, 300), streaming: STREAMING.test(t) } : undefined;
}

export function elapsedOf(text: string): Omit<CommandElapsed, "type" | "ref"> | undefined {
  const m = REAL_TIME.exec(text);
  return m ? { seconds: Number(m[1] ?? 0) * 60 + Number(m[2]) } : undefined;
}

/** A pasted terminal session's kubectl commands, and the times `time` printed. */
export const terminalReader: LineReaderFactory = {
  ...perLineReader("terminal", (line, source) => {
    const command = commandOf(line.text);
    if (command) return { type: "text.command", ref: lineRef(source, line), ...command };
    const elapsed = elapsedOf(line.text);
    return elapsed && { type: "text.command-elapsed", ref: lineRef(source, line), ...elapsed };
  }),
  needles: ["kubectl", "real"],
};
