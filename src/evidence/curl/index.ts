import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { errorPageReader } from "./error-page.ts";
import { curlReader } from "./transcript.ts";

export const CURL_LINE_READERS: readonly LineReaderFactory[] = [curlReader, errorPageReader];
export const CURL_FILE_READERS: readonly FileReaderFactory[] = [];
