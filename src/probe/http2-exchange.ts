import type net from "node:net";
import { CLIENT_PREFACE, ErrorCode, errorCodeName, frameTypeName, SettingId } from "../wire/http2/constants.ts";
import { FrameDecoder } from "../wire/http2/frame-decoder.ts";
import { encodeFrame, type FrameSpec } from "../wire/http2/frame-encoder.ts";
import type { Frame } from "../wire/http2/frames.ts";
import type { HeaderField } from "../wire/http2/hpack/decoder.ts";
import { HpackDecoder } from "../wire/http2/hpack/decoder.ts";
import { HpackEncoder } from "../wire/http2/hpack/encoder.ts";
import type { Timings } from "./connect.ts";
import type { EndReason, ExchangeLimits } from "./http1-exchange.ts";
import type { Recorder } from "./recorder.ts";
import { authorityOf, type ProbeRequest, requestHeaders, targetOf } from "./request.ts";
import type { ProbeFrame, ProbeResponse } from "./result.ts";

export interface Http2Outcome {
  readonly response?: ProbeResponse;
  readonly end: EndReason;
  readonly error?: string;
  readonly frames: readonly ProbeFrame[];
  readonly reset?: { readonly code: string; readonly afterBodyBytes: number };
  readonly goaway?: { readonly code: string; readonly lastStreamId: number; readonly debug: string };
  readonly bytesReceived: number;
  /** The decoded response header fields, exactly as sent (latin1), for the wire checks. */
  readonly fields: readonly HeaderField[];
}

const STREAM = 1;
/** Our receive window: large, so the probe reads as fast as the server sends. */
const WINDOW = 8 * 1024 * 1024;
const MAX_FRAMES_KEPT = 2000;
/** A header block larger than this is a CONTINUATION flood, not a response. */
const MAX_HEADER_BLOCK = 256 * 1024;
const CONNECTION_SPECIFIC = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "host",
]);

/**
 * Speaks HTTP/2 on an open connection (after ALPN h2, or cleartext with prior knowledge): sends
 * the preface, SETTINGS and one request on stream 1, answers SETTINGS and PING, keeps the
 * windows open, and reads until the stream ends, is reset, or the connection goes away.
 */
export function http2Exchange(
  socket: net.Socket,
  request: ProbeRequest,
  scheme: "https" | "http",
  options: {
    readonly limits: ExchangeLimits;
    readonly recorder: Recorder;
    readonly timings: Timings;
    readonly started: number;
    /** Stream 1 was opened by an HTTP/1.1 Upgrade request: send no HEADERS of our own. */
    readonly upgraded?: boolean;
  },
): Promise<Http2Outcome> {
  return new Promise((resolve) => {
    const decoder = new FrameDecoder({ preface: false });
    const hpack = new HpackDecoder();
    const frames: ProbeFrame[] = [];
    const fields: HeaderField[] = [];
    let response: { status?: number; headers: [string, string][]; headerBytes: number; declared?: number } | undefined;
    let block: Uint8Array[] = [];
    let blockBytes = 0;
    let bodyBytes = 0;
    let unacked = 0;
    let received = 0;
    let reset: Http2Outcome["reset"];
    let goaway: Http2Outcome["goaway"];
    let finished = false;
    let idle: NodeJS.Timeout | undefined;
    const now = () => Math.round((performance.now() - options.started) * 100) / 100;
    const total = setTimeout(() => finish("total-timeout"), options.limits.totalTimeoutMs);
    const resetIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish("idle-timeout"), options.limits.idleTimeoutMs);
    };

    const note = (
      direction: "out" | "in",
      type: string,
      stream: number,
      flags: string[],
      length: number,
      detail?: string,
    ) => {
      if (frames.length < MAX_FRAMES_KEPT)
        frames.push({ direction, atMs: now(), type, stream, flags, length, ...(detail ? { detail } : {}) });
    };
    const send = (spec: FrameSpec, detail?: string) => {
      const bytes = Buffer.from(encodeFrame(spec));
      options.recorder.record("out", bytes);
      socket.write(bytes);
      note(
        "out",
        spec.kind === "RAW" ? frameTypeName(spec.type) : spec.kind,
        "streamId" in spec ? spec.streamId : 0,
        [],
        bytes.length - 9,
        detail,
      );
    };

    function finish(end: EndReason, error?: string) {
      if (finished) return;
      finished = true;
      clearTimeout(total);
      clearTimeout(idle);
      socket.removeAllListeners("data");
      socket.destroy();
      options.timings.totalMs = now();
      const complete = end === "complete";
      resolve({
        ...(response
          ? {
              response: {
                ...(response.status !== undefined ? { status: response.status } : {}),
                httpVersion: "HTTP/2",
                headers: response.headers,
                headerBytes: response.headerBytes,
                ...(response.declared !== undefined ? { declaredLength: response.declared } : {}),
                bodyBytes,
                chunked: false,
                lastChunk: false,
                complete,
              },
            }
          : {}),
        end,
        ...(error ? { error } : {}),
        frames,
        ...(reset ? { reset } : {}),
        ...(goaway ? { goaway } : {}),
        bytesReceived: received,
        fields,
      });
    }

    const addToBlock = (fragment: Uint8Array): boolean => {
      block.push(fragment);
      blockBytes += fragment.length;
      if (blockBytes <= MAX_HEADER_BLOCK) return true;
      finish("too-large", `header block over ${MAX_HEADER_BLOCK} bytes without END_HEADERS (CONTINUATION flood)`);
      return false;
    };

    const onHeaderBlock = (endStream: boolean) => {
      const bytes = Buffer.concat(block);
      block = [];
      blockBytes = 0;
      const decoded = hpack.decode(bytes);
      if (decoded.error) return finish("error", `HPACK: ${decoded.error.message}`);
      const status = Number(decoded.fields.find((f) => f.name === ":status")?.value);
      if (!response || response.status === undefined) {
        if (status >= 100 && status < 200) return;
        fields.push(...decoded.fields);
        const declared = decoded.fields.find((f) => f.name === "content-length")?.value;
        response = {
          ...(Number.isFinite(status) ? { status } : {}),
          headers: decoded.fields.filter((f) => !f.name.startsWith(":")).map((f) => [f.name, f.value]),
          headerBytes: decoded.listSize,
          ...(declared !== undefined && /^\d+$/.test(declared) ? { declared: Number(declared) } : {}),
        };
      }
      if (endStream) finish("complete");
    };

    const onFrame = (frame: Frame) => {
      const flags: string[] = [];
      if ("endStream" in frame && frame.endStream) flags.push("END_STREAM");
      if ("endHeaders" in frame && frame.endHeaders) flags.push("END_HEADERS");
      if ("ack" in frame && frame.ack) flags.push("ACK");
      let detail: string | undefined;
      switch (frame.kind) {
        case "SETTINGS":
          if (!frame.ack) send({ kind: "SETTINGS", ack: true });
          detail = frame.settings.map((s) => `${s.id}=${s.value}`).join(" ");
          break;
        case "PING":
          if (!frame.ack) send({ kind: "PING", ack: true, data: frame.data });
          break;
        case "HEADERS":
          if (frame.streamId === STREAM && addToBlock(frame.block) && frame.endHeaders) onHeaderBlock(frame.endStream);
          break;
        case "CONTINUATION":
          if (frame.streamId === STREAM && addToBlock(frame.block) && frame.endHeaders) onHeaderBlock(false);
          break;
        case "DATA":
          if (frame.streamId === STREAM) {
            bodyBytes += frame.data.length;
            unacked += frame.length;
            if (unacked > WINDOW / 2) {
              send({ kind: "WINDOW_UPDATE", streamId: 0, increment: unacked });
              send({ kind: "WINDOW_UPDATE", streamId: STREAM, increment: unacked });
              unacked = 0;
            }
            if (frame.endStream) {
              note("in", frame.kind, frame.streamId, flags, frame.length);
              return finish("complete");
            }
          }
          break;
        case "RST_STREAM":
          detail = errorCodeName(frame.errorCode);
          if (frame.streamId === STREAM) {
            reset = { code: errorCodeName(frame.errorCode), afterBodyBytes: bodyBytes };
            note("in", frame.kind, frame.streamId, flags, frame.length, detail);
            return finish("reset");
          }
          break;
        case "GOAWAY": {
          const debug = Buffer.from(frame.debugData).toString("latin1").slice(0, 200);
          goaway = { code: errorCodeName(frame.errorCode), lastStreamId: frame.lastStreamId, debug };
          detail = `${goaway.code} last=${frame.lastStreamId} ${debug}`;
          if (frame.lastStreamId < STREAM || frame.errorCode !== ErrorCode.NO_ERROR) {
            note("in", frame.kind, frame.streamId, flags, frame.length, detail);
            return finish(response ? "reset" : "closed");
          }
          break;
        }
        default:
          break;
      }
      note("in", frame.kind, frame.streamId, flags, frame.length, detail);
    };

    socket.on("data", (chunk: Buffer) => {
      if (received === 0) options.timings.firstByteMs = now();
      options.recorder.record("in", chunk);
      received += chunk.length;
      if (received > options.limits.maxResponseBytes) return finish("too-large");
      for (const event of decoder.push(chunk)) {
        if (finished) return;
        if (event.kind === "frame") onFrame(event.frame);
        else if (event.kind === "error") return finish("error", `HTTP/2 framing: ${event.error.message}`);
      }
      resetIdle();
    });
    socket.once("end", () => finish("closed"));
    socket.once("close", () => finish("closed"));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish(error.code === "ECONNRESET" ? "reset" : "error", error.message),
    );

    const preface = Buffer.from(CLIENT_PREFACE);
    options.recorder.record("out", preface);
    socket.write(preface);
    send({
      kind: "SETTINGS",
      settings: [
        { id: SettingId.ENABLE_PUSH, value: 0 },
        { id: SettingId.INITIAL_WINDOW_SIZE, value: WINDOW },
      ],
    });
    send({ kind: "WINDOW_UPDATE", streamId: 0, increment: WINDOW - 65_535 });
    resetIdle();
    if (options.upgraded) return;
    const encoder = new HpackEncoder();
    const requestFields: HeaderField[] = [
      { name: ":method", value: request.method },
      { name: ":scheme", value: scheme },
      { name: ":authority", value: authorityOf(request.url) },
      { name: ":path", value: targetOf(request.url) },
      ...requestHeaders(request)
        .map(([name, value]) => ({ name: name.toLowerCase(), value }))
        .filter((field) => !CONNECTION_SPECIFIC.has(field.name)),
    ];
    const body = request.body;
    send(
      {
        kind: "HEADERS",
        streamId: STREAM,
        block: encoder.encode(requestFields),
        endHeaders: true,
        endStream: !body || body.length === 0,
      },
      `${request.method} ${targetOf(request.url)}`,
    );
    if (body && body.length > 0) send({ kind: "DATA", streamId: STREAM, data: body, endStream: true });
  });
}
