import type { Http1Message } from "../wire/http1/types.ts";
import { type ConnectOptions, openConnection, ProbeError } from "./connect.ts";
import { type EndReason, type ExchangeLimits, type Http1Outcome, http1Exchange } from "./http1-exchange.ts";
import { http2Exchange } from "./http2-exchange.ts";
import { Recorder } from "./recorder.ts";
import { http1RequestBytes, type ProbeRequest } from "./request.ts";
import type { ProbeProtocol, ProbeResponse, ProbeResult } from "./result.ts";
import { requestUpgrade } from "./upgrade.ts";

export type ProtocolChoice = "auto" | "http1.1" | "http2" | "h2c" | "h2c-upgrade";

export interface ProbeOptions {
  readonly request: ProbeRequest;
  readonly protocol: ProtocolChoice;
  readonly connect: Omit<ConnectOptions, "host" | "port" | "tls" | "alpn">;
  readonly limits: ExchangeLimits;
}

export interface ProbeRun {
  readonly result: ProbeResult;
  /** HTTP/1 only: the response messages as the tolerant parser read them, for the wire checks. */
  readonly messages?: readonly Http1Message[];
  readonly recorder: Recorder;
  readonly startedAtMs: number;
  readonly local?: { readonly address: string; readonly port: number };
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/**
 * Makes one request the way the options say and keeps every byte of it. Over TLS, HTTP/2 is
 * used when the server picks it in ALPN (unless --http1.1); over cleartext only with --h2c.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeRun> {
  const { request } = options;
  const started = performance.now();
  const startedAtMs = Date.now();
  const recorder = new Recorder(started);
  const tls = request.url.protocol === "https:";
  const alpn = options.protocol === "http1.1" ? ["http/1.1"] : ["h2", "http/1.1"];
  const planned: ProbeProtocol = options.protocol.startsWith("h2c") && !tls ? "h2c" : "http/1.1";
  const base = { url: request.url.toString(), method: request.method };
  try {
    const connection = await openConnection(
      {
        ...options.connect,
        host: request.url.hostname.replace(/^\[|\]$/g, ""),
        port: defaultPort(request.url),
        tls,
        alpn,
      },
      started,
    );
    const { timings } = connection;
    const upgrading = options.protocol === "h2c-upgrade" && !tls;
    const switched =
      upgrading &&
      (await requestUpgrade(connection.socket, request, recorder, options.limits.idleTimeoutMs).catch(() => false));
    if (upgrading) connection.socket.resume();
    const protocol: ProbeProtocol =
      connection.tls?.alpn === "h2" ? "h2" : upgrading && !switched ? "http/1.1" : planned;
    const context = { limits: options.limits, recorder, timings, started };
    const head = request.method === "HEAD";
    const outcome =
      protocol === "http/1.1"
        ? http1Outcome(
            await http1Exchange(connection.socket, upgrading ? null : http1RequestBytes(request), { ...context, head }),
          )
        : await http2Exchange(connection.socket, request, tls ? "https" : "http", { ...context, upgraded: switched });
    return {
      startedAtMs,
      recorder,
      ...("messages" in outcome ? { messages: outcome.messages } : {}),
      local: { address: connection.localAddress, port: connection.localPort },
      result: {
        ...base,
        protocol,
        remote: { address: connection.remoteAddress, port: connection.remotePort },
        ...(connection.tls ? { tls: connection.tls, alpnOffered: alpn } : {}),
        timings,
        end: outcome.end,
        ...(outcome.error ? { error: { phase: "exchange", message: outcome.error } } : {}),
        ...(outcome.response ? { response: outcome.response } : {}),
        ...("frames" in outcome ? { frames: outcome.frames } : {}),
        ...("reset" in outcome && outcome.reset ? { reset: outcome.reset } : {}),
        ...("goaway" in outcome && outcome.goaway ? { goaway: outcome.goaway } : {}),
        bytesSent: recorder.bytesSeen("out"),
        bytesReceived: outcome.bytesReceived,
      },
    };
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    return {
      startedAtMs,
      recorder,
      result: {
        ...base,
        protocol: planned,
        timings: error.timings,
        end: "error",
        error: { phase: error.phase, message: error.message },
        bytesSent: 0,
        bytesReceived: 0,
      },
    };
  }
}

function http1Outcome(outcome: Http1Outcome): {
  messages: readonly Http1Message[];
  response?: ProbeResponse;
  end: EndReason;
  error?: string;
  bytesReceived: number;
} {
  return {
    messages: outcome.messages,
    ...(outcome.response ? { response: http1Response(outcome.response) } : {}),
    end: outcome.end,
    ...(outcome.error ? { error: outcome.error } : {}),
    bytesReceived: outcome.bytesReceived,
  };
}

function http1Response(message: Http1Message): ProbeResponse {
  const { startLine, body } = message;
  return {
    ...(startLine.status !== undefined ? { status: startLine.status } : {}),
    ...(startLine.reason !== undefined ? { reason: startLine.reason } : {}),
    ...(startLine.version !== undefined ? { httpVersion: startLine.version } : {}),
    headers: message.fields.map((field) => [field.name, field.value] as const),
    headerBytes: message.headerBytes,
    ...(body.declared !== undefined ? { declaredLength: body.declared } : {}),
    bodyBytes: body.received,
    chunked: message.framing === "chunked",
    lastChunk: body.lastChunk,
    complete: message.headComplete && body.complete,
  };
}
