import type { EnvoyCodecError } from "../../model/observations/envoy.ts";
import type { WireHttp1Stream } from "../../model/observations/wire.ts";
import { defineDetector } from "../define.ts";
import { codecErrorCode } from "./debug-codec.ts";

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

interface Rejected {
  readonly name: string;
  readonly previous: string;
  readonly defect: string;
  readonly stream: WireHttp1Stream;
}

function defectOf(name: string): string {
  if (name === "") return "an empty field name";
  if (/\s$/.test(name)) return "whitespace between the name and the colon";
  if (/^\s/.test(name)) return "whitespace before the name";
  const bad = [...name].find((c) => !TOKEN.test(c)) ?? "";
  const code = bad.charCodeAt(0);
  return code > 0x7e
    ? `a non-ASCII byte (0x${code.toString(16)}) in the name`
    : `the character ${JSON.stringify(bad)} in the name`;
}

/** Header lines in captured bytes whose name a strict parser refuses, with the header before each. */
function rejectedFields(streams: readonly WireHttp1Stream[]): Rejected[] {
  const out: Rejected[] = [];
  for (const stream of streams) {
    for (const message of stream.messages) {
      if (message.kind === "request") continue;
      message.fields.forEach((field, i) => {
        if (field.colon >= 0 && !TOKEN.test(field.name)) {
          out.push({
            name: field.name,
            previous: message.fields[i - 1]?.name ?? "",
            defect: defectOf(field.name),
            stream,
          });
        }
      });
    }
  }
  return out;
}

/**
 * Names the header Envoy's parser stopped on: when a codec error about a field name comes with
 * captured bytes of the upstream's response, the first field whose name is not a token (after the
 * last header Envoy completed, when the log shows it) is the one.
 */
export const envoyRejectedHeaderInCaptureDetector = defineDetector({
  id: "envoy-debug-rejected-header-in-capture",
  description: "the field a codec error stopped on, found in captured bytes",
  inputs: ["envoy.codec-error", "wire.http1-stream"],
  emits: ["PD1323"],
  all(observations, emit) {
    const errors = observations.filter(
      (o): o is EnvoyCodecError => o.type === "envoy.codec-error" && ["PD1302", "PD1301"].includes(codecErrorCode(o)),
    );
    const candidates = rejectedFields(observations.filter((o): o is WireHttp1Stream => o.type === "wire.http1-stream"));
    if (errors.length === 0 || candidates.length === 0) return;
    for (const error of errors) {
      const last = error.completedHeaders[error.completedHeaders.length - 1]?.name.toLowerCase();
      const match = candidates.find((c) => last !== undefined && c.previous.toLowerCase() === last) ?? candidates[0];
      if (!match) continue;
      emit({
        code: "PD1323",
        subject: match.name,
        vars: {
          connection: error.connection || "?",
          rejectedHeader: JSON.stringify(match.name),
          previousHeader: match.previous || "(start of the excerpt)",
          defect: match.defect,
          code: error.code,
          producer: "app",
        },
        evidence: [error.ref, match.stream.ref],
      });
    }
  },
});
