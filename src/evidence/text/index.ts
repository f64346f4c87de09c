import type { LineReaderFactory } from "../reader.ts";
import { envoyDetailsReader } from "./envoy-details.ts";
import { eventStreamReader } from "./event-stream.ts";
import { failureWordsReader } from "./failure-words.ts";
import { terminalReader } from "./terminal.ts";

/** Last of all the line readers: it reads only what none of the others took. */
export const TEXT_LINE_READERS: readonly LineReaderFactory[] = [
  envoyDetailsReader,
  terminalReader,
  eventStreamReader,
  failureWordsReader,
];
