import type { ProxyFailureKind } from "../../model/observations/proxies.ts";
import { jsonRecord } from "../json-line.ts";
import type { Line } from "../lines.ts";
import type { LineReaderFactory } from "../reader.ts";
import { AccessTally } from "./access.ts";
import { goFailureKind, goUpstream, numberField, shortText, stringField } from "./classify.ts";
import { defined, emitFailure } from "./emit.ts";

/** Upstreams remembered from debug `upstream roundtrip` lines, for the error line that follows. */
const MAX_REMEMBERED = 512;

const BODY_KINDS: Partial<Record<ProxyFailureKind, ProxyFailureKind>> = {
  "header-timeout": "body-timeout",
  "connect-timeout": "body-timeout",
};

function requestOf(record: Record<string, unknown>): Record<string, unknown> | undefined {
  const request = record.request;
  return request && typeof request === "object" && !Array.isArray(request)
    ? (request as Record<string, unknown>)
    : undefined;
}

/** A request's identity across Caddy's lines about it: the client's address and port, and the URI. */
function requestKey(request: Record<string, unknown> | undefined): string | undefined {
  if (!request) return undefined;
  const ip = stringField(request, "remote_ip") ?? stringField(request, "remote_addr");
  const port = stringField(request, "remote_port") ?? "";
  const uri = stringField(request, "uri") ?? "";
  return ip === undefined ? undefined : `${ip}:${port} ${uri}`;
}

/** `data.host` of a health event, or the checker's `host` field. */
function healthHost(record: Record<string, unknown>): string | undefined {
  const data = record.data;
  if (data && typeof data === "object" && !Array.isArray(data)) {
    const host = stringField(data as Record<string, unknown>, "host");
    if (host) return host;
  }
  return stringField(record, "host");
}

/**
 * Caddy v2 JSON logs: the error log (`http.log.error`) with the error, the status Caddy answered
 * and the request; the reverse proxy's own lines (a response cut mid-body, upstreams marked
 * unhealthy); and the access log (`http.log.access`) counted by status.
 */
export const caddyReader: LineReaderFactory = {
  format: "caddy",
  // Every line read is tested for this text first.
  needles: ['"logger":"'],
  create(context) {
    const access = new AccessTally("caddy");
    const upstreams = new Map<string, string>();
    return {
      accept(line: Line): boolean {
        if (!line.text.startsWith("{") || !line.text.includes('"logger":"')) return false;
        const record = jsonRecord(line.text);
        if (!record) return false;
        const logger = stringField(record, "logger") ?? "";
        const msg = stringField(record, "msg") ?? "";
        const level = stringField(record, "level");
        const request = requestOf(record);
        const place = defined({
          authority: request ? stringField(request, "host") : undefined,
          path: request ? stringField(request, "uri") : undefined,
        });
        if (logger.startsWith("http.log.access")) {
          const status = numberField(record, "status");
          if (status === undefined) return false;
          const duration = numberField(record, "duration");
          access.add(
            context,
            line,
            defined({
              status,
              path: place.path,
              durationMs: duration === undefined ? undefined : Math.round(duration * 1000),
            }),
          );
          return true;
        }
        if (logger.startsWith("http.log.error")) {
          const kind = goFailureKind(msg);
          if (!kind) return false;
          const key = requestKey(request);
          const upstream = goUpstream(msg) ?? (key === undefined ? undefined : upstreams.get(key));
          if (key !== undefined) upstreams.delete(key);
          emitFailure(
            context,
            line,
            defined({
              proxy: "caddy",
              kind,
              level,
              message: shortText(msg),
              status: numberField(record, "status"),
              upstream,
            }),
            place,
          );
          return true;
        }
        if (logger === "http.handlers.reverse_proxy") {
          const error = stringField(record, "error") ?? "";
          if (msg === "upstream roundtrip") {
            const key = requestKey(request);
            const upstream = stringField(record, "upstream");
            if (error === "" || key === undefined || upstream === undefined) return false;
            if (upstreams.size >= MAX_REMEMBERED) upstreams.delete(upstreams.keys().next().value as string);
            upstreams.set(key, upstream);
            return true;
          }
          if (msg === "reading from backend") return error !== "";
          if (msg !== "aborting with incomplete response") return false;
          const inner = goFailureKind(error);
          const kind = (inner && BODY_KINDS[inner]) ?? "body-cut";
          emitFailure(
            context,
            line,
            defined({ proxy: "caddy", kind, level, message: shortText(error || msg), upstream: goUpstream(error) }),
            place,
          );
          return true;
        }
        const error = stringField(record, "error");
        const unhealthy =
          (logger.startsWith("http.handlers.reverse_proxy.health_checker") &&
            (error !== undefined || /unhealthy|fail/i.test(msg))) ||
          (logger === "events" && stringField(record, "name") === "unhealthy");
        if (!unhealthy) return false;
        const host = healthHost(record);
        emitFailure(
          context,
          line,
          defined({
            proxy: "caddy",
            kind: "marked-unhealthy",
            level,
            message: shortText(error ? `${msg}: ${error}` : msg),
            upstream: host,
          }),
        );
        return true;
      },
      end(): void {
        access.end(context);
      },
    };
  },
};
