import type { LineReaderFactory } from "../reader.ts";
import { appClientErrorReader } from "./reader.ts";
import { appServerReader } from "./servers.ts";

export const APP_CLIENT_LINE_READERS: readonly LineReaderFactory[] = [appServerReader, appClientErrorReader];
