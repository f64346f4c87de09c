import type { Finding, FindingCode } from "../../model/finding.ts";
import type { EnvoyHeaderLine } from "../../model/observations/envoy.ts";
import type { SourceRef } from "../../model/source.ts";
import { defineDetector } from "../define.ts";

/** A byte outside visible ASCII, space and tab: raw UTF-8 or control bytes in a header. */
const NOT_FIELD_TEXT = /[^\t\x20-\x7e]/;

export function rawByteHeader(headers: readonly EnvoyHeaderLine[]): EnvoyHeaderLine | undefined {
  return headers.find((h) => NOT_FIELD_TEXT.test(h.value) || NOT_FIELD_TEXT.test(h.name));
}

export function transferEncodings(headers: readonly EnvoyHeaderLine[]): EnvoyHeaderLine[] {
  return headers.filter((h) => h.name.toLowerCase() === "transfer-encoding");
}

function checkHeaders(
  headers: readonly EnvoyHeaderLine[],
  connection: string,
  ref: SourceRef,
  emit: (finding: Finding) => void,
): void {
  const raw = rawByteHeader(headers);
  const vars = { connection: connection || "?", producer: "app" };
  if (raw) {
    emit({ code: "PD1306" as FindingCode, subject: raw.name, vars: { ...vars, header: raw.name }, evidence: [ref] });
  }
  const te = transferEncodings(headers);
  if (te.length > 1) {
    emit({
      code: "PD1307",
      subject: connection || ref.source,
      vars: { ...vars, times: te.length, values: te.map((h) => `${h.name}: ${h.value}`).join(" | ") },
      evidence: [ref],
    });
  }
}

/** Defects visible in the header lines Envoy logged: raw bytes, Transfer-Encoding twice. */
export const envoyHeaderDefectsDetector = defineDetector({
  id: "envoy-debug-header-defects",
  description: "raw non-ASCII bytes or repeated Transfer-Encoding in logged upstream headers",
  inputs: ["envoy.codec-error", "envoy.header-dump"],
  emits: ["PD1306", "PD1307"],
  each(observation, emit) {
    if (observation.type === "envoy.codec-error") {
      if (observation.side !== "downstream") {
        checkHeaders(observation.completedHeaders, observation.connection, observation.ref, emit);
      }
    } else if (observation.kind === "upstream-response" || observation.kind === "completed-headers") {
      checkHeaders(observation.headers, observation.connection, observation.ref, emit);
    }
  },
});

/** The upstream's own response head, as Envoy dumped it, with a 5xx status: the application answered. */
export const envoyUpstream5xxDetector = defineDetector({
  id: "envoy-debug-upstream-5xx",
  description: "an upstream response head with a 5xx status in Envoy's header dump",
  inputs: ["envoy.header-dump"],
  emits: ["PD1326"],
  each(dump, emit) {
    if (dump.kind !== "upstream-response" && !dump.relayed) return;
    const status = Number(dump.headers.find((h) => h.name === ":status")?.value);
    if (!(status >= 500 && status <= 599)) return;
    emit({
      code: "PD1326",
      subject: dump.connection || dump.ref.source,
      vars: { connection: dump.connection || "?", status, producer: "app" },
      evidence: [dump.ref],
    });
  },
});
