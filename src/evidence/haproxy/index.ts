import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { haproxyLogReader } from "./reader.ts";
import { haproxyShowErrorsReader } from "./show-errors.ts";

export const HAPROXY_LINE_READERS: readonly LineReaderFactory[] = [haproxyLogReader, haproxyShowErrorsReader];
export const HAPROXY_FILE_READERS: readonly FileReaderFactory[] = [];
