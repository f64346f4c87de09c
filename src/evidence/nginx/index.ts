import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { ingressControllerReader, nginxAccessLogReader, nginxErrorLogReader } from "./readers.ts";

export const NGINX_LINE_READERS: readonly LineReaderFactory[] = [
  nginxErrorLogReader,
  nginxAccessLogReader,
  ingressControllerReader,
];
export const NGINX_FILE_READERS: readonly FileReaderFactory[] = [];
