import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { hexDumpReader } from "./hex-dump-reader.ts";
import { rawHttpReader } from "./raw-http-reader.ts";

export const WIRE_LINE_READERS: readonly LineReaderFactory[] = [hexDumpReader];
export const WIRE_FILE_READERS: readonly FileReaderFactory[] = [rawHttpReader];
