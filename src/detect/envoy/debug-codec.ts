import type { FindingCode } from "../../model/finding.ts";
import type { EnvoyCodecError } from "../../model/observations/envoy.ts";
import { defineDetector } from "../define.ts";

const HEADER_TOKEN = /INVALID_HEADER_TOKEN|INVALID_HEADER_NAME|HEADER_NAME_CHARACTER|INVALID_HEADER_FORMAT/i;
const FRAMING =
  /TRANSFER_ENCODING|CONTENT_LENGTH|CHUNK_SIZE|CHUNK_EXTENSION|unsupported transfer encoding|both content-length and transfer-encoding|INVALID_CHUNK/i;
const SIZE_LIMIT = /headers size exceeds limit|headers_too_large|HEADERS_TOO_LONG|HPE_HEADER_OVERFLOW/i;
/** The client's first bytes were not an HTTP method: a TLS ClientHello (or other bytes) on a plaintext listener. */
const NOT_A_METHOD = /HPE_INVALID_METHOD|INVALID_METHOD/i;
/** The upstream's first bytes were not an HTTP/1 status line: HTTP/2 frames, TLS, another protocol. */
const NOT_HTTP1_ANSWER = /HPE_INVALID_CONSTANT|HPE_INVALID_VERSION/i;
const COUNT_LIMIT = /too many headers|too_many_headers|headers count exceeds limit/i;

/** Which code a codec error gets: the most specific signature wins. */
export function codecErrorCode(error: EnvoyCodecError): FindingCode {
  const text = `${error.code} ${error.message}`;
  if (SIZE_LIMIT.test(text)) return "PD1303";
  if (COUNT_LIMIT.test(text)) return "PD1304";
  if (error.side === "downstream") return NOT_A_METHOD.test(text) ? "PD1324" : "PD1313";
  if (NOT_HTTP1_ANSWER.test(text) && error.completedHeaders.length === 0) return "PD1334";
  if (FRAMING.test(text)) return "PD1305";
  if (HEADER_TOKEN.test(text)) return "PD1302";
  return "PD1301";
}

export const envoyCodecErrorDetector = defineDetector({
  id: "envoy-debug-codec-error",
  description: "a codec refusing received bytes, named by its most specific signature",
  inputs: ["envoy.codec-error"],
  emits: ["PD1301", "PD1302", "PD1303", "PD1304", "PD1305", "PD1313", "PD1324", "PD1334"],
  each(error, emit) {
    const code = codecErrorCode(error);
    const last = error.completedHeaders[error.completedHeaders.length - 1];
    emit({
      code,
      subject: error.connection || error.ref.source,
      vars: {
        connection: error.connection || "?",
        code: error.code,
        protocol: error.protocol || "http",
        side: error.side,
        producer: "envoy",
        headerCount: error.completedHeaders.length,
        ...(last
          ? {
              lastHeader: `${last.name}: ${last.value}`,
              lastHeaderName: `the \`${last.name}\` header (#${error.completedHeaders.length})`,
            }
          : { lastHeaderName: "a header the log does not show (trace level for `http` lists completed headers)" }),
      },
      evidence: [error.ref],
    });
  },
});
