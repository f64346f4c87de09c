import type net from "node:net";
import { SettingId } from "../wire/http2/constants.ts";
import { encodeFrame } from "../wire/http2/frame-encoder.ts";
import type { Recorder } from "./recorder.ts";
import { http1RequestBytes, type ProbeRequest } from "./request.ts";

/** The HTTP/1.1 request that asks to switch to h2c (RFC 7540 §3.2, kept by RFC 9113 only as history). */
export function upgradeRequestBytes(request: ProbeRequest): Buffer {
  const settings = Buffer.from(
    encodeFrame({ kind: "SETTINGS", settings: [{ id: SettingId.ENABLE_PUSH, value: 0 }] }),
  ).subarray(9);
  return http1RequestBytes(request, [
    ["Connection", "Upgrade, HTTP2-Settings"],
    ["Upgrade", "h2c"],
    ["HTTP2-Settings", settings.toString("base64url")],
  ]);
}

const HEAD_END = Buffer.from("\r\n\r\n");
const MAX_HEAD = 64 * 1024;

/**
 * Sends the upgrade request and reads the answer's head. On `101 Switching Protocols` the bytes
 * after the head are put back on the socket for the HTTP/2 reader; otherwise every byte read is
 * put back so the HTTP/1 reader sees the whole answer.
 */
export function requestUpgrade(
  socket: net.Socket,
  request: ProbeRequest,
  recorder: Recorder,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error(`no answer to the h2c upgrade within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf(HEAD_END);
      if (end === -1 && buffered.length < MAX_HEAD) return;
      const switched = end !== -1 && /^HTTP\/1\.1 101\b/.test(buffered.toString("latin1", 0, 16));
      if (switched) recorder.record("in", buffered.subarray(0, end + 4));
      done(undefined, switched, switched ? buffered.subarray(end + 4) : buffered);
    };
    const onClose = () => done(undefined, false, buffered);
    function done(error?: Error, switched = false, putBack?: Buffer) {
      clearTimeout(timer);
      socket.removeListener("data", onData);
      socket.removeListener("end", onClose);
      socket.pause();
      if (putBack && putBack.length > 0) socket.unshift(putBack);
      if (error) reject(error);
      else resolve(switched);
    }
    socket.on("data", onData);
    socket.once("end", onClose);
    const bytes = upgradeRequestBytes(request);
    recorder.record("out", bytes);
    socket.write(bytes);
  });
}
