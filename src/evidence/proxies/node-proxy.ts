import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { Line } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";
import { shortText } from "./classify.ts";
import { defined, emitFailure } from "./emit.ts";

/**
 * http-proxy-middleware (Express, webpack-dev-server, Angular CLI, Kubeflow's UI…), v0.x–v2:
 * `[HPM] Error occurred while trying to proxy request <path> from <host> to <target> (<CODE>) (<docs>)`,
 * and v3: `[HPM] Error occurred while proxying request <host><path> to <target> [<CODE>] (<docs>)`.
 */
const HPM =
  /\[HPM\] Error occurred while (?:trying to proxy request (\S{1,2048}) from (\S{1,512}) to (\S{1,2048}) \((\w{1,40})\)|proxying request (\S{1,2048}) to (\S{1,2048}) \[(\w{1,40})\])/;
/** Vite's dev server: `[vite] http proxy error at /api/x:` (or `error: /api/x`), the Node error on the same or the next line. */
const VITE = /\[vite\] http proxy error(?: at|:) (\S{1,2048}?):?(?:\s+(?:Error: )?(.*))?$/;
const NODE_ERROR = /^\s*(?:Error: )?(?:connect|read|write|getaddrinfo) (E[A-Z]{3,20})\b(?: (\S{1,300}))?/;

/** http-proxy-middleware's default error handler answers 504 for these codes and 500 for the rest. */
const HPM_GATEWAY_TIMEOUT = new Set(["ECONNRESET", "ENOTFOUND", "ECONNREFUSED", "ETIMEDOUT"]);
/** Vite's proxy answers every error with 500. */
const VITE_STATUS = 500;

/** What a Node socket error code says failed, in the proxies' common terms. */
function kindOfCode(code: string): ProxyFailureKind | undefined {
  switch (code) {
    case "ECONNREFUSED":
      return "refused";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "unreachable";
    case "ETIMEDOUT":
      return "connect-timeout";
    case "ECONNRESET":
    case "EPIPE":
      return "reset";
    case "EPROTO":
    case "ERR_SSL_WRONG_VERSION_NUMBER":
      return "tls-mismatch";
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "CERT_HAS_EXPIRED":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return "tls-certificate";
    default:
      return undefined;
  }
}

/** A dev server's or Express app's Node proxy: the request it could not pass on, and why. */
export const nodeProxyReader: LineReaderFactory = {
  format: "node-proxy",
  // A Node error without a needle is read only on the line after a Vite error line: inBlock.
  needles: ["[HPM]", "[vite]"],
  create(context) {
    /** Vite's error line when the Node error comes on the next line. */
    let pendingVite: { line: Line; path: string } | undefined;
    const emit = (
      line: Line,
      code: string,
      path: string | undefined,
      upstream: string | undefined,
      status: number,
    ): boolean => {
      const kind = kindOfCode(code);
      if (!kind) return false;
      const message = shortText(line.text.trim());
      emitFailure(context, line, defined({ proxy: "node-proxy", kind, message, upstream, status }), defined({ path }));
      return true;
    };
    return {
      inBlock: () => pendingVite !== undefined,
      accept(line) {
        const text = line.text;
        const waiting = pendingVite;
        pendingVite = undefined;
        if (waiting) {
          const error = NODE_ERROR.exec(text);
          if (error && emit(waiting.line, error[1] as string, waiting.path, error[2], VITE_STATUS)) return true;
        }
        if (text.includes("[HPM]")) {
          const m = HPM.exec(text);
          if (!m) return false;
          const code = (m[4] ?? m[7]) as string;
          return emit(line, code, m[1] ?? m[5], m[3] ?? m[6], HPM_GATEWAY_TIMEOUT.has(code) ? 504 : 500);
        }
        if (!text.includes("[vite]")) return false;
        const vite = VITE.exec(text);
        if (!vite) return false;
        const inline = vite[2] ? NODE_ERROR.exec(vite[2]) : null;
        if (inline) emit(line, inline[1] as string, vite[1], inline[2], VITE_STATUS);
        else pendingVite = { line, path: vite[1] as string };
        return true;
      },
      end() {},
    };
  },
};
