import type { AnyDetector } from "../define.ts";
import { captureFileProblems } from "./file-problems.ts";
import { http2Goaway, http2StreamReset, responseCutShort, serverErrorResponses } from "./http.ts";
import { protocolMismatch } from "./protocol.ts";
import {
  duplicateAcks,
  idleConnectionReset,
  requestWithoutResponse,
  resetAfterResponse,
  retransmissionRate,
  synUnanswered,
  zeroWindowStall,
} from "./tcp.ts";
import { tlsAlert, tlsHandshakeFailed, tlsNotDecrypted } from "./tls.ts";
import { captureWireDefects } from "./wire-defects.ts";

export const CAPTURE_DETECTORS: readonly AnyDetector[] = [
  captureFileProblems,
  resetAfterResponse,
  requestWithoutResponse,
  synUnanswered,
  retransmissionRate,
  duplicateAcks,
  zeroWindowStall,
  idleConnectionReset,
  responseCutShort,
  http2StreamReset,
  http2Goaway,
  serverErrorResponses,
  tlsHandshakeFailed,
  tlsAlert,
  tlsNotDecrypted,
  protocolMismatch,
  captureWireDefects,
];
