import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import net from "node:net";
import type { WatchTarget } from "./target.ts";

export interface AttemptResult {
  readonly ok: boolean;
  readonly rttMs?: number;
  readonly error?: string;
  readonly retransmitted?: boolean;
}

/** A connect that takes longer than this waited for the kernel to resend its SYN (RTO 1 s). */
const SYN_RETRANSMIT_MS = 900;

/** Opens a TCP connection and closes it at once; the time to established is the RTT. */
export function tcpConnect(target: WatchTarget, timeoutMs: number): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host: target.host, port: target.port });
    const finish = (result: AttemptResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `connect timeout after ${timeoutMs} ms` }), timeoutMs);
    socket.once("connect", () => {
      const rttMs = performance.now() - started;
      finish({ ok: true, rttMs, retransmitted: rttMs >= SYN_RETRANSMIT_MS });
    });
    socket.once("error", (error: NodeJS.ErrnoException) => finish({ ok: false, error: describeError(error) }));
  });
}

/** Sends one small GET and reads the whole answer; a 5xx counts as a failure. */
export function httpRequest(target: WatchTarget, timeoutMs: number): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const url = target.url as URL;
    const started = performance.now();
    const client = url.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = client.request(
      url,
      { method: "GET", agent: false, headers: { "user-agent": "proxydoc-watch" } },
      (response) => {
        response.on("data", () => {});
        response.once("end", () => {
          const status = response.statusCode ?? 0;
          const rttMs = performance.now() - started;
          finish(status >= 500 ? { ok: false, rttMs, error: `HTTP ${status}` } : { ok: true, rttMs });
        });
        response.once("error", (error) => finish({ ok: false, error: describeError(error) }));
      },
    );
    const timer = setTimeout(() => finish({ ok: false, error: `request timeout after ${timeoutMs} ms` }), timeoutMs);
    request.once("error", (error) => finish({ ok: false, error: describeError(error) }));
    request.end();
  });
}

/**
 * One long-lived HTTP/2 connection that is PINGed: this is what Go's health check and gRPC
 * keepalives do, so a lost PING here is what makes them drop the connection. A lost
 * connection is reopened on the next attempt.
 */
export class PingSession {
  readonly #target: WatchTarget;
  #session: http2.ClientHttp2Session | null = null;
  #lostReason: string | null = null;

  constructor(target: WatchTarget) {
    this.#target = target;
  }

  async ping(timeoutMs: number): Promise<AttemptResult> {
    const session = await this.#open(timeoutMs).catch((error: Error) => error);
    if (session instanceof Error) return { ok: false, error: session.message };
    return new Promise((resolve) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        this.close();
        resolve({ ok: false, error: `PING not answered within ${timeoutMs} ms` });
      }, timeoutMs);
      const sent = session.ping((error, duration) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(error ? { ok: false, error: describeError(error) } : { ok: true, rttMs: duration });
      });
      if (!sent && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ ok: false, error: "too many PINGs in flight" });
      }
    });
  }

  #open(timeoutMs: number): Promise<http2.ClientHttp2Session> {
    if (this.#session && !this.#session.closed && !this.#session.destroyed) return Promise.resolve(this.#session);
    const lost = this.#lostReason;
    this.#lostReason = null;
    const target = this.#target;
    const authority = `${target.tls ? "https" : "http"}://${target.host.includes(":") ? `[${target.host}]` : target.host}:${target.port}`;
    return new Promise((resolve, reject) => {
      const session = http2.connect(authority, { rejectUnauthorized: false });
      const timer = setTimeout(() => {
        session.destroy();
        reject(
          new Error(
            `HTTP/2 connect timeout after ${timeoutMs} ms${lost ? ` (previous connection lost: ${lost})` : ""}`,
          ),
        );
      }, timeoutMs);
      session.once("connect", () => {
        clearTimeout(timer);
        this.#session = session;
        resolve(session);
      });
      session.once("error", (error) => {
        clearTimeout(timer);
        this.#lostReason = describeError(error);
        reject(new Error(describeError(error)));
      });
      session.once("goaway", (code: number) => {
        this.#lostReason = `GOAWAY code ${code}`;
      });
      session.once("close", () => {
        if (this.#session === session) this.#session = null;
      });
    });
  }

  close(): void {
    this.#session?.destroy();
    this.#session = null;
  }
}

export function describeError(error: NodeJS.ErrnoException | Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error.message;
  const message = error.message.replace(/^(connect|read|write|getaddrinfo) /, "");
  return message.startsWith(code) ? message : `${code}: ${message}`;
}
