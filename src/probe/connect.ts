import { lookup } from "node:dns/promises";
import net from "node:net";
import tls from "node:tls";
import type { Recorder } from "./recorder.ts";

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** ALPN protocols to offer over TLS, in order. */
  readonly alpn: readonly string[];
  /** `--resolve host:port:address`: connect here instead of resolving. */
  readonly address?: string;
  /** `--connect-to`: another host and port to connect to, keeping the Host and SNI. */
  readonly connectHost?: string;
  readonly connectPort?: number;
  readonly insecure: boolean;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly ca?: Buffer;
  /** An HTTP proxy to tunnel through with CONNECT. */
  readonly proxy?: { readonly host: string; readonly port: number };
  readonly timeoutMs: number;
  readonly onKeylog?: (line: Buffer) => void;
}

export interface PeerCertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly daysLeft: number;
  readonly subjectAltNames: readonly string[];
}

export interface TlsDetails {
  readonly version: string;
  readonly cipher: string;
  readonly alpn: string | null;
  readonly authorized: boolean;
  readonly authorizationError?: string;
  readonly hostnameMatches: boolean;
  readonly chain: readonly PeerCertificateInfo[];
}

export interface Timings {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs?: number;
}

export interface Connection {
  readonly socket: net.Socket;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly tls?: TlsDetails;
  readonly timings: Timings;
}

export class ProbeError extends Error {
  override readonly name = "ProbeError";
  readonly phase: "dns" | "connect" | "proxy" | "tls" | "exchange";
  readonly timings: Timings;
  constructor(phase: ProbeError["phase"], message: string, timings: Timings) {
    super(message);
    this.phase = phase;
    this.timings = timings;
  }
}

/** Resolves, connects (through a proxy when asked) and negotiates TLS, timing each phase. */
export async function openConnection(options: ConnectOptions, started: number): Promise<Connection> {
  const timings: Timings = {};
  const since = () => Math.round((performance.now() - started) * 100) / 100;
  const dialHost = options.proxy?.host ?? options.connectHost ?? options.host;
  const dialPort = options.proxy?.port ?? options.connectPort ?? options.port;
  let address = options.proxy ? undefined : options.address;
  if (!address) {
    address = net.isIP(dialHost)
      ? dialHost
      : await resolve(dialHost, options.timeoutMs).catch((error: Error) => {
          throw new ProbeError("dns", `cannot resolve ${dialHost}: ${error.message}`, timings);
        });
  }
  timings.dnsMs = since();
  const socket = await dial(address, dialPort, options.timeoutMs).catch((error: Error) => {
    throw new ProbeError("connect", `cannot connect to ${address}:${dialPort}: ${error.message}`, timings);
  });
  timings.connectMs = since();
  if (options.proxy) {
    await tunnel(
      socket,
      options.connectHost ?? options.host,
      options.connectPort ?? options.port,
      options.timeoutMs,
    ).catch((error: Error) => {
      socket.destroy();
      throw new ProbeError("proxy", error.message, timings);
    });
  }
  const base = {
    remoteAddress: socket.remoteAddress ?? address,
    remotePort: socket.remotePort ?? dialPort,
    localAddress: socket.localAddress ?? "",
    localPort: socket.localPort ?? 0,
    timings,
  };
  if (!options.tls) return { socket, ...base };
  const secure = await handshake(socket, options).catch((error: Error) => {
    socket.destroy();
    throw new ProbeError("tls", `TLS handshake with ${options.host} failed: ${error.message}`, timings);
  });
  timings.tlsMs = since();
  return { socket: secure, ...base, tls: tlsDetails(secure, options.host) };
}

async function resolve(host: string, timeoutMs: number): Promise<string> {
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
  );
  const found = await Promise.race([lookup(host), timer]);
  return found.address;
}

function dial(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

const MAX_PROXY_REPLY = 16 * 1024;

function tunnel(socket: net.Socket, host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let reply = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error(`proxy did not answer CONNECT within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      const end = reply.indexOf("\r\n\r\n");
      if (end === -1) {
        if (reply.length > MAX_PROXY_REPLY) done(new Error("proxy reply to CONNECT is too long"));
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(reply.toString("latin1", 0, end));
      if (status?.[1] !== "200") {
        done(new Error(`proxy refused CONNECT: ${reply.toString("latin1", 0, reply.indexOf("\r\n"))}`));
        return;
      }
      if (reply.length > end + 4) socket.unshift(reply.subarray(end + 4));
      done();
    };
    const onError = (error: Error) => done(error);
    function done(error?: Error) {
      clearTimeout(timer);
      socket.removeListener("data", onData);
      socket.removeListener("error", onError);
      if (error) reject(error);
      else resolve();
    }
    socket.on("data", onData);
    socket.once("error", onError);
    const authority = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  });
}

function handshake(socket: net.Socket, options: ConnectOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      servername: net.isIP(options.host) ? "" : options.host,
      ALPNProtocols: [...options.alpn],
      rejectUnauthorized: false,
      ...(options.cert ? { cert: options.cert } : {}),
      ...(options.key ? { key: options.key } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
    });
    if (options.onKeylog) secure.on("keylog", options.onKeylog);
    const timer = setTimeout(() => {
      secure.destroy();
      reject(new Error(`timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    secure.once("secureConnect", () => {
      clearTimeout(timer);
      if (!options.insecure && !secure.authorized) {
        const reason = String(secure.authorizationError ?? "certificate not trusted");
        secure.destroy();
        reject(new Error(`${reason} (use --insecure to go on anyway)`));
        return;
      }
      resolve(secure);
    });
    secure.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function tlsDetails(socket: tls.TLSSocket, host: string): TlsDetails {
  const chain: PeerCertificateInfo[] = [];
  let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256) && chain.length < 10) {
    seen.add(cert.fingerprint256);
    chain.push(certificateInfo(cert));
    cert = cert.issuerCertificate;
  }
  const leaf = socket.getPeerCertificate();
  const hostnameMatches = leaf?.raw ? tls.checkServerIdentity(host, leaf) === undefined : false;
  const cipher = socket.getCipher();
  return {
    version: socket.getProtocol() ?? "unknown",
    cipher: cipher?.standardName ?? cipher?.name ?? "unknown",
    alpn: typeof socket.alpnProtocol === "string" ? socket.alpnProtocol : null,
    authorized: socket.authorized,
    ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
    hostnameMatches,
    chain,
  };
}

function certificateInfo(cert: tls.PeerCertificate): PeerCertificateInfo {
  const name = (fields: Record<string, string | string[]> | undefined) =>
    Object.entries(fields ?? {})
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : v}`)
      .join(", ");
  const validTo = new Date(cert.valid_to);
  return {
    subject: name(cert.subject as unknown as Record<string, string>),
    issuer: name(cert.issuer as unknown as Record<string, string>),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    daysLeft: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
    subjectAltNames: (cert.subjectaltname ?? "").split(/,\s*/).filter(Boolean),
  };
}

/** Feeds every byte that crosses the socket to the recorder. */
export function recordSocket(socket: net.Socket, recorder: Recorder): void {
  const write = socket.write.bind(socket) as (chunk: Buffer | string, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
    recorder.record("out", Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return write(chunk, ...rest);
  }) as typeof socket.write;
  socket.on("data", (chunk: Buffer) => recorder.record("in", chunk));
}
