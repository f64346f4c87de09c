import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { LineReaderFactory } from "../reader.ts";
import { logfmtField, logfmtValue } from "./classify.ts";
import { defined, type FoundFailure, failureLineReader } from "./emit.ts";

/**
 * Heroku's router errors (`at=error code=H12 desc="Request timeout" … status=503`), by what failed.
 * Codes that say nothing about the path to the dyno (H80 maintenance mode, H81 blank app) are left out.
 */
const HEROKU_CODES: Readonly<Record<string, ProxyFailureKind>> = {
  H10: "no-healthy-upstream",
  H12: "header-timeout",
  H13: "closed",
  H14: "no-healthy-upstream",
  H15: "header-timeout",
  H18: "reset",
  H20: "refused",
  H27: "client-gone",
  H28: "client-gone",
};
const HEROKU_ROUTER = /\bheroku[[/]router\]?:? at=error code=(H\d{2}) desc="([^"]{1,100})"/;
/** A dyno killed for never listening on `$PORT`: the router had nothing to connect to. */
const HEROKU_R10 = /\bError R10 \(Boot timeout\) -> Web process failed to bind to \$PORT\b/;
/** Fly.io's proxy could not connect to the machine: the app listens elsewhere, often only on loopback. */
const FLY_REFUSED = /\bproxy\[\w{1,40}\] \w{2,6} \[error\] instance refused connection\b/;
/** Vercel's error codes that name a failure on the way to the function. */
const VERCEL_CODES: Readonly<Record<string, readonly [ProxyFailureKind, number]>> = {
  FUNCTION_PAYLOAD_TOO_LARGE: ["body-too-large", 413],
  FUNCTION_INVOCATION_TIMEOUT: ["header-timeout", 504],
  EDGE_FUNCTION_INVOCATION_TIMEOUT: ["header-timeout", 504],
  NO_RESPONSE_FROM_FUNCTION: ["closed", 502],
};
const VERCEL_CODE = /\b(FUNCTION_PAYLOAD_TOO_LARGE|(?:EDGE_)?FUNCTION_INVOCATION_TIMEOUT|NO_RESPONSE_FROM_FUNCTION)\b/;
const STATUS = logfmtField("status");
const PATH = logfmtField("path");
const HOST = logfmtField("host");
const DYNO = logfmtField("dyno");

function herokuRouter(text: string): FoundFailure | undefined {
  const m = HEROKU_ROUTER.exec(text);
  const kind = m && HEROKU_CODES[m[1] as string];
  if (!m || !kind) return undefined;
  const status = Number(logfmtValue(STATUS, text));
  return defined({
    proxy: "heroku-router",
    kind,
    message: `${m[1]} ${m[2]}`,
    status: Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined,
    upstream: logfmtValue(DYNO, text),
    authority: logfmtValue(HOST, text),
    path: logfmtValue(PATH, text),
  });
}

function platformFailure(text: string): FoundFailure | undefined {
  const heroku = herokuRouter(text);
  if (heroku) return heroku;
  if (HEROKU_R10.test(text)) {
    return { proxy: "heroku-router", kind: "refused", message: "R10 Web process failed to bind to $PORT" };
  }
  if (FLY_REFUSED.test(text)) {
    return { proxy: "fly-proxy", kind: "refused", message: "instance refused connection", status: 502 };
  }
  const vercel = VERCEL_CODE.exec(text)?.[1];
  const known = vercel ? VERCEL_CODES[vercel] : undefined;
  return vercel && known ? { proxy: "vercel", kind: known[0], message: vercel, status: known[1] } : undefined;
}

/**
 * The routers of application platforms: Heroku's router (H codes) and its R10 boot timeout,
 * Fly.io's proxy, Vercel's error codes. Each names what failed between the platform and the app.
 */
export const platformRouterReader: LineReaderFactory = {
  ...failureLineReader("platform-router", platformFailure),
  needles: [HEROKU_ROUTER, HEROKU_R10, FLY_REFUSED, VERCEL_CODE],
};
