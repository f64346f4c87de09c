import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const GO_LINE_READERS: readonly LineReaderFactory[] = [];
export const GO_FILE_READERS: readonly FileReaderFactory[] = [];
