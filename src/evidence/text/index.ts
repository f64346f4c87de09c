import type { LineReaderFactory } from "../reader.ts";
import { envoyDetailsReader } from "./envoy-details.ts";
import { failureWordsReader } from "./failure-words.ts";

/** Last of all the line readers: it reads only what none of the others took. */
export const TEXT_LINE_READERS: readonly LineReaderFactory[] = [envoyDetailsReader, failureWordsReader];
