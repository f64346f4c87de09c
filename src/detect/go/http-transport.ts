import type { GoSignatureObservation } from "../../model/observations/go.ts";
import { REPORTED_STATUS_FINDINGS, reportedStatusCode } from "../reported-status.ts";
import { signatureDetector } from "./signature-detector.ts";

/** Go's %q of an HTTP/2 frame header: three length bytes, then type 0x04 (SETTINGS) or 0x07 (GOAWAY). */
const HTTP2_FRAME_START = /^\\x00\\x00(?:\\x[0-9a-fA-F]{2}|[^\\])\\x0[47]/;

/** The bytes Go quoted, with the extra escaping of a JSON-encoded log line undone. */
function quotedBytes(text: string): string {
  const plain = text.replace(/\\\\/g, "\\").replace(/\\"/g, '"');
  return /malformed HTTP response "((?:[^"\\]|\\.)*)"/.exec(plain)?.[1] ?? plain;
}

function malformedResponse(observation: GoSignatureObservation) {
  const quoted = quotedBytes(observation.fields.bytes ?? observation.fields.broken ?? "");
  if (HTTP2_FRAME_START.test(quoted)) return { code: "PD1513" as const, vars: { bytes: quoted.slice(0, 80) } };
  return { code: "PD1514" as const, vars: { broken: (observation.fields.broken ?? quoted).slice(0, 200) } };
}

function unexpectedStatus(observation: GoSignatureObservation) {
  const status = observation.fields.httpStatus ?? "";
  const code = reportedStatusCode(status);
  return code && { code, vars: { status: Number(status) } };
}

export const httpTransportErrors = signatureDetector({
  id: "go.http-transport",
  description: "Go net/http client errors: timeouts, dead pooled connections, unparsable or cut responses",
  emits: [
    "PD1509",
    "PD1510",
    "PD1511",
    "PD1512",
    "PD1513",
    "PD1514",
    "PD1515",
    "PD1537",
    "PD1540",
    "PD1543",
    "PD1547",
    ...REPORTED_STATUS_FINDINGS,
  ],
  rules: {
    "client-timeout": (o) => ({ code: o.fields.waiting ? "PD1510" : o.fields.body ? "PD1543" : "PD1509" }),
    "h2-timeout-awaiting-headers": () => ({ code: "PD1509" }),
    "closed-network-connection": () => ({ code: "PD1511" }),
    "malformed-mime-header": () => ({ code: "PD1512" }),
    "malformed-http-response": malformedResponse,
    "unexpected-eof": () => ({ code: "PD1515" }),
    "server-closed-idle": () => ({ code: "PD1537" }),
    "eof-before-response": () => ({ code: "PD1540" }),
    "request-body-cut": () => ({ code: "PD1547" }),
    "unexpected-http-status": unexpectedStatus,
  },
});
