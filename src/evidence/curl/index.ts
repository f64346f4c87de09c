import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const CURL_LINE_READERS: readonly LineReaderFactory[] = [];
export const CURL_FILE_READERS: readonly FileReaderFactory[] = [];
