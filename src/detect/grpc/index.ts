import type { AnyDetector } from "../define.ts";
import { grpcClientErrors } from "./client-errors.ts";

export const GRPC_DETECTORS: readonly AnyDetector[] = [grpcClientErrors];
