import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const ENVOY_LINE_READERS: readonly LineReaderFactory[] = [];
export const ENVOY_FILE_READERS: readonly FileReaderFactory[] = [];
