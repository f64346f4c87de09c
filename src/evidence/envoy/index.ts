import type { FileReaderFactory, LineReaderFactory } from "../reader.ts";
import { envoyAccessFileReader } from "./access-file-reader.ts";
import { envoyAccessReader } from "./access-reader.ts";
import { envoyDebugReader, envoyLocalReplyBodyReader } from "./debug-reader.ts";

export const ENVOY_LINE_READERS: readonly LineReaderFactory[] = [
  envoyAccessReader,
  envoyDebugReader,
  envoyLocalReplyBodyReader,
];
export const ENVOY_FILE_READERS: readonly FileReaderFactory[] = [envoyAccessFileReader];
