import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const NETWORK_LINE_READERS: readonly LineReaderFactory[] = [];
export const NETWORK_FILE_READERS: readonly FileReaderFactory[] = [];
