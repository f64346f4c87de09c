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

/**
 * The status nginx answers itself with for failures before any response header was sent. After
 * the header (`while reading upstream`) the client already has the upstream's status.
 */
const OWN_STATUS: Partial<Record<FindingCode, number>> = {
  PD1406: 502,
  PD1407: 502,
  PD1438: 502,
  PD1409: 502,
  PD1410: 502,
  PD1413: 502,
  PD1414: 504,
  PD1415: 504,
  PD1416: 502,
  PD1417: 502,
  PD1418: 413,
  PD1419: 502,
  PD1420: 502,
  PD1421: 502,
  PD1422: 502,
  PD1423: 503,
  PD1439: 503,
  PD1424: 503,
  PD1426: 502,
};

function ownStatus(line: NginxErrorLine, code: FindingCode): number | undefined {
  if (line.action === "reading upstream") return undefined;
  return OWN_STATUS[code];
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
      status: ownStatus(line, code),
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
