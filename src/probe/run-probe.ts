import type { Http1Message } from "../wire/http1/types.ts";
import { type ConnectOptions, openConnection, ProbeError, type Timings } from "./connect.ts";
import { type ExchangeLimits, http1Exchange } from "./http1-exchange.ts";
import { Recorder } from "./recorder.ts";
import { http1RequestBytes, type ProbeRequest } from "./request.ts";
import type { ProbeProtocol, ProbeResponse, ProbeResult } from "./result.ts";

export type ProtocolChoice = "auto" | "http1.1" | "http2" | "h2c";

export interface ProbeOptions {
  readonly request: ProbeRequest;
  readonly protocol: ProtocolChoice;
  readonly connect: Omit<ConnectOptions, "host" | "port" | "tls" | "alpn">;
  readonly limits: ExchangeLimits;
}

export interface ProbeRun {
  readonly result: ProbeResult;
  readonly recorder: Recorder;
  readonly startedAtMs: number;
  readonly local?: { readonly address: string; readonly port: number };
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/** Makes one request the way the options say and keeps every byte of it. */
export async function runProbe(options: ProbeOptions): Promise<ProbeRun> {
  const { request } = options;
  const started = performance.now();
  const startedAtMs = Date.now();
  const recorder = new Recorder(started);
  const tls = request.url.protocol === "https:";
  const protocol: ProbeProtocol = "http/1.1";
  const base = { url: request.url.toString(), method: request.method, protocol };
  let timings: Timings = {};
  try {
    const connection = await openConnection(
      {
        ...options.connect,
        host: request.url.hostname.replace(/^\[|\]$/g, ""),
        port: defaultPort(request.url),
        tls,
        alpn: ["http/1.1"],
      },
      started,
    );
    timings = connection.timings;
    const bytes = http1RequestBytes(request);
    const outcome = await http1Exchange(connection.socket, bytes, {
      head: request.method === "HEAD",
      limits: options.limits,
      recorder,
      timings,
      started,
    });
    return {
      startedAtMs,
      recorder,
      local: { address: connection.localAddress, port: connection.localPort },
      result: {
        ...base,
        remote: { address: connection.remoteAddress, port: connection.remotePort },
        ...(connection.tls ? { tls: connection.tls, alpnOffered: ["http/1.1"] } : {}),
        timings,
        end: outcome.end,
        ...(outcome.error ? { error: { phase: "exchange", message: outcome.error } } : {}),
        ...(outcome.response ? { response: http1Response(outcome.response) } : {}),
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
        timings: error.timings,
        end: "error",
        error: { phase: error.phase, message: error.message },
        bytesSent: 0,
        bytesReceived: 0,
      },
    };
  }
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
