import type { AnyDetector } from "../define.ts";
import { http1WireDefects } from "./http1-defects.ts";

export const WIRE_DETECTORS: readonly AnyDetector[] = [http1WireDefects];
