import { escapeBytes, HTAB, isControl } from "../bytes.ts";
import type { Http1Message } from "../types.ts";
import { defineCheck, type Http1Check, hex } from "./define.ts";

function startLineText(message: Http1Message): string {
  const line = message.startLine.line;
  return line ? escapeBytes(line.bytes.subarray(0, 120)) : "";
}

function startLineCheck(
  id: string,
  code: `PD${number}`,
  applies: (message: Http1Message) => boolean,
  subject = "status line",
): Http1Check {
  return defineCheck({
    id,
    codes: [code],
    run({ message }, report) {
      const line = message.startLine.line;
      if (!line || !applies(message)) return;
      const { version, status, statusText } = message.startLine;
      report({
        code,
        subject,
        vars: {
          line: startLineText(message),
          ...(version ? { version } : {}),
          status: status ?? statusText ?? "",
        },
        offset: line.offset,
        length: line.length,
      });
    },
  });
}

const problemIs = (problem: string) => (m: Http1Message) => m.startLine.problem === problem;

export const START_LINE_CHECKS: readonly Http1Check[] = [
  startLineCheck("status-code-invalid", "PD2029", problemIs("invalid-status-code")),
  startLineCheck(
    "reason-missing",
    "PD2030",
    (m) => m.startLine.kind === "status" && !m.startLine.problem && m.startLine.reason === undefined,
  ),
  startLineCheck(
    "http10-response",
    "PD2033",
    (m) => m.startLine.kind === "status" && m.startLine.version === "HTTP/1.0",
  ),
  startLineCheck(
    "request-line-invalid",
    "PD2043",
    (m) => m.startLine.kind === "request" && m.startLine.problem !== undefined,
    "request line",
  ),
  startLineCheck(
    "http-version-invalid",
    "PD2044",
    (m) =>
      m.startLine.problem === "invalid-version" ||
      (m.startLine.version !== undefined &&
        /^HTTP\/\d\.\d$/.test(m.startLine.version) &&
        !m.startLine.version.startsWith("HTTP/1.")),
    "version",
  ),
  startLineCheck("status-line-whitespace", "PD2051", problemIs("status-line-whitespace")),
  defineCheck({
    id: "reason-invalid-bytes",
    codes: ["PD2031"],
    run({ message }, report) {
      const { line, reason } = message.startLine;
      if (!line || reason === undefined || message.startLine.kind !== "status") return;
      const start = line.bytes.length - Buffer.byteLength(reason, "latin1");
      for (let i = start; i < line.bytes.length; i++) {
        const byte = line.bytes[i] as number;
        if (!isControl(byte) || byte === HTAB) continue;
        report({
          code: "PD2031",
          subject: "reason phrase",
          vars: { byte: hex(byte), offset: line.offset + i },
          offset: line.offset + i,
          length: 1,
        });
        return;
      }
    },
  }),
  defineCheck({
    id: "http09-response",
    codes: ["PD2032"],
    run({ message }, report) {
      if (message.startLine.kind !== "http09") return;
      report({
        code: "PD2032",
        subject: "status line",
        vars: { sample: escapeBytes(message.body.sample.subarray(0, 24)) },
        offset: message.offset,
        length: Math.min(24, message.body.received),
      });
    },
  }),
  defineCheck({
    id: "informational-response",
    codes: ["PD2037"],
    run({ message }, report) {
      const { status, line } = message.startLine;
      if (!line || status === undefined || status < 100 || status >= 200 || status === 101) return;
      report({
        code: "PD2037",
        subject: `status ${status}`,
        vars: { status },
        offset: line.offset,
        length: line.length,
      });
    },
  }),
];
