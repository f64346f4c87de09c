import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { browserConsoleStatusReader } from "./console-status.ts";
import { harReader } from "./har.ts";
import { browserNetErrorReader } from "./net-error.ts";

export const BROWSER_LINE_READERS: readonly LineReaderFactory[] = [browserNetErrorReader, browserConsoleStatusReader];
export const BROWSER_FILE_READERS: readonly FileReaderFactory[] = [harReader];
