import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { pcapReader } from "./pcap.ts";

export const CAPTURE_LINE_READERS: readonly LineReaderFactory[] = [];
export const CAPTURE_FILE_READERS: readonly FileReaderFactory[] = [pcapReader];
