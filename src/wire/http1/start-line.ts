import { latin1 } from "./bytes.ts";
import type { RawLine, StartLine } from "./types.ts";

const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/s;
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) (HTTP\/\d\.\d)$/;
const LOOSE_REQUEST = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)[ \t]+(\S+)(?:[ \t]+(\S+))?[ \t]*$/;

/**
 * Reads a start line (RFC 9112 §3 request-line, §4 status-line). A line that is neither becomes
 * `http09` in response mode: the peer sent no status line at all.
 */
export function parseStartLine(line: RawLine, mode: "auto" | "request" | "response"): StartLine {
  const text = latin1(line.bytes);
  if (mode !== "request" && text.startsWith("HTTP/")) return parseStatusLine(line, text);
  if (mode === "response") return { kind: "http09", line };
  const strict = REQUEST_LINE.exec(text);
  if (strict) {
    return {
      kind: "request",
      line,
      method: strict[1] as string,
      target: strict[2] as string,
      version: strict[3] as string,
    };
  }
  const loose = LOOSE_REQUEST.exec(text);
  if (loose && (mode === "request" || loose[3]?.startsWith("HTTP/"))) {
    return {
      kind: "request",
      line,
      method: loose[1] as string,
      target: loose[2] as string,
      ...(loose[3] ? { version: loose[3] } : {}),
      problem: loose[3] ? "request-line-whitespace-or-version" : "request-line-without-version",
    };
  }
  if (mode === "request") return { kind: "request", line, problem: "request-line-invalid" };
  return { kind: "http09", line };
}

function parseStatusLine(line: RawLine, text: string): StartLine {
  const strict = STATUS_LINE.exec(text);
  if (strict) {
    const reason = strict[3];
    return {
      kind: "status",
      line,
      version: strict[1] as string,
      statusText: strict[2] as string,
      status: Number(strict[2]),
      ...(reason !== undefined ? { reason } : {}),
    };
  }
  const parts = /^(\S*)[ \t]*(\S*)(?:[ \t](.*))?$/s.exec(text);
  const version = parts?.[1] ?? text;
  const statusText = parts?.[2] ?? "";
  const reason = parts?.[3];
  const validVersion = /^HTTP\/\d\.\d$/.test(version);
  const validStatus = /^\d{3}$/.test(statusText);
  const problem = !validVersion ? "invalid-version" : !validStatus ? "invalid-status-code" : "status-line-whitespace";
  return {
    kind: "status",
    line,
    version,
    statusText,
    ...(validStatus ? { status: Number(statusText) } : {}),
    ...(reason !== undefined ? { reason } : {}),
    problem,
  };
}
