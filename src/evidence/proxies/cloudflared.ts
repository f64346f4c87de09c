import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { LineReaderFactory } from "../reader.ts";
import { goFailureKind, logfmtField, logfmtValue, shortText } from "./classify.ts";
import { defined, type FoundFailure, failureLineReader } from "./emit.ts";

/** The fields cloudflared puts on its lines about a request it could not pass to the origin. */
const ORIGIN_ERROR = /\berror="((?:[^"\\]|\\.){1,2000})"/;
const ORIGIN_SERVICE = logfmtField("originService");
const DEST = logfmtField("dest");
const UNREACHABLE_ORIGIN = "Unable to reach the origin service";
/** cloudflared answers the visitor 502 when the origin cannot be reached. */
const STATUS = 502;

/**
 * An origin named `http://…:443` or `https://…:80`: the scheme says one thing and the port the
 * other, so the tunnel speaks plaintext to a TLS port or TLS to a plaintext one.
 */
function schemeAgainstPort(origin: string | undefined): boolean {
  const m = origin && /^(https?):\/\/[^/:\s]+:(\d+)/.exec(origin);
  return !!m && ((m[1] === "http" && m[2] === "443") || (m[1] === "https" && m[2] === "80"));
}

function kindOf(error: string, origin: string | undefined): ProxyFailureKind | undefined {
  const kind = goFailureKind(error);
  return kind === "closed" && schemeAgainstPort(origin) ? "tls-mismatch" : kind;
}

/**
 * Cloudflare Tunnel's connector: `Unable to reach the origin service … : <Go error>` with the
 * origin (`originService=`) and the visitor's URL (`dest=`). The Go error says what failed; an
 * EOF from an origin whose scheme and port disagree is a TLS mismatch.
 */
export const cloudflaredReader: LineReaderFactory = {
  ...failureLineReader("cloudflared", cloudflaredFailure),
  needles: [UNREACHABLE_ORIGIN],
};

function cloudflaredFailure(text: string): FoundFailure | undefined {
  if (!text.includes(UNREACHABLE_ORIGIN)) return undefined;
  const error = ORIGIN_ERROR.exec(text)?.[1];
  const origin = logfmtValue(ORIGIN_SERVICE, text);
  const kind = error && kindOf(error, origin);
  if (!error || !kind) return undefined;
  const url = /^https?:\/\/([^/\s]+)(\/\S*)?/.exec(logfmtValue(DEST, text) ?? "");
  return defined({
    proxy: "cloudflared",
    kind,
    message: shortText(error),
    upstream: origin,
    status: STATUS,
    authority: url?.[1],
    path: url?.[2],
  });
}
