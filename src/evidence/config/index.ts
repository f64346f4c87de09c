import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { configReader } from "./config-reader.ts";

export const CONFIG_LINE_READERS: readonly LineReaderFactory[] = [];
export const CONFIG_FILE_READERS: readonly FileReaderFactory[] = [configReader];
