import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { haproxyLogReader } from "./reader.ts";
import { haproxyShowErrorsReader } from "./show-errors.ts";
import { haproxyShowStatReader } from "./show-stat.ts";

export const HAPROXY_LINE_READERS: readonly LineReaderFactory[] = [
  haproxyLogReader,
  haproxyShowErrorsReader,
  haproxyShowStatReader,
];
export const HAPROXY_FILE_READERS: readonly FileReaderFactory[] = [];
