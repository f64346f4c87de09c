import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { haproxyLogReader } from "./reader.ts";

export const HAPROXY_LINE_READERS: readonly LineReaderFactory[] = [haproxyLogReader];
export const HAPROXY_FILE_READERS: readonly FileReaderFactory[] = [];
