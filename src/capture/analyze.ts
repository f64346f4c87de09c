/**
 * The whole capture pipeline, incremental: container records → frames → IP/TCP → reassembly →
 * protocol decoders → transactions, conversation summaries and observations. Bytes are pushed
 * in pieces of any size; memory is bounded by the options, not by the capture's size.
 */
import type { CaptureObservation } from "../model/observations/capture.ts";
import type { SourceRef } from "../model/source.ts";
import { type ContainerFormat, type ContainerNote, ContainerReader } from "./container.ts";
import type { HeaderDecoder, Http2FrameRecord, StreamReset } from "./http2.ts";
import { createPacketDecoder, type PacketSkip } from "./packet.ts";
import { Session, type SessionOptions } from "./session.ts";
import { type Connection, DEFAULT_TRACKER, type Side, TcpTracker } from "./tcp.ts";
import type { TlsSummary } from "./tls.ts";
import { KeyLog } from "./tls-decrypt.ts";
import type { FollowEntry, Http1Head, Http2HeaderBlock, HttpTransaction } from "./types.ts";

export interface AnalyzerOptions {
  /** The source id used in every SourceRef. */
  readonly source: string;
  readonly decoder: () => HeaderDecoder;
  /** Bytes the reassembly may hold out of order in all (default 128 MiB). */
  readonly maxMemory?: number;
  /** Connection number to keep a Follow Stream transcript of. */
  readonly follow?: number;
  /** Transactions kept in the result; more are counted (and streamed to onTransaction). */
  readonly keepTransactions?: number;
  /** Conversation rows kept in the result; more are counted. */
  readonly keepConnections?: number;
  readonly onTransaction?: (t: HttpTransaction) => void;
  readonly onHttp1Head?: (head: Http1Head) => void;
  readonly onHttp2Headers?: (block: Http2HeaderBlock) => void;
  readonly observe?: (observation: CaptureObservation) => void;
  /** An NSS key log (SSLKEYLOGFILE) to decrypt TLS with; pcapng DSB blocks add to it. */
  readonly keyLog?: string;
  /**
   * Decode only the connections of this shard (see `shardOf`); TCP is still tracked for every
   * connection, so numbering and timing are the same in every shard.
   */
  readonly shard?: { readonly index: number; readonly count: number };
}

export interface ConnectionNames {
  readonly connection: number;
  readonly client: string;
  readonly server: string;
}

/** What the decoding of the connections reports, in capture order. */
export interface AnalysisSink {
  transaction(t: HttpTransaction): void;
  observe(observation: CaptureObservation): void;
  /** A response with a 5xx status, for the summary of server errors at the end. */
  httpError(t: HttpTransaction, connection: number): void;
  streamReset(reset: StreamReset & { connection: number }): void;
  follow(transcript: FollowTranscript): void;
  row(row: ConversationRow): void;
  /** A connection is finished with; its endpoints will not change any more. */
  ended(names: ConnectionNames): void;
}

/** Facts about the capture file as a whole: every shard finds the same. */
export interface CaptureFacts {
  readonly format?: ContainerFormat;
  readonly packets: number;
  readonly bytes: number;
  readonly firstTime?: number;
  readonly lastTime?: number;
  readonly linkTypes: Readonly<Record<string, number>>;
  readonly notes: readonly ContainerNote[];
  readonly skipped: Readonly<Record<string, number>>;
  readonly tcpPackets: number;
  readonly connectionCount: number;
  readonly keyLogLines: number;
  readonly peakBufferedBytes: number;
  readonly evictedConnections: number;
  readonly snaplen: { readonly packets: number; readonly bytes: number; readonly first: number };
  readonly unsupportedLinks: readonly { readonly linkType: number; readonly count: number; readonly first: number }[];
  readonly droppedFragments: number;
}

export type SummaryOptions = Pick<
  AnalyzerOptions,
  "source" | "keepTransactions" | "keepConnections" | "onTransaction" | "observe"
>;

export interface ConversationRow {
  readonly id: number;
  readonly client: string;
  readonly server: string;
  readonly protocol: string;
  readonly firstPacket: number;
  readonly lastPacket: number;
  readonly start: number;
  readonly duration: number;
  readonly packets: number;
  readonly bytesToServer: number;
  readonly bytesToClient: number;
  readonly transactions: number;
  /** "fin", "rst by client", "rst by server", "open" (still open when the capture ended). */
  readonly ended: string;
  readonly retransmissions: number;
  readonly dupAcks: number;
  readonly missingBytes: number;
  readonly midStream: boolean;
  readonly tls?: TlsSummary;
}

export interface FollowTranscript {
  readonly connection: number;
  readonly client: string;
  readonly server: string;
  readonly protocol: string;
  readonly entries: readonly FollowEntry[];
  readonly frames: readonly Http2FrameRecord[];
}

export interface CaptureAnalysis {
  readonly format?: ContainerFormat;
  readonly packets: number;
  readonly bytes: number;
  readonly firstTime?: number;
  readonly lastTime?: number;
  readonly linkTypes: Readonly<Record<string, number>>;
  readonly notes: readonly ContainerNote[];
  readonly skipped: Readonly<Record<string, number>>;
  readonly tcpPackets: number;
  readonly connections: readonly ConversationRow[];
  readonly connectionCount: number;
  readonly transactions: readonly HttpTransaction[];
  readonly transactionCount: number;
  readonly streamResets: readonly (StreamReset & { connection: number })[];
  readonly follow?: FollowTranscript;
  readonly keyLogLines: number;
  readonly peakBufferedBytes: number;
  readonly evictedConnections: number;
}

/** Seconds after a response within which a reset by its receiver counts as a rejection of it. */
const RESET_AFTER_RESPONSE_SECONDS = 1;
/** Seconds of silence after which a reset is blamed on the idle time. */
const IDLE_SECONDS = 30;
export const MAX_OBSERVATIONS_PER_KIND = 200;
/** Transactions and conversation rows kept when the options do not say. */
export const DEFAULT_KEPT = 10000;
const MIN_RETRANSMISSIONS = 3;
const MIN_RETRANSMISSION_RATE = 0.01;
const MIN_DUP_ACKS = 3;
const ZERO_WINDOW_SECONDS = 0.5;

interface HttpState {
  count: number;
  lastResponse: HttpTransaction | undefined;
  answered: number;
}

function endpoint(addr: string, port: number): string {
  return addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** Spreads connections over `count` shards by their two endpoints, whichever side is the client. */
export function shardOf(c: Connection, count: number): number {
  const mixed = endpointHash(c.client.addr, c.client.port) ^ endpointHash(c.server.addr, c.server.port);
  return (Math.imul(mixed, 0x9e3779b1) >>> 0) % count;
}

function endpointHash(addr: string, port: number): number {
  let hash = 0x811c9dc5 ^ port;
  for (let i = 0; i < addr.length; i++) hash = Math.imul(hash ^ addr.charCodeAt(i), 0x01000193);
  return Math.imul(hash ^ (port >>> 8), 0x01000193);
}

export class CaptureAnalyzer {
  private readonly options: AnalyzerOptions;
  private readonly container: ContainerReader;
  private readonly packetDecoder = createPacketDecoder();
  private readonly tracker: TcpTracker;
  private readonly sessions = new Map<number, Session>();
  private readonly http = new Map<number, HttpState>();
  private readonly notes: ContainerNote[] = [];
  private readonly skipped: Record<string, number> = {};
  /** Packets per link type. */
  private readonly linkTypes = new Map<number, number>();
  /** Where the results go: the summary below, or the caller's sink when the capture is sharded. */
  private readonly sink: AnalysisSink;
  private readonly summary: CaptureSummary | undefined;
  private bytes = 0;
  private tcpPackets = 0;
  private firstTime: number | undefined;
  private lastTime: number | undefined;
  private readonly keyLog = new KeyLog();
  private snaplen = { packets: 0, bytes: 0, first: 0 };
  private readonly unsupportedLinks = new Map<number, { count: number; first: number }>();
  private readonly sharedSessionOptions: SessionOptions;

  constructor(options: AnalyzerOptions, sink?: AnalysisSink) {
    this.options = options;
    this.summary = sink ? undefined : new CaptureSummary(options);
    this.sink = sink ?? (this.summary as CaptureSummary);
    if (options.keyLog !== undefined) this.keyLog.add(options.keyLog);
    const maxMemory = options.maxMemory ?? DEFAULT_TRACKER.maxHeldTotal;
    this.tracker = new TcpTracker(
      {
        ...DEFAULT_TRACKER,
        maxHeldTotal: maxMemory,
        maxHeldPerConnection: Math.min(DEFAULT_TRACKER.maxHeldPerConnection, Math.max(64 * 1024, maxMemory / 4)),
      },
      (connection) => this.opened(connection),
      (connection) => this.finished(connection),
    );
    this.sharedSessionOptions = {
      decoder: options.decoder,
      follow: false,
      keyLog: this.keyLog,
      events: {
        transaction: (t) => this.transaction(t),
        ...(options.onHttp1Head ? { http1Head: options.onHttp1Head } : {}),
        ...(options.onHttp2Headers ? { http2Headers: options.onHttp2Headers } : {}),
      },
    };
    this.container = new ContainerReader({
      packet: (number, time, linkType, bytes, start, end, originalLength) =>
        this.packet(number, time, linkType, bytes, start, end, originalLength),
      note: (note) => {
        if (this.notes.length < 100) this.notes.push(note);
      },
      keyLog: (text) => this.keyLog.add(text),
    });
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.container.push(chunk);
  }

  /** Reads the whole records at the start of `chunk`; see `ContainerReader.pushWhole`. */
  pushWhole(chunk: Buffer): number {
    const used = this.container.pushWhole(chunk);
    this.bytes += used;
    return used;
  }

  /** The unit of work under way: what is reported during one step belongs to one connection. */
  get step(): number {
    return this.tracker.steps;
  }

  private ref(packet: number, extra: Partial<SourceRef> = {}): SourceRef {
    return { source: this.options.source, packet, ...extra };
  }

  private observe(observation: CaptureObservation): void {
    this.sink.observe(observation);
  }

  private packet(
    number: number,
    time: number,
    linkType: number,
    bytes: Buffer,
    start: number,
    end: number,
    originalLength: number,
  ): void {
    if (Number.isFinite(time)) {
      this.firstTime ??= time;
      this.lastTime = time;
    }
    this.linkTypes.set(linkType, (this.linkTypes.get(linkType) ?? 0) + 1);
    if (originalLength > end - start) {
      this.snaplen.packets++;
      this.snaplen.bytes += originalLength - (end - start);
      this.snaplen.first ||= number;
    }
    const segment = this.packetDecoder.decode(number, time, linkType, bytes, start, end);
    if (typeof segment === "string") {
      this.skip(segment, number, linkType);
      return;
    }
    this.tcpPackets++;
    this.tracker.segment(segment);
  }

  private skip(reason: PacketSkip, packet: number, linkType: number): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
    if (reason === "unsupported-link") {
      const entry = this.unsupportedLinks.get(linkType) ?? { count: 0, first: packet };
      entry.count++;
      this.unsupportedLinks.set(linkType, entry);
    }
  }

  /** What every session is given: one object for all of them, as connections outlive young-generation collections. */
  private sessionOptions(follow: boolean): SessionOptions {
    if (follow) return { ...this.sharedSessionOptions, follow };
    return this.sharedSessionOptions;
  }

  private opened(connection: Connection): void {
    const shard = this.options.shard;
    if (shard && shardOf(connection, shard.count) !== shard.index) return;
    const session = new Session(connection, this.sessionOptions(connection.id === this.options.follow));
    this.sessions.set(connection.id, session);
    this.http.set(connection.id, { count: 0, lastResponse: undefined, answered: 0 });
  }

  private transaction(t: HttpTransaction): void {
    const connection = (this.sessions.get(t.connection) as Session).connection;
    this.sink.transaction(t);
    const state = this.http.get(connection.id);
    if (state) {
      state.count++;
      if (t.status !== undefined) {
        state.answered++;
        if (!state.lastResponse || (t.responsePacket ?? 0) > (state.lastResponse.responsePacket ?? 0))
          state.lastResponse = t;
      }
    }
    this.checkTransaction(connection, t, state);
  }

  private onConnection(c: Connection): { connection: number; client: string; server: string } {
    return {
      connection: c.id,
      client: endpoint(c.client.addr, c.client.port),
      server: endpoint(c.server.addr, c.server.port),
    };
  }

  private checkTransaction(c: Connection, t: HttpTransaction, state: HttpState | undefined): void {
    const status = t.status;
    if (status !== undefined && status >= 500) this.sink.httpError(t, c.id);
    if (t.cut === "rst_stream" || t.cut === "goaway") return;
    if ((t.cut === "rst" || t.cut === "fin") && status === undefined && t.requestPacket !== undefined && t.method) {
      const previous = state?.lastResponse;
      const idleBefore =
        previous?.endTime !== undefined && t.requestTime !== undefined
          ? Math.max(0, t.requestTime - previous.endTime)
          : 0;
      this.observe({
        type: "capture.no-response",
        ref: this.ref(t.requestPacket, at(t.requestTime)),
        ...this.onConnection(c),
        how: t.cut,
        ...(t.resetBy ? { by: t.resetBy } : {}),
        method: t.method,
        ...(t.path !== undefined ? { path: t.path } : {}),
        requestPacket: t.requestPacket,
        idleBefore,
        earlierResponses: state?.answered ?? 0,
        correlation: correlationOf(t),
      });
      return;
    }
    const cutBySender = t.cut === "fin" || (t.cut === "rst" && t.resetBy === "server");
    if (status !== undefined && status >= 200 && !t.complete && cutBySender && t.method !== "HEAD") {
      this.observe({
        type: "capture.response-cut",
        ref: this.ref(t.endPacket ?? t.responsePacket ?? 0, at(t.endTime)),
        ...this.onConnection(c),
        protocol: t.protocol,
        stream: t.stream,
        status,
        received: t.responseBodyBytes,
        ...(t.declaredLength !== undefined ? { declared: t.declaredLength } : {}),
        how: t.cut === "fin" ? "fin" : "rst",
        ...(t.resetBy ? { by: t.resetBy } : {}),
        ...(t.path !== undefined ? { path: t.path } : {}),
        ...(t.server !== undefined ? { responseServer: t.server } : {}),
        correlation: correlationOf(t),
      });
    }
  }

  private finished(c: Connection): void {
    const session = this.sessions.get(c.id);
    // Every connection has a session, except those another shard decodes.
    if (!session) return;
    session.end();
    this.sessions.delete(c.id);
    const state = this.http.get(c.id);
    this.http.delete(c.id);
    this.connectionChecks(c, session, state);
    for (const h2 of [session.h2, session.inner?.h2]) {
      for (const reset of h2?.resets ?? []) this.sink.streamReset({ ...reset, connection: c.id });
    }
    if (c.id === this.options.follow) {
      this.sink.follow({
        connection: c.id,
        client: endpoint(c.client.addr, c.client.port),
        server: endpoint(c.server.addr, c.server.port),
        protocol: protocolsOf(session),
        entries: [...(session.follow ?? []), ...(session.inner?.follow ?? [])],
        frames: [...session.frames, ...(session.inner?.frames ?? [])],
      });
    }
    this.sink.row(this.row(c, session, state));
    this.sink.ended(this.onConnection(c));
  }

  private row(c: Connection, session: Session | undefined, state: HttpState | undefined): ConversationRow {
    const reset = c.resets[0];
    const ended = reset ? `rst by ${reset.by}` : c.finBy.length > 0 ? "fin" : "open";
    const a = c.stats("client");
    const b = c.stats("server");
    return {
      id: c.id,
      client: endpoint(c.client.addr, c.client.port),
      server: endpoint(c.server.addr, c.server.port),
      protocol: session ? protocolsOf(session) : "none",
      firstPacket: c.firstPacket,
      lastPacket: c.lastPacket,
      start: c.firstTime,
      duration: Math.max(0, c.lastTime - c.firstTime),
      packets: a.packets + b.packets,
      bytesToServer: a.bytes,
      bytesToClient: b.bytes,
      transactions: state?.count ?? 0,
      ended,
      retransmissions: a.retransmissions + b.retransmissions,
      dupAcks: a.dupAcks + b.dupAcks,
      missingBytes: a.gapBytes + b.gapBytes - a.snaplenCutBytes - b.snaplenCutBytes,
      midStream: c.midStream,
      ...(session?.tls ? { tls: session.tls.summary } : {}),
    };
  }

  private connectionChecks(c: Connection, session: Session | undefined, state: HttpState | undefined): void {
    const on = this.onConnection(c);
    const reset = c.resets[0];
    const serverPackets = c.stats("server").packets;
    if (c.synPackets.length > 0 && c.synAckPacket === 0) {
      const refused = reset?.by === "server";
      if (refused || serverPackets === 0) {
        this.observe({
          type: "capture.syn-unanswered",
          ref: this.ref(c.synPackets[0] ?? c.firstPacket, at(c.firstTime)),
          ...on,
          attempts: c.synPackets.length,
          refused,
        });
      }
    }
    const last = state?.lastResponse;
    if (reset && last?.status !== undefined && last.responsePacket !== undefined && last.responseTime !== undefined) {
      const seconds = reset.time - last.responseTime;
      const receiver: Side = "client";
      if (
        reset.by === receiver &&
        reset.packet > last.responsePacket &&
        seconds >= 0 &&
        seconds <= RESET_AFTER_RESPONSE_SECONDS &&
        last.protocol === "http/1.1"
      ) {
        this.observe({
          type: "capture.reset-after-response",
          ref: this.ref(reset.packet, at(reset.time)),
          ...on,
          by: reset.by,
          status: last.status,
          seconds,
          responsePacket: last.responsePacket,
          resetPacket: reset.packet,
          ...(last.method !== undefined ? { method: last.method } : {}),
          ...(last.path !== undefined ? { path: last.path } : {}),
          ...(last.server !== undefined ? { responseServer: last.server } : {}),
          responseComplete: last.complete,
          correlation: correlationOf(last),
        });
      }
    }
    const idle = c.longestIdle;
    if (
      reset &&
      idle.seconds >= IDLE_SECONDS &&
      reset.packet >= idle.endedByPacket &&
      c.lastPacket - idle.endedByPacket <= 4
    ) {
      this.observe({
        type: "capture.idle-reset",
        ref: this.ref(reset.packet, at(reset.time)),
        ...on,
        idleSeconds: Math.round(idle.seconds * 10) / 10,
        by: reset.by,
      });
    }
    const a = c.stats("client");
    const b = c.stats("server");
    const retransmissions = a.retransmissions + b.retransmissions;
    const dataSegments = a.dataSegments + b.dataSegments;
    const dupAcks = a.dupAcks + b.dupAcks;
    const rate = dataSegments > 0 ? retransmissions / dataSegments : 0;
    if ((retransmissions >= MIN_RETRANSMISSIONS && rate >= MIN_RETRANSMISSION_RATE) || dupAcks >= MIN_DUP_ACKS) {
      this.observe({
        type: "capture.retransmissions",
        ref: this.ref(c.firstPacket, at(c.firstTime)),
        ...on,
        retransmissions,
        dataSegments,
        dupAcks,
        rate: Math.round(rate * 1000) / 1000,
      });
    }
    for (const stall of c.stalls) {
      if (stall.duration !== undefined && stall.duration < ZERO_WINDOW_SECONDS) continue;
      this.observe({
        type: "capture.zero-window",
        ref: this.ref(stall.packet, at(stall.time)),
        ...on,
        side: stall.side,
        ...(stall.duration !== undefined ? { seconds: Math.round(stall.duration * 1000) / 1000 } : {}),
      });
    }
    if (session) this.sessionChecks(c, session, on);
    if (session?.inner) this.sessionChecks(c, session.inner, on);
  }

  private sessionChecks(
    c: Connection,
    session: Session,
    on: { connection: number; client: string; server: string },
  ): void {
    const h2 = session.h2;
    if (h2) {
      for (const reset of h2.resets) {
        if (reset.afterEnd) continue;
        this.observe({
          type: "capture.stream-reset",
          ref: this.ref(reset.packet, { stream: reset.stream, ...at(reset.time) }),
          ...on,
          stream: reset.stream,
          by: reset.by,
          code: reset.code,
          delivered: reset.deliveredBefore,
          ...(reset.status !== undefined ? { status: reset.status } : {}),
          ...(reset.declaredLength !== undefined ? { declared: reset.declaredLength } : {}),
        });
      }
      for (const g of h2.goaways) {
        this.observe({
          type: "capture.goaway",
          ref: this.ref(g.packet, at(g.time)),
          ...on,
          by: g.by,
          code: g.code,
          lastStream: g.lastStream,
          debug: g.debug,
          streamsAbove: g.streamsAbove,
          openStreams: g.openStreams,
        });
      }
    }
    if (session.priorKnowledgeRefused) {
      this.observe({
        type: "capture.protocol-mismatch",
        ref: this.ref(session.priorKnowledgeRefused.packet),
        ...on,
        kind: "prior-knowledge-refused",
        ...(session.priorKnowledgeRefused.status !== undefined ? { status: session.priorKnowledgeRefused.status } : {}),
      });
    }
    if (session.h1AnsweredWithH2) {
      this.observe({
        type: "capture.protocol-mismatch",
        ref: this.ref(session.h1AnsweredWithH2.packet),
        ...on,
        kind: "h1-answered-with-h2",
      });
    }
    const tls = session.tls?.summary;
    if (tls) {
      const alert = tls.alerts.find((x) => x.level !== "encrypted" && x.description !== "close_notify");
      this.observe({
        type: "capture.tls",
        ref: this.ref(tls.clientHelloPacket ?? c.firstPacket, at(c.firstTime)),
        ...on,
        ...(tls.sni !== undefined ? { sni: tls.sni } : {}),
        ...(tls.version !== undefined ? { version: tls.version } : {}),
        alpnOffered: tls.alpnOffered,
        ...(tls.alpnSelected !== undefined ? { alpnSelected: tls.alpnSelected } : {}),
        established: tls.established,
        decryptedRecords: tls.decrypted,
        ...(alert ? { alert: `${alert.level} ${alert.description}`, alertBy: alert.side } : {}),
        certificateSubjects: tls.certificateSubjects,
        correlation: tls.sni !== undefined ? { authority: tls.sni } : {},
      });
    }
  }

  /** Reads what is left and finishes every connection; the facts about the file as a whole. */
  close(): CaptureFacts {
    this.container.end();
    this.tracker.end();
    const format = this.container.detectedFormat;
    const fragments = this.packetDecoder.fragments;
    return {
      ...(format ? { format } : {}),
      packets: this.container.packetCount,
      bytes: this.bytes,
      ...(this.firstTime !== undefined ? { firstTime: this.firstTime } : {}),
      ...(this.lastTime !== undefined ? { lastTime: this.lastTime } : {}),
      linkTypes: Object.fromEntries([...this.linkTypes].map(([linkType, count]) => [String(linkType), count])),
      notes: this.notes,
      skipped: this.skipped,
      tcpPackets: this.tcpPackets,
      connectionCount: this.tracker.connectionsSeen,
      keyLogLines: this.keyLog.lines,
      peakBufferedBytes: this.tracker.peakHeld,
      evictedConnections: this.tracker.evictions,
      snaplen: this.snaplen,
      unsupportedLinks: [...this.unsupportedLinks].map(([linkType, { count, first }]) => ({ linkType, count, first })),
      droppedFragments: fragments.dropped + fragments.pending + (this.skipped["fragment-dropped"] ?? 0),
    };
  }

  /** The whole analysis; only when the results went to this analyzer's own summary (no sink given). */
  end(): CaptureAnalysis {
    const facts = this.close();
    if (!this.summary) throw new Error("end() is for an analyzer without a sink: call close()");
    return this.summary.finish(facts);
  }
}

/**
 * Gathers the results in capture order with their limits (rows, transactions and observations
 * kept), and at the end adds what only the whole capture shows: file problems and server errors.
 */
export class CaptureSummary implements AnalysisSink {
  private readonly options: SummaryOptions;
  private readonly rows: ConversationRow[] = [];
  private readonly transactions: HttpTransaction[] = [];
  private readonly streamResets: (StreamReset & { connection: number })[] = [];
  private readonly emitted = new Map<string, number>();
  private readonly httpErrors = new Map<
    string,
    { first: HttpTransaction; count: number; connection: number; names?: ConnectionNames }
  >();
  private readonly awaitingNames = new Set<number>();
  private followTranscript: FollowTranscript | undefined;
  private transactionCount = 0;

  constructor(options: SummaryOptions) {
    this.options = options;
  }

  transaction(t: HttpTransaction): void {
    this.count(t);
    this.options.onTransaction?.(t);
  }

  /** Counts a transaction, and keeps it when it is given and there is room. */
  count(t: HttpTransaction | undefined): void {
    this.transactionCount++;
    if (t && this.transactions.length < (this.options.keepTransactions ?? DEFAULT_KEPT)) this.transactions.push(t);
  }

  observe(observation: CaptureObservation): void {
    const n = this.emitted.get(observation.type) ?? 0;
    this.emitted.set(observation.type, n + 1);
    if (n < MAX_OBSERVATIONS_PER_KIND) this.options.observe?.(observation);
  }

  httpError(t: HttpTransaction, connection: number): void {
    const key = httpErrorKey(t);
    if (this.countHttpError(key) || this.httpErrors.size >= 64) return;
    this.httpErrors.set(key, { first: t, count: 1, connection });
    this.awaitingNames.add(connection);
  }

  /** Counts one more server error of a kind already listed; false when the kind is not listed. */
  countHttpError(key: string): boolean {
    const entry = this.httpErrors.get(key);
    if (entry) entry.count++;
    return entry !== undefined;
  }

  streamReset(reset: StreamReset & { connection: number }): void {
    if (this.streamResets.length < 1000) this.streamResets.push(reset);
  }

  follow(transcript: FollowTranscript): void {
    this.followTranscript = transcript;
  }

  row(row: ConversationRow): void {
    if (this.rows.length < (this.options.keepConnections ?? DEFAULT_KEPT)) this.rows.push(row);
  }

  ended(names: ConnectionNames): void {
    if (!this.awaitingNames.delete(names.connection)) return;
    for (const entry of this.httpErrors.values()) if (entry.connection === names.connection) entry.names ??= names;
  }

  private ref(packet: number, extra: Partial<SourceRef> = {}): SourceRef {
    return { source: this.options.source, packet, ...extra };
  }

  finish(facts: CaptureFacts): CaptureAnalysis {
    this.fileProblems(facts);
    for (const { first, count, connection, names } of this.httpErrors.values()) {
      this.observe({
        type: "capture.http-error",
        ref: this.ref(first.responsePacket ?? 0, at(first.responseTime)),
        ...(names ?? { connection, client: "", server: "" }),
        status: first.status ?? 0,
        protocol: first.protocol,
        ...(first.server !== undefined ? { responseServer: first.server } : {}),
        ...(first.method !== undefined ? { method: first.method } : {}),
        ...(first.path !== undefined ? { path: first.path } : {}),
        count,
        correlation: correlationOf(first),
      });
    }
    return {
      ...(facts.format ? { format: facts.format } : {}),
      packets: facts.packets,
      bytes: facts.bytes,
      ...(facts.firstTime !== undefined ? { firstTime: facts.firstTime } : {}),
      ...(facts.lastTime !== undefined ? { lastTime: facts.lastTime } : {}),
      linkTypes: facts.linkTypes,
      notes: facts.notes,
      skipped: facts.skipped,
      tcpPackets: facts.tcpPackets,
      connections: this.rows,
      connectionCount: facts.connectionCount,
      transactions: this.transactions,
      transactionCount: this.transactionCount,
      streamResets: this.streamResets,
      ...(this.followTranscript ? { follow: this.followTranscript } : {}),
      keyLogLines: facts.keyLogLines,
      peakBufferedBytes: facts.peakBufferedBytes,
      evictedConnections: facts.evictedConnections,
    };
  }

  private fileProblems(facts: CaptureFacts): void {
    for (const note of facts.notes) {
      const problem = note.kind === "unsupported-block" ? "corrupt-block" : note.kind;
      this.observe({
        type: "capture.file-problem",
        ref: {
          source: this.options.source,
          byte: note.byte,
          ...(note.afterPacket > 0 ? { packet: note.afterPacket } : {}),
        },
        problem,
        count: 1,
        bytes: note.skippedBytes ?? 0,
        detail: note.detail,
      });
    }
    const snaplen = facts.snaplen;
    if (snaplen.packets > 0) {
      this.observe({
        type: "capture.file-problem",
        ref: this.ref(snaplen.first),
        problem: "snaplen-cut",
        count: snaplen.packets,
        bytes: snaplen.bytes,
        detail: `${snaplen.packets} packets were cut by the capture's snapshot length (first: packet ${snaplen.first}); ${snaplen.bytes} bytes of them are not in the file`,
      });
    }
    for (const { linkType, count, first } of facts.unsupportedLinks) {
      this.observe({
        type: "capture.file-problem",
        ref: this.ref(first),
        problem: "unsupported-link",
        count,
        bytes: 0,
        detail: `${count} packets of link type ${linkType} were skipped (first: packet ${first})`,
      });
    }
    const droppedFragments = facts.droppedFragments;
    if (droppedFragments > 0) {
      this.observe({
        type: "capture.file-problem",
        ref: { source: this.options.source },
        problem: "fragments-dropped",
        count: droppedFragments,
        bytes: 0,
        detail: `${droppedFragments} fragmented IP datagrams could not be put back together (fragments missing or over the limits)`,
      });
    }
    let gapConnections = 0;
    let gapBytes = 0;
    let firstGap = 0;
    for (const row of this.rows) {
      if (row.missingBytes > 0) {
        gapConnections++;
        gapBytes += row.missingBytes;
        firstGap ||= row.firstPacket;
      }
    }
    if (gapConnections > 0) {
      this.observe({
        type: "capture.file-problem",
        ref: this.ref(firstGap),
        problem: "missing-segments",
        count: gapConnections,
        bytes: gapBytes,
        detail: `${gapBytes} bytes of TCP payload in ${gapConnections} connections are missing from the capture (marked as gaps, not guessed)`,
      });
    }
  }
}

/** Server errors are summed up by status and Server header. */
export function httpErrorKey(t: HttpTransaction): string {
  return `${t.status}|${t.server ?? ""}`;
}

function protocolsOf(session: Session): string {
  const names = [...session.protocols, ...(session.inner?.protocols ?? [])];
  return names.join(" → ") || "none";
}

function at(seconds: number | undefined): { time?: string } {
  const time = isoTime(seconds);
  return time === undefined ? {} : { time };
}

function isoTime(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function correlationOf(t: HttpTransaction): { authority?: string; path?: string } {
  return {
    ...(t.authority !== undefined ? { authority: t.authority } : {}),
    ...(t.path !== undefined ? { path: t.path } : {}),
  };
}
