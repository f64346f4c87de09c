import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const WIRE_LINE_READERS: readonly LineReaderFactory[] = [];
export const WIRE_FILE_READERS: readonly FileReaderFactory[] = [];
