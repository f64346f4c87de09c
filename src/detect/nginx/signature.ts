import type { Finding, FindingCode } from "../../model/finding.ts";
import type { NginxErrorLine } from "../../model/observations/nginx.ts";
import { compact, placeVars } from "../curl/vars.ts";
import { defineDetector } from "../define.ts";

/** One error-log signature: the code, and a test that returns extra vars when the line matches. */
export interface ErrorSignature {
  readonly code: FindingCode;
  readonly match: (line: NginxErrorLine) => Record<string, string | number | undefined> | undefined;
}

/** Who wrote the line, as named in findings: kong, ingress-nginx or nginx. */
export function producerOf(line: Pick<NginxErrorLine, "flavour">): string {
  return line.flavour;
}

export function subjectOf(line: NginxErrorLine): string {
  const { authority, path } = line.correlation ?? {};
  if (authority) return `${authority}${path ?? ""}`;
  return line.upstream ?? line.server ?? "nginx";
}

export function findingOf(line: NginxErrorLine, code: FindingCode, extra: Record<string, string | number | undefined>) {
  const finding: Finding = {
    code,
    subject: subjectOf(line),
    vars: compact({
      ...placeVars(line.correlation, "http"),
      producer: producerOf(line),
      upstreamUrl: line.upstream,
      action: line.action,
      errno: line.errno,
      errnoText: line.errnoText,
      ...extra,
    }),
    evidence: [line.ref],
  };
  return finding;
}

/** A detector over nginx error lines made of signatures tried in order; the first match wins. */
export function signatureDetector(id: string, description: string, signatures: readonly ErrorSignature[]) {
  return defineDetector({
    id,
    description,
    inputs: ["nginx.error"],
    emits: signatures.map((s) => s.code),
    each(line, emit) {
      for (const signature of signatures) {
        const extra = signature.match(line);
        if (extra) {
          emit(findingOf(line, signature.code, extra));
          return;
        }
      }
    },
  });
}

/** Matches when the message matches the pattern (and the action, if given); yields no extra vars. */
export function on(message: RegExp, action?: RegExp): (line: NginxErrorLine) => Record<string, never> | undefined {
  return (line) => (message.test(line.message) && (!action || action.test(line.action ?? "")) ? {} : undefined);
}
