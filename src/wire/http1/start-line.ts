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
  if (mode !== "request") {
    const status = wellFormedStatusLine(line);
    if (status) return status;
  }
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

const VERSIONS = new Map<number, string>();
const STATUS_TEXTS = new Map<number, string>();

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/**
 * The common case read straight from the bytes: `HTTP/d.d ddd` and then nothing or a space and
 * the reason. Anything else is left to the regular expressions.
 */
function wellFormedStatusLine(line: RawLine): StartLine | undefined {
  const bytes = line.bytes;
  const size = bytes.length;
  if (size < 12 || (size > 12 && bytes[12] !== 0x20) || line.truncated) return undefined;
  const prefixOk =
    bytes[0] === 0x48 &&
    bytes[1] === 0x54 &&
    bytes[2] === 0x54 &&
    bytes[3] === 0x50 &&
    bytes[4] === 0x2f &&
    isDigit(bytes[5]) &&
    bytes[6] === 0x2e &&
    isDigit(bytes[7]) &&
    bytes[8] === 0x20 &&
    isDigit(bytes[9]) &&
    isDigit(bytes[10]) &&
    isDigit(bytes[11]);
  if (!prefixOk) return undefined;
  const versionKey = (bytes[5] as number) * 256 + (bytes[7] as number);
  let version = VERSIONS.get(versionKey);
  if (version === undefined) {
    version = latin1(bytes, 0, 8);
    VERSIONS.set(versionKey, version);
  }
  const status =
    ((bytes[9] as number) - 0x30) * 100 + ((bytes[10] as number) - 0x30) * 10 + (bytes[11] as number) - 0x30;
  let statusText = STATUS_TEXTS.get(status);
  if (statusText === undefined) {
    statusText = latin1(bytes, 9, 12);
    STATUS_TEXTS.set(status, statusText);
  }
  if (size === 12) return { kind: "status", line, version, statusText, status };
  return { kind: "status", line, version, statusText, status, reason: latin1(bytes, 13) };
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
