import type { LineReaderFactory } from "../reader.ts";
import { grpcClientErrorReader } from "./reader.ts";

export const GRPC_LINE_READERS: readonly LineReaderFactory[] = [grpcClientErrorReader];
