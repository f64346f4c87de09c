import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { goBinaryReader } from "./go-binary-reader.ts";

export const BINARY_LINE_READERS: readonly LineReaderFactory[] = [];
export const BINARY_FILE_READERS: readonly FileReaderFactory[] = [goBinaryReader];
