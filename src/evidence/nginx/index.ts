import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { nginxAccessLogReader, nginxErrorLogReader } from "./readers.ts";

export const NGINX_LINE_READERS: readonly LineReaderFactory[] = [nginxErrorLogReader, nginxAccessLogReader];
export const NGINX_FILE_READERS: readonly FileReaderFactory[] = [];
