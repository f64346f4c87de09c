import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import type { Line } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";
import { shortText } from "./classify.ts";
import { defined, emitFailure } from "./emit.ts";

/** A varnishlog record line: `-   Tag   value`, the transaction's head `*   << BeReq    >> 1234`. */
const RECORD = /^[-*]\s+(?:<< (\w+)\s+>>\s+\d+|(\w+)\s+(.*))$/;
/** `BackendOpen 508 api01 10.0.0.183 8000 10.0.0.40 53832 reuse` (`connect` for a new connection). */
const BACKEND_OPEN = /^\d+ (\S+) (\S+) (\d{1,5}) \S+ \d{1,5}(?: (reuse|connect))?/;

/** Fetch errors that say the backend's connection ended before its response, by what they mean. */
const FETCH_ERRORS: readonly (readonly [RegExp, ProxyFailureKind])[] = [
  [/^HTC eof \(-1\)|^backend closed|^http first read error: EOF/, "closed"],
  [/^HTC (?:idle )?timeout|^first byte timeout|^between bytes timeout/, "header-timeout"],
  [/^Could not get storage|^Resource temporarily unavailable/, "body-cut"],
];

/**
 * Varnish's shared-memory log as `varnishlog` prints it, backend transactions only: a fetch that
 * failed, and whether it went out on a reused pooled connection (the backend closing idle ones
 * first is the usual reason) or a fresh one.
 */
export const varnishlogReader: LineReaderFactory = {
  format: "varnishlog",
  needles: ["<< BeReq", "BackendOpen", "BackendClose", "FetchError"],
  create(context) {
    let backend: { name: string; address: string; reused: boolean } | undefined;
    return {
      accept(line: Line): boolean {
        const m = RECORD.exec(line.text.trim());
        if (!m) return false;
        if (m[1] !== undefined) {
          if (m[1] !== "BeReq") return false;
          backend = undefined;
          return true;
        }
        const tag = m[2] as string;
        const value = m[3] ?? "";
        if (tag === "BackendOpen") {
          const open = BACKEND_OPEN.exec(value);
          if (!open) return false;
          backend = { name: open[1] as string, address: `${open[2]}:${open[3]}`, reused: open[4] === "reuse" };
          return true;
        }
        if (tag === "BackendClose") {
          backend = undefined;
          return true;
        }
        if (tag !== "FetchError") return false;
        // Only a fetch on an open backend connection: its error is that connection's.
        const open = backend;
        const kind = open && FETCH_ERRORS.find(([pattern]) => pattern.test(value))?.[1];
        if (!open || !kind) return true;
        emitFailure(
          context,
          line,
          defined({
            proxy: "varnish",
            kind,
            message: shortText(
              `${value} (backend ${open.name}, ${open.reused ? "reused connection" : "new connection"})`,
            ),
            status: 503,
            upstream: open.address,
          }),
        );
        return true;
      },
      end(): void {},
    };
  },
};
