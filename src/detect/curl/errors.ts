import type { FindingCode } from "../../model/finding.ts";
import type { CurlError } from "../../model/observations/curl.ts";
import { defineDetector } from "../define.ts";
import { REPORTED_STATUS_FINDINGS, reportedStatusCode } from "../reported-status.ts";
import { compact, failureProducer, placeVars, subjectOf } from "./vars.ts";

function errorVars(error: CurlError) {
  return {
    ...placeVars(error.correlation),
    ...compact({
      exitCode: error.exitCode,
      producer: failureProducer(error.responder),
      status: error.status,
      httpVersion: error.httpVersion,
      reason: error.reason,
    }),
  };
}

function subject(error: CurlError): string {
  return subjectOf(error.correlation, error.host ? `${error.host}${error.port ? `:${error.port}` : ""}` : "the target");
}

/** RST_STREAM error names to the code that reads each. */
const RESET_CODES: Readonly<Record<string, FindingCode>> = {
  INTERNAL_ERROR: "PD1001",
  PROTOCOL_ERROR: "PD1003",
  REFUSED_STREAM: "PD1004",
  CANCEL: "PD1005",
};

export const curlStreamResetDetector = defineDetector({
  id: "curl.stream-reset",
  description:
    "curl exit 92 (16 before curl 7.52): which HTTP/2 error reset the stream, in every wording curl has used",
  inputs: ["curl.error"],
  emits: ["PD1001", "PD1003", "PD1004", "PD1005", "PD1006"],
  each(error, emit) {
    const reset = error.reset;
    if (!reset || reset.wording === "closed-before-headers") return;
    const code = RESET_CODES[reset.error] ?? "PD1006";
    const vars = compact({ ...errorVars(error), stream: reset.stream, error: reset.error, resetBy: reset.by });
    emit({ code, subject: subject(error), vars, evidence: [error.ref] });
  },
});

const NGINX_FAMILY = new Set(["nginx", "kong"]);

export const curlNginxCutBodyDetector = defineDetector({
  id: "curl.nginx-cut-body",
  description: "an INTERNAL_ERROR reset after a successful status from nginx or Kong: the nginx mid-body failure",
  inputs: ["curl.error"],
  emits: ["PD1002"],
  each(error, emit) {
    const front = error.responder?.frontProxy;
    if (error.reset?.error !== "INTERNAL_ERROR" || !front || !NGINX_FAMILY.has(front)) return;
    if (error.status === undefined || error.status < 200 || error.status >= 300) return;
    emit({
      code: "PD1002",
      subject: subject(error),
      vars: compact({ ...errorVars(error), stream: error.reset.stream }),
      evidence: [error.ref],
    });
  },
});

/** Which code reads each class of curl failure (stream resets have their own detector). */
function codeOf(error: CurlError): FindingCode | undefined {
  switch (error.kind) {
    case "h2-framing":
      return "PD1007";
    case "partial":
      return "PD1008";
    case "connect-refused":
      return "PD1009";
    case "connect-unreachable":
      return "PD1010";
    case "timeout":
      return (error.receivedBytes ?? 0) > 0 ? "PD1012" : "PD1011";
    case "tls-handshake":
      return /wrong version number|packet length too long/i.test(error.reason ?? "") ? "PD1014" : "PD1013";
    case "cert-verify":
      return "PD1015";
    case "empty-reply":
      return "PD1016";
    case "send-failure":
      return "PD1017";
    case "recv-failure":
      return /reset/i.test(error.reason ?? error.message) ? "PD1018" : undefined;
    case "not-http":
      return "PD1033";
    default:
      return undefined;
  }
}

export const curlTransferErrorDetector = defineDetector({
  id: "curl.transfer-error",
  description: "curl exit codes 1, 7, 16, 18, 28, 35, 52, 55, 56, 60 read by what they say about the path",
  inputs: ["curl.error"],
  emits: [
    "PD1007",
    "PD1008",
    "PD1009",
    "PD1010",
    "PD1011",
    "PD1012",
    "PD1013",
    "PD1014",
    "PD1015",
    "PD1016",
    "PD1017",
    "PD1018",
    "PD1033",
  ],
  each(error, emit) {
    const code = codeOf(error);
    if (!code) return;
    const vars = compact({
      ...errorVars(error),
      host: error.host ?? error.correlation?.authority,
      port: error.port,
      elapsedMs: error.kind === "timeout" ? error.elapsedMs : undefined,
      receivedBytes: error.receivedBytes,
      expectedBytes: error.expectedBytes,
      remainingBytes: error.remainingBytes,
    });
    emit({ code, subject: subject(error), vars, evidence: [error.ref] });
  },
});

const GIB = 2 ** 30;

/**
 * A download cut short just past 1 GiB: nginx's default proxy_max_temp_file_size is 1024m, and
 * long responses through nginx stop there when the temporary file cannot grow further.
 */
export const curlCutNearOneGibDetector = defineDetector({
  id: "curl.cut-near-one-gib",
  description: "a transfer that ended early with about 1 GiB received, by curl's progress meter or its error",
  inputs: ["curl.error"],
  emits: ["PD1043"],
  each(error, emit) {
    const received = error.receivedBytes;
    const expected = error.expectedBytes;
    if (received === undefined || expected === undefined || expected <= received) return;
    if (received < GIB * 0.98 || received > GIB * 1.08) return;
    emit({
      code: "PD1043",
      subject: subject(error),
      vars: compact({ ...errorVars(error), received: megabytes(received), expected: megabytes(expected) }),
      evidence: [error.ref],
    });
  },
});

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** curl `--fail` (exit 22), alone or quoted by git, naming a status that names a hop's limit or failure. */
export const curlFailStatusDetector = defineDetector({
  id: "curl.fail-status",
  description: "curl's exit 22 (--fail) with the status the server answered: 413, 431, 502, 503, 504",
  inputs: ["curl.error"],
  emits: REPORTED_STATUS_FINDINGS,
  each(error, emit) {
    if (error.exitCode !== 22 || error.status === undefined) return;
    const code = reportedStatusCode(error.status);
    if (!code) return;
    emit({
      code,
      subject: subject(error),
      vars: compact({ ...errorVars(error), emitter: /RPC failed/.test(error.ref.excerpt ?? "") ? "git" : "curl" }),
      evidence: [error.ref],
    });
  },
});
