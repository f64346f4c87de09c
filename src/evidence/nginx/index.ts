import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const NGINX_LINE_READERS: readonly LineReaderFactory[] = [];
export const NGINX_FILE_READERS: readonly FileReaderFactory[] = [];
