import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const BROWSER_LINE_READERS: readonly LineReaderFactory[] = [];
export const BROWSER_FILE_READERS: readonly FileReaderFactory[] = [];
