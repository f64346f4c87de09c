import type { Command } from "@commander-js/extra-typings";
import { registerDiagnose } from "./diagnose-command.ts";
import { registerExplain } from "./explain-command.ts";
import type { Io } from "./io.ts";
import { registerLint } from "./lint-command.ts";
import { registerPcap } from "./pcap-command.ts";
import { registerProbe } from "./probe-command.ts";
import { registerWatch } from "./watch-command.ts";
import { registerWire } from "./wire-command.ts";

export type Register = (program: Command, io: Io, done: (code: number) => void) => void;

/**
 * Every command, in the order `--help` lists them. Each `*-command.ts` holds only the command's
 * definition and loads its implementation when the command runs, so a run parses only its own code.
 */
export const COMMANDS: readonly Register[] = [
  registerDiagnose,
  registerProbe,
  registerWatch,
  registerWire,
  registerPcap,
  registerLint,
  registerExplain,
];
