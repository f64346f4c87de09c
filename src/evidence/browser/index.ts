import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { browserConsoleStatusReader } from "./console-status.ts";
import { harReader } from "./har.ts";
import { browserNetErrorReader } from "./net-error.ts";
import { webSocketFailureReader } from "./websocket.ts";

export const BROWSER_LINE_READERS: readonly LineReaderFactory[] = [browserNetErrorReader, browserConsoleStatusReader];
/** Before the Go and application-client readers: gorilla's and others' errors end in their words too. */
export const WEBSOCKET_LINE_READERS: readonly LineReaderFactory[] = [webSocketFailureReader];
export const BROWSER_FILE_READERS: readonly FileReaderFactory[] = [harReader];
