/**
 * Decoding of one TCP connection: the protocol is found from the first bytes (not the port),
 * then each direction is routed to the HTTP/1, HTTP/2 or TLS decoder. An h2c Upgrade or a
 * CONNECT tunnel hands the rest of the connection to a fresh detection.
 */
import { CLIENT_PREFACE } from "../wire/http2/constants.ts";
import { Http1Conversation } from "./http1.ts";
import { type HeaderDecoder, Http2Conversation, type Http2FrameRecord } from "./http2.ts";
import type { Connection, Side, StreamSink } from "./tcp.ts";
import { looksLikeTls, TlsConversation } from "./tls.ts";
import type { KeyLog } from "./tls-decrypt.ts";
import type { CutReason, DecoderEvents, FollowEntry, ProtocolName } from "./types.ts";

const SNIFF_BYTES = 24;
const MAX_FOLLOW_BYTES = 1024 * 1024;
const MAX_FOLLOW_ENTRIES = 20000;

export interface SessionOptions {
  readonly events: DecoderEvents;
  readonly decoder: () => HeaderDecoder;
  /** Keep a Follow Stream transcript of this connection. */
  readonly follow: boolean;
  /** TLS secrets: with them, the HTTP inside TLS is decoded too. */
  readonly keyLog?: KeyLog;
}

type Protocol =
  | { kind: "sniffing" }
  | { kind: "h1"; h1: Http1Conversation }
  | { kind: "h2"; h2: Http2Conversation }
  | { kind: "tls"; tls: TlsConversation }
  | { kind: "opaque" };

const REQUEST_START = /^[A-Z][A-Z-]{1,15} [^ \r\n]/;

/** What the first bytes of one side say about the protocol. */
export function sniffProtocol(
  first: Buffer,
  side: Side,
): "h2" | "h1-request" | "h1-response" | "tls" | "h2-frames" | "unknown" | "more" {
  if (first.length === 0) return "more";
  const prefix = Math.min(first.length, CLIENT_PREFACE.length);
  if (startsLikePreface(first, prefix)) return prefix === CLIENT_PREFACE.length ? "h2" : "more";
  if (looksLikeTls(first)) return "tls";
  const text = first.toString("latin1", 0, Math.min(first.length, SNIFF_BYTES));
  if (text.startsWith("HTTP/1.")) return "h1-response";
  if ("HTTP/1.".startsWith(text)) return "more";
  if (REQUEST_START.test(text)) return "h1-request";
  // A method name (and its space) cut by the segment boundary: wait for the rest of the line.
  if (/^[A-Z][A-Z-]{0,15} ?$/.test(text)) return "more";
  // An HTTP/2 SETTINGS frame on stream 0 opens every server side and every mid-stream join.
  if (side === "server" && first.length >= 9 && first[3] === 4 && first.readUInt32BE(5) === 0) return "h2-frames";
  return "unknown";
}

function startsLikePreface(bytes: Buffer, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[i] !== CLIENT_PREFACE[i]) return false;
  return true;
}

/** Cheap test first: only bytes `bytes[start, end)` with a SETTINGS frame header can be HTTP/2 frames from a server. */
function mayBeServerFrames(bytes: Buffer, start: number, end: number): boolean {
  return (
    end - start >= 9 && bytes[start + 3] === 4 && sniffProtocol(bytes.subarray(start, end), "server") === "h2-frames"
  );
}

export class Session {
  readonly connection: Connection;
  protocol: Protocol = { kind: "sniffing" };
  /** Names of the protocols seen, in order (h1 then h2 after an Upgrade). */
  readonly protocols: ProtocolName[] = [];
  private readonly options: SessionOptions;
  private pending: { side: Side; bytes: Buffer; packet: number; time: number }[] = [];
  private pendingBytes: Record<Side, number> = { client: 0, server: 0 };
  readonly follow: FollowEntry[] | undefined;
  followBytes = 0;
  readonly frames: Http2FrameRecord[] = [];
  private clientSink: SideSink | undefined;
  private serverSink: SideSink | undefined;
  h2: Http2Conversation | undefined;
  h1: Http1Conversation | undefined;
  tls: TlsConversation | undefined;
  /** Set when the client opened with the HTTP/2 preface and the server answered in HTTP/1. */
  priorKnowledgeRefused: { packet: number; status?: number } | undefined;
  /** Set when the client sent HTTP/1 and the server answered with HTTP/2 frames. */
  h1AnsweredWithH2: { packet: number } | undefined;

  /** The decoding of the plaintext inside TLS, when a key log opened it. */
  inner: Session | undefined;

  /** `attach` is false for the session that decodes decrypted TLS, which is fed by its parent. */
  constructor(connection: Connection, options: SessionOptions, attach = true) {
    this.connection = connection;
    this.options = options;
    if (options.follow) this.follow = [];
    if (attach) this.attachSinks();
  }

  /** Bytes of one side, in order (the plaintext of a TLS connection, for the inner session). */
  feed(side: Side, bytes: Buffer, packet: number, time: number): void {
    this.data(side, bytes, 0, bytes.length, packet, time);
  }

  private plaintext(side: Side, bytes: Buffer, packet: number, time: number): void {
    if (!this.inner) {
      const { keyLog: _keyLog, ...options } = this.options;
      this.inner = new Session(this.connection, options, false);
    }
    this.inner.feed(side, bytes, packet, time);
  }

  /** Feeds the connection's two directions to this session, each under the name of the side that sends it. */
  private attachSinks(): void {
    this.clientSink ??= new SideSink(this, "client");
    this.serverSink ??= new SideSink(this, "server");
    this.connection.toServer.sink = this.clientSink;
    this.connection.toClient.sink = this.serverSink;
  }

  private record(side: Side, packet: number, text: string): void {
    if (!this.follow || this.follow.length >= MAX_FOLLOW_ENTRIES || this.followBytes > MAX_FOLLOW_BYTES) return;
    this.followBytes += text.length;
    this.follow.push({ side, packet, text });
  }

  /** The bytes `bytes[start, end)` of one side, valid only during the call. */
  data(side: Side, bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    if (this.follow && this.protocol.kind !== "h2" && this.protocol.kind !== "tls")
      this.record(side, packet, bytes.toString("latin1", start, end));
    if (this.protocol.kind === "sniffing") this.sniff(side, bytes.subarray(start, end), packet, time);
    else this.route(side, bytes, start, end, packet, time);
  }

  /** Holds a side's first bytes until they show the protocol, then hands on everything held. */
  private sniff(side: Side, bytes: Buffer, packet: number, time: number): void {
    const entry = { side, bytes, packet, time };
    this.pending.push(entry);
    this.pendingBytes[side] += bytes.length;
    const mine = this.pending.filter((p) => p.side === side);
    const verdict = sniffProtocol(mine.length === 1 ? bytes : Buffer.concat(mine.map((p) => p.bytes)), side);
    if (verdict === "more" && this.pendingBytes[side] < 4096) {
      // These bytes wait past this call, and the piece they lie in is reused: keep a copy.
      entry.bytes = Buffer.from(bytes);
      return;
    }
    this.decide(verdict === "more" ? "unknown" : verdict, side);
    this.replayPending();
  }

  private replayPending(): void {
    const replay = this.pending;
    this.pending = [];
    for (const p of replay) this.route(p.side, p.bytes, 0, p.bytes.length, p.packet, p.time);
  }

  private decide(verdict: ReturnType<typeof sniffProtocol>, side: Side): void {
    const swap =
      (side === "client" && verdict === "h1-response") ||
      (side === "server" && (verdict === "h1-request" || verdict === "h2"));
    if (swap) {
      this.connection.swapRoles();
      for (const p of this.pending) p.side = p.side === "client" ? "server" : "client";
      // The sinks are bound to a side name; rebind them to the new roles.
      this.attachSinks();
    }
    if ((verdict === "h2" || verdict === "h2-frames") && this.follow) {
      // HTTP/2 is shown frame by frame; the raw bytes seen while sniffing would repeat it.
      this.follow.length = 0;
      this.followBytes = 0;
    }
    switch (verdict) {
      case "h2":
        this.startH2(true);
        return;
      case "h2-frames":
        this.startH2("maybe");
        return;
      case "h1-request":
      case "h1-response":
        this.startH1();
        return;
      case "tls":
        this.tls = new TlsConversation(this.options.keyLog, (side, bytes, packet, time) =>
          this.plaintext(side, bytes, packet, time),
        );
        this.protocol = { kind: "tls", tls: this.tls };
        this.protocols.push("tls");
        return;
      default:
        this.protocol = { kind: "opaque" };
        this.protocols.push("unknown");
    }
  }

  private startH1(): void {
    const h1 = new Http1Conversation(this.connection.id, this.options.events, (kind, rest, packet, time) =>
      this.switched(kind, rest, packet, time),
    );
    this.h1 = h1;
    this.protocol = { kind: "h1", h1 };
    this.protocols.push("http/1.1");
  }

  private startH2(expectPreface: boolean | "maybe"): void {
    const h2 = new Http2Conversation({
      connection: this.connection.id,
      events: this.options.events,
      decoder: this.options.decoder,
      expectPreface,
      ...(this.follow ? { record: (frame: Http2FrameRecord) => this.recordFrame(frame) } : {}),
    });
    this.h2 = h2;
    this.protocol = { kind: "h2", h2 };
    this.protocols.push("h2");
  }

  private recordFrame(frame: Http2FrameRecord): void {
    if (this.frames.length < MAX_FOLLOW_ENTRIES) this.frames.push(frame);
  }

  private switched(kind: "h2c" | "tunnel", serverRest: Buffer, packet: number, time: number): void {
    const upgraded = this.h1?.upgraded;
    if (kind === "h2c") {
      this.startH2(true);
      this.protocols[this.protocols.length - 1] = "h2c-upgrade";
      if (upgraded && this.h2) this.h2.adoptUpgrade(upgraded);
    } else {
      this.protocol = { kind: "sniffing" };
      this.protocols.push("tunnel");
    }
    if (serverRest.length > 0) this.data("server", serverRest, 0, serverRest.length, packet, time);
  }

  private route(side: Side, bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    const p = this.protocol;
    switch (p.kind) {
      case "h1":
        if (side === "client") p.h1.clientData(bytes, start, end, packet, time);
        else {
          if (!p.h1.responses.inBody && p.h1.responses.idle && mayBeServerFrames(bytes, start, end)) {
            this.h1AnsweredWithH2 ??= { packet };
          }
          p.h1.responses.data(bytes, start, end, packet, time);
        }
        return;
      case "h2":
        if (side === "client") p.h2.clientData(bytes, start, end, packet, time);
        else {
          // Until the server's first frame only: a few times per connection.
          if (p.h2.serverFrames === 0 && bytes.toString("latin1", start, Math.min(end, start + 7)) === "HTTP/1.") {
            const status = Number(bytes.toString("latin1", start + 9, Math.min(end, start + 12)));
            this.priorKnowledgeRefused ??= { packet, ...(Number.isInteger(status) ? { status } : {}) };
          }
          p.h2.serverData(bytes, start, end, packet, time);
        }
        return;
      case "tls":
        if (side === "client") p.tls.clientData(bytes.subarray(start, end), packet, time);
        else p.tls.serverData(bytes.subarray(start, end), packet, time);
        return;
      case "sniffing":
        this.data(side, bytes, start, end, packet, time);
        return;
      default:
        return;
    }
  }

  gap(side: Side, bytes: number, packet: number): void {
    this.record(side, packet, `[${bytes} bytes missing from the capture]`);
    const p = this.protocol;
    switch (p.kind) {
      case "h1":
        if (side === "client") p.h1.requests.gap(bytes, packet, this.connection.lastTime);
        else p.h1.responses.gap(bytes, packet, this.connection.lastTime);
        return;
      case "h2":
        if (side === "client") p.h2.clientGap(bytes);
        else p.h2.serverGap(bytes);
        return;
      case "tls":
        p.tls.gap(side);
        return;
      case "sniffing":
        // Nothing decided yet: what came before the hole cannot be trusted to start a message.
        this.pending = this.pending.filter((q) => q.side !== side);
        this.pendingBytes[side] = 0;
        return;
      default:
        return;
    }
  }

  /** The connection is finished with: report what is still open. */
  end(): void {
    if (this.protocol.kind === "sniffing" && this.pending.length > 0) {
      const side = (this.pending[0] as { side: Side }).side;
      const verdict = sniffProtocol(
        Buffer.concat(this.pending.filter((p) => p.side === side).map((p) => p.bytes)),
        side,
      );
      this.decide(verdict === "more" ? "unknown" : verdict, side);
      this.replayPending();
    }
    const c = this.connection;
    const reset = c.resets[0];
    let reason: CutReason = "capture-end";
    if (reset) reason = "rst";
    else if (c.finBy.length > 0) reason = "fin";
    if (c.toServer.stats.gapBytes + c.toClient.stats.gapBytes > 0 && !reset && c.finBy.length === 0)
      reason = "capture-end";
    const by = reset?.by;
    const packet = reset?.packet ?? c.lastPacket;
    const time = reset?.time ?? c.lastTime;
    this.h1?.end(reason, by, packet, time);
    this.h2?.end(reason, by, packet, time);
    this.inner?.end();
  }
}

/** One direction of a connection, handed on to its session under the sending side's name. */
class SideSink implements StreamSink {
  private readonly session: Session;
  private readonly side: Side;

  constructor(session: Session, side: Side) {
    this.session = session;
    this.side = side;
  }

  data(bytes: Buffer, start: number, end: number, packet: number, time: number): void {
    this.session.data(this.side, bytes, start, end, packet, time);
  }

  gap(bytes: number, packet: number): void {
    this.session.gap(this.side, bytes, packet);
  }
}
