import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import { KNOWN_LINE, type LineReaderFactory } from "../reader.ts";
import { type FoundFailure, failureLineReader } from "./emit.ts";

/**
 * An IIS W3C log line: `date time s-ip method uri-stem uri-query port user c-ip agent … status
 * substatus win32-status time-taken`. Only its start and its last four fields are relied on.
 */
const W3C =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+ ([A-Z]{3,10}) (\S{1,2048}) .* ([1-5]\d\d) (\d{1,3}) (\d{1,10}) (\d{1,10})\s*$/;

/**
 * The end of the line's time, which W3C holds but has no fixed text for: `:` and the seconds'
 * two digits before a space (`2024-03-11 08:00:07 `), one string for each of the 100 digit pairs.
 */
const W3C_NEEDLES: readonly string[] = Array.from({ length: 100 }, (_, n) => `:${String(n).padStart(2, "0")} `);

/**
 * What 502.3 (the forwarder of ARR or the ASP.NET Core Module could not get an answer) says failed,
 * by the WinHTTP or Winsock error in the win32-status field.
 */
const FORWARDER_ERRORS: Readonly<Record<string, ProxyFailureKind>> = {
  "12002": "header-timeout",
  "12029": "refused",
  "1225": "refused",
  "12007": "unreachable",
  "12030": "closed",
  "12031": "reset",
  "64": "closed",
  "10054": "reset",
  "12152": "malformed-response",
  "12175": "tls-mismatch",
  "12157": "tls-mismatch",
};

function kindOf(status: string, substatus: string, win32: string): ProxyFailureKind | undefined {
  if (status === "502" && substatus === "3") return FORWARDER_ERRORS[win32];
  // 502.4: ARR found no server in the farm to send to.
  if (status === "502" && substatus === "4") return "no-healthy-upstream";
  return undefined;
}

/** IIS's W3C access log: the 502.3 and 502.4 lines of ARR and the ASP.NET Core Module, by their win32 error. */
export const iisLogReader: LineReaderFactory = {
  ...failureLineReader("iis-w3c", iisFailure),
  needles: W3C_NEEDLES,
};

function iisFailure(text: string): FoundFailure | typeof KNOWN_LINE | undefined {
  const m = W3C.exec(text);
  if (!m) return undefined;
  const [path = "", status = "", substatus = "", win32 = ""] = m.slice(2);
  const kind = kindOf(status, substatus, win32);
  if (!kind) return KNOWN_LINE;
  return { proxy: "iis", kind, message: `${status}.${substatus} (win32 ${win32})`, status: Number(status), path };
}
