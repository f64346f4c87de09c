import type { FindingCode } from "../../model/finding.ts";
import type { NghttpErrorKind, NghttpStreamContext } from "../../model/observations/nghttp.ts";
import { compact, placeVars, subjectOf } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

function streamVars(context: NghttpStreamContext) {
  return compact({ status: context.status, server: context.server });
}

export const nghttpInvalidHeaderDetector = defineDetector({
  id: "nghttp.rejected-header",
  description: "a response header nghttp2 refused, named by nghttp's error line or the library's debug output",
  inputs: ["nghttp.invalid-header"],
  emits: ["PD1060"],
  each(invalid, emit) {
    const header =
      invalid.name !== undefined ? `${invalid.name}: ${invalid.value ?? ""}` : "(not named; nghttp -v names it)";
    emit({
      code: "PD1060",
      subject: subjectOf(invalid.correlation, "the server"),
      vars: compact({
        ...placeVars(invalid.correlation),
        ...streamVars(invalid),
        stream: invalid.stream,
        header,
        headerName: invalid.name,
      }),
      evidence: [invalid.ref],
    });
  },
});

/** RST_STREAM error names to the code that reads each; NO_ERROR closes a finished stream. */
const RESET_CODES: Readonly<Record<string, FindingCode>> = {
  PROTOCOL_ERROR: "PD1061",
  INTERNAL_ERROR: "PD1062",
  REFUSED_STREAM: "PD1063",
  CANCEL: "PD1064",
};

export const nghttpResetDetector = defineDetector({
  id: "nghttp.stream-reset",
  description: "RST_STREAM frames nghttp received, by error code",
  inputs: ["nghttp.stream-reset"],
  emits: ["PD1061", "PD1062", "PD1063", "PD1064", "PD1065"],
  each(reset, emit) {
    if (reset.errorCode === 0) return;
    emit({
      code: RESET_CODES[reset.error] ?? "PD1065",
      subject: subjectOf(reset.correlation, "the server"),
      vars: compact({
        ...placeVars(reset.correlation),
        ...streamVars(reset),
        stream: reset.stream,
        error: reset.error,
      }),
      evidence: [reset.ref],
    });
  },
});

export const nghttpGoawayDetector = defineDetector({
  id: "nghttp.goaway",
  description: "GOAWAY frames with an error code that nghttp received",
  inputs: ["nghttp.goaway"],
  emits: ["PD1066", "PD1067"],
  each(goaway, emit) {
    if (goaway.errorCode === 0) return;
    const tooManyPings = goaway.error === "ENHANCE_YOUR_CALM" && goaway.debug === "too_many_pings";
    emit({
      code: tooManyPings ? "PD1067" : "PD1066",
      subject: subjectOf(goaway.correlation, "the server"),
      vars: compact({
        ...placeVars(goaway.correlation),
        error: goaway.error,
        code: goaway.error,
        lastStream: goaway.lastStream,
        debug: goaway.debug,
        debugText: goaway.debug ? `: "${goaway.debug}"` : "",
      }),
      evidence: [goaway.ref],
    });
  },
});

const ERROR_CODES: Partial<Record<NghttpErrorKind, FindingCode>> = {
  alpn: "PD1068",
  "not-h2": "PD1069",
  "upgrade-refused": "PD1069",
  connect: "PD1070",
  timeout: "PD1071",
};

export const nghttpErrorDetector = defineDetector({
  id: "nghttp.error",
  description: "nghttp's own errors: no h2 in ALPN, a peer that is not HTTP/2, a failed connect, a timeout",
  inputs: ["nghttp.error"],
  emits: ["PD1068", "PD1069", "PD1070", "PD1071"],
  each(error, emit) {
    const code = ERROR_CODES[error.kind];
    if (!code) return;
    emit({
      code,
      subject: error.address ?? "the server",
      vars: compact({ message: error.message, address: error.address }),
      evidence: [error.ref],
    });
  },
});
