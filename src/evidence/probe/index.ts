import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { probeJsonReader } from "./probe-json.ts";
import { watchJsonReader } from "./watch-json.ts";

export const PROBE_LINE_READERS: readonly LineReaderFactory[] = [];
export const PROBE_FILE_READERS: readonly FileReaderFactory[] = [watchJsonReader, probeJsonReader];
