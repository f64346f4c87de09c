import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { goErrorReader } from "./reader.ts";

export const GO_LINE_READERS: readonly LineReaderFactory[] = [goErrorReader];
export const GO_FILE_READERS: readonly FileReaderFactory[] = [];
