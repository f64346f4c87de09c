import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";

export const MESH_LINE_READERS: readonly LineReaderFactory[] = [];
export const MESH_FILE_READERS: readonly FileReaderFactory[] = [];
