import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { mtrJsonReader } from "./mtr-json-reader.ts";
import { mtrReader } from "./mtr-reader.ts";
import { pingReader } from "./ping-reader.ts";
import { tracerouteReader } from "./traceroute-reader.ts";

export const NETWORK_LINE_READERS: readonly LineReaderFactory[] = [mtrReader, tracerouteReader, pingReader];
export const NETWORK_FILE_READERS: readonly FileReaderFactory[] = [mtrJsonReader];
