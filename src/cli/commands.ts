import type { Command } from "@commander-js/extra-typings";
import { registerDiagnose } from "./diagnose.ts";
import { registerExplain } from "./explain.ts";
import type { Io } from "./io.ts";
import { registerLint } from "./lint.ts";
import { registerPcap } from "./pcap.ts";
import { registerProbe } from "./probe.ts";
import { registerWatch } from "./watch.ts";
import { registerWire } from "./wire.ts";

export type Register = (program: Command, io: Io, done: (code: number) => void) => void;

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Register[] = [
  registerDiagnose,
  registerProbe,
  registerWatch,
  registerWire,
  registerPcap,
  registerLint,
  registerExplain,
];
