import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { configReader } from "./config-reader.ts";
import { proxyProtocolSettingReader } from "./proxy-protocol.ts";

export const CONFIG_LINE_READERS: readonly LineReaderFactory[] = [proxyProtocolSettingReader];
export const CONFIG_FILE_READERS: readonly FileReaderFactory[] = [configReader];
