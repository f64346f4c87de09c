import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { nghttpReader } from "./reader.ts";

export const NGHTTP_LINE_READERS: readonly LineReaderFactory[] = [nghttpReader];
export const NGHTTP_FILE_READERS: readonly FileReaderFactory[] = [];
