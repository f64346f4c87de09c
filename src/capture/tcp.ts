/**
 * TCP connection tracking and per-direction reassembly. Bytes are handed on in sequence order;
 * out-of-order segments wait in a bounded buffer; bytes the capture never saw become gaps
 * (counted, never invented). Retransmissions, overlaps, keep-alives, duplicate ACKs and zero
 * windows are counted per connection.
 */
import { TCP_FLAG, type TcpSegment } from "./packet.ts";

export interface Endpoint {
  readonly addr: string;
  readonly port: number;
}

/** Receives one direction's bytes in order. */
export interface StreamSink {
  /** The bytes `bytes[start, end)`, valid only during the call. */
  data(bytes: Buffer, start: number, end: number, packet: number, time: number): void;
  /** `bytes` the capture does not hold, before the next data. */
  gap(bytes: number, packet: number): void;
}

export interface ZeroWindowStall {
  /** The side whose receive window was zero. */
  readonly side: Side;
  readonly packet: number;
  readonly time: number;
  /** Seconds until the window opened again; undefined when it never did in the capture. */
  duration?: number;
}

export type Side = "client" | "server";

export interface Reset {
  readonly by: Side;
  readonly packet: number;
  readonly time: number;
}

export interface DirectionStats {
  packets: number;
  dataSegments: number;
  bytes: number;
  retransmissions: number;
  overlaps: number;
  outOfOrder: number;
  keepAlives: number;
  dupAcks: number;
  gapBytes: number;
  gaps: number;
  /** First packet where bytes were missing. */
  firstGapPacket: number;
  zeroWindows: number;
  snaplenCutBytes: number;
}

function newStats(): DirectionStats {
  return {
    packets: 0,
    dataSegments: 0,
    bytes: 0,
    retransmissions: 0,
    overlaps: 0,
    outOfOrder: 0,
    keepAlives: 0,
    dupAcks: 0,
    gapBytes: 0,
    gaps: 0,
    firstGapPacket: 0,
    zeroWindows: 0,
    snaplenCutBytes: 0,
  };
}

/** Out-of-order segments held per direction: keeps the sorted insertion cheap on hostile input. */
const MAX_HELD_SEGMENTS = 2048;

interface Held {
  seq: number;
  data: Buffer;
  packet: number;
  time: number;
}

/** Signed distance a − b in 32-bit sequence space. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/**
 * A sequence number not known yet. Sequence numbers are unsigned, and a field that only ever
 * holds numbers is updated in place, where one that also holds `undefined` gets a new heap
 * number for every value above 2^31 (half of them), and keeps the last one past young collections.
 */
const UNSET = -1;

class Direction {
  /** 0 for the direction first taken to be towards the server, 1 for the other: kept when the roles are swapped. */
  readonly rank: 0 | 1;
  next = UNSET;
  held: Held[] = [];
  heldBytes = 0;
  finSeq = UNSET;
  finished = false;
  lastAck = -1;
  lastWindow = -1;
  zeroSince: ZeroWindowStall | undefined;
  readonly stats = newStats();
  sink: StreamSink | undefined;
  /** Highest sequence number sent (seq + len), for duplicate-ACK judgement by the peer. */
  highest = UNSET;

  constructor(rank: 0 | 1) {
    this.rank = rank;
  }
}

export interface ConnectionEvents {
  /** A connection was seen for the first time. */
  opened(connection: Connection): void;
  /** Bytes buffered across all connections changed by `delta`. */
  buffered(delta: number): void;
}

export class Connection {
  readonly id: number;
  client: Endpoint;
  server: Endpoint;
  // Numbers from the start, so that their updates happen in place (see UNSET).
  readonly firstPacket: number = 0;
  readonly firstTime: number = 0;
  lastPacket = 0;
  lastTime = 0;
  synPackets: number[] = [];
  synAckPacket = 0;
  /** Seen without the client's SYN: the capture started after the connection opened. */
  midStream = false;
  resets: Reset[] = [];
  finBy: Side[] = [];
  /** The longest silence between two packets, with the packet that ended it. */
  longestIdle = { seconds: 0, endedByPacket: 0 };
  stalls: ZeroWindowStall[] = [];
  toServer = new Direction(0);
  toClient = new Direction(1);
  private readonly events: ConnectionEvents;

  constructor(id: number, first: TcpSegment, events: ConnectionEvents) {
    this.id = id;
    this.events = events;
    const fromClient = isClientSyn(first) || (!(first.flags & TCP_FLAG.syn) && first.srcPort >= first.dstPort);
    const a = { addr: first.srcAddr, port: first.srcPort };
    const b = { addr: first.dstAddr, port: first.dstPort };
    if (first.flags & TCP_FLAG.syn && first.flags & TCP_FLAG.ack) {
      this.client = b;
      this.server = a;
    } else {
      this.client = fromClient ? a : b;
      this.server = fromClient ? b : a;
    }
    this.firstPacket = first.packet;
    this.firstTime = first.time;
    this.lastPacket = first.packet;
    this.lastTime = first.time;
    this.midStream = !(first.flags & TCP_FLAG.syn);
  }

  /** Swaps the roles when the content shows the guess was wrong (a mid-stream capture). */
  swapRoles(): void {
    const client = this.client;
    this.client = this.server;
    this.server = client;
    const toServer = this.toServer;
    this.toServer = this.toClient;
    this.toClient = toServer;
  }

  sideOf(segment: TcpSegment): Side {
    return segment.srcPort === this.client.port && segment.srcAddr === this.client.addr ? "client" : "server";
  }

  direction(side: Side): Direction {
    return side === "client" ? this.toServer : this.toClient;
  }

  get closed(): boolean {
    return this.resets.length > 0 || (this.toServer.finished && this.toClient.finished);
  }

  get bufferedBytes(): number {
    return this.toServer.heldBytes + this.toClient.heldBytes;
  }

  stats(side: Side): DirectionStats {
    return this.direction(side).stats;
  }

  handle(segment: TcpSegment, maxHeld: number): void {
    if (segment.time - this.lastTime > this.longestIdle.seconds && Number.isFinite(segment.time)) {
      this.longestIdle.seconds = segment.time - this.lastTime;
      this.longestIdle.endedByPacket = segment.packet;
    }
    this.lastPacket = segment.packet;
    if (Number.isFinite(segment.time)) this.lastTime = segment.time;
    const side = this.sideOf(segment);
    const own = this.direction(side);
    const peer = this.direction(side === "client" ? "server" : "client");
    own.stats.packets++;
    const flags = segment.flags;
    if (flags & TCP_FLAG.syn) {
      if (flags & TCP_FLAG.ack) this.synAckPacket ||= segment.packet;
      else if (this.synPackets.length < 16) this.synPackets.push(segment.packet);
      if (own.next === UNSET || own.stats.bytes === 0) own.next = (segment.seq + 1) >>> 0;
    }
    if (flags & TCP_FLAG.rst) {
      if (this.resets.length < 4) this.resets.push({ by: side, packet: segment.packet, time: segment.time });
      return;
    }
    this.trackWindow(own, side, segment);
    if (flags & TCP_FLAG.ack) this.trackAck(own, peer, segment);
    const length = segment.payloadLength;
    if (length > 0) this.data(own, segment, maxHeld);
    if (flags & TCP_FLAG.fin) {
      own.finSeq = (segment.seq + length) >>> 0;
      if (!this.finBy.includes(side)) this.finBy.push(side);
      if (own.next === UNSET) own.next = own.finSeq;
      this.checkFin(own);
    }
  }

  private trackWindow(own: Direction, side: Side, segment: TcpSegment): void {
    if (segment.flags & TCP_FLAG.syn) return;
    if (segment.window === 0) {
      if (!own.zeroSince) {
        own.stats.zeroWindows++;
        own.zeroSince = { side, packet: segment.packet, time: segment.time };
        if (this.stalls.length < 32) this.stalls.push(own.zeroSince);
      }
    } else if (own.zeroSince) {
      own.zeroSince.duration = segment.time - own.zeroSince.time;
      own.zeroSince = undefined;
    }
  }

  private trackAck(own: Direction, peer: Direction, segment: TcpSegment): void {
    const pure = segment.payloadLength === 0 && !(segment.flags & (TCP_FLAG.syn | TCP_FLAG.fin));
    if (
      pure &&
      segment.ack === own.lastAck &&
      segment.window === own.lastWindow &&
      peer.highest !== UNSET &&
      seqDiff(peer.highest, segment.ack) > 0
    ) {
      own.stats.dupAcks++;
    }
    own.lastAck = segment.ack;
    own.lastWindow = segment.window;
  }

  private data(own: Direction, segment: TcpSegment, maxHeld: number): void {
    const length = segment.payloadLength;
    const stats = own.stats;
    stats.dataSegments++;
    const end = (segment.seq + length) >>> 0;
    if (own.highest === UNSET || seqDiff(end, own.highest) > 0) own.highest = end;
    if (own.next === UNSET) {
      own.next = segment.seq;
      this.midStream = true;
    }
    const { bytes, payloadStart, payloadEnd } = segment;
    const captured = payloadEnd - payloadStart;
    if (captured < length) {
      stats.snaplenCutBytes += length - captured;
    }
    const offset = seqDiff(segment.seq, own.next);
    if (offset < 0) {
      const fresh = seqDiff(end, own.next);
      if (fresh <= 0) {
        if (length <= 1 && offset === -1) stats.keepAlives++;
        else stats.retransmissions++;
        return;
      }
      stats.overlaps++;
      const start = payloadStart + Math.min(captured, -offset);
      this.deliver(own, bytes, start, payloadEnd, fresh, segment.packet, segment.time);
      this.drain(own);
      return;
    }
    if (offset === 0) {
      this.deliver(own, bytes, payloadStart, payloadEnd, length, segment.packet, segment.time);
      this.drain(own);
      return;
    }
    this.hold(own, segment, maxHeld);
  }

  private hold(own: Direction, segment: TcpSegment, maxHeld: number): void {
    const stats = own.stats;
    const captured = segment.payloadEnd - segment.payloadStart;
    if (own.held.some((h) => h.seq === segment.seq && h.data.length >= captured)) {
      stats.retransmissions++;
      return;
    }
    stats.outOfOrder++;
    const data = Buffer.from(segment.bytes.subarray(segment.payloadStart, segment.payloadEnd));
    const kept: Held = { seq: segment.seq, data, packet: segment.packet, time: segment.time };
    let i = own.held.length;
    while (i > 0 && seqDiff((own.held[i - 1] as Held).seq, segment.seq) > 0) i--;
    own.held.splice(i, 0, kept);
    own.heldBytes += kept.data.length;
    this.events.buffered(kept.data.length);
    if (own.heldBytes > maxHeld || own.held.length > MAX_HELD_SEGMENTS) this.skipHole(own);
  }

  /** Hands on `bytes[start, end)`, which stand for `length` bytes of the stream: those past `end` the capture lacks. */
  private deliver(
    own: Direction,
    bytes: Buffer,
    start: number,
    end: number,
    length: number,
    packet: number,
    time: number,
  ): void {
    own.next = (own.next + length) >>> 0;
    own.stats.bytes += length;
    if (end > start) own.sink?.data(bytes, start, end, packet, time);
    if (end - start < length) this.gap(own, length - (end - start), packet);
    this.checkFin(own);
  }

  private gap(own: Direction, bytes: number, packet: number): void {
    own.stats.gapBytes += bytes;
    own.stats.gaps++;
    own.stats.firstGapPacket ||= packet;
    own.sink?.gap(bytes, packet);
  }

  /** Hands on held segments that now follow on. */
  private drain(own: Direction): void {
    while (own.held.length > 0 && own.next !== UNSET) {
      const first = own.held[0] as Held;
      const offset = seqDiff(first.seq, own.next);
      if (offset > 0) return;
      own.held.shift();
      own.heldBytes -= first.data.length;
      this.events.buffered(-first.data.length);
      const fresh = first.data.length + offset;
      if (fresh <= 0) {
        own.stats.retransmissions++;
        continue;
      }
      if (offset < 0) own.stats.overlaps++;
      this.deliver(own, first.data, -offset, first.data.length, fresh, first.packet, first.time);
    }
  }

  /** Gives up on the first hole: its bytes become a gap and what follows is handed on. */
  skipHole(own: Direction): void {
    const first = own.held[0];
    if (!first || own.next === UNSET) return;
    const missing = seqDiff(first.seq, own.next);
    if (missing > 0) {
      this.gap(own, missing, first.packet);
      own.next = first.seq;
    }
    this.drain(own);
  }

  private checkFin(own: Direction): void {
    if (own.finSeq !== UNSET && own.next !== UNSET && seqDiff(own.next, own.finSeq) >= 0 && !own.finished) {
      own.finished = true;
    }
  }

  /** Drops the decoders fed by this connection, so a connection kept for its figures does not keep them. */
  detach(): void {
    this.toServer.sink = undefined;
    this.toClient.sink = undefined;
  }

  /** Gives up on every hole: called when the connection is finished with. */
  flush(): void {
    for (const own of [this.toServer, this.toClient]) {
      for (let guard = 0; own.held.length > 0 && guard < 1_000_000; guard++) this.skipHole(own);
      if (own.zeroSince) own.zeroSince = undefined;
    }
  }
}

function isClientSyn(segment: TcpSegment): boolean {
  return (segment.flags & (TCP_FLAG.syn | TCP_FLAG.ack)) === TCP_FLAG.syn;
}

export interface TrackerOptions {
  /** Bytes held out of order per connection before the first hole is given up. */
  readonly maxHeldPerConnection: number;
  /** Bytes held out of order in all. */
  readonly maxHeldTotal: number;
  /** Packets a closed connection stays open for stragglers before it is finished. */
  readonly closeGracePackets: number;
  /** Most connections open at once; the least recently active is finished beyond it. */
  readonly maxOpenConnections: number;
}

export const DEFAULT_TRACKER: TrackerOptions = {
  maxHeldPerConnection: 4 * 1024 * 1024,
  maxHeldTotal: 128 * 1024 * 1024,
  closeGracePackets: 2000,
  maxOpenConnections: 20000,
};

/** Tracks every connection; calls `finish` once per connection when it is done with. */
export class TcpTracker {
  /** Open connections by address, peer address, then both ports. */
  private readonly open = new Map<string, Map<string, Map<number, Connection>>>();
  private readonly slots = new Map<Connection, Slot>();
  private openCount = 0;
  /** Closed connections waiting out the grace, oldest first; entries before `closingHead` are done. */
  private closing: ({ key: Slot; connection: Connection; at: number } | undefined)[] = [];
  private closingHead = 0;
  private nextId = 1;
  private heldTotal = 0;
  private readonly options: TrackerOptions;
  private readonly onOpen: (connection: Connection) => void;
  private readonly onFinish: (connection: Connection) => void;
  private readonly events: ConnectionEvents;
  peakHeld = 0;
  evictions = 0;
  /**
   * Counts units of work that each touch one connection only (a segment handled, a connection
   * finished, a hole given up to free memory): what one unit reports belongs to that connection.
   */
  steps = 0;

  constructor(
    options: TrackerOptions,
    onOpen: (connection: Connection) => void,
    onFinish: (connection: Connection) => void,
  ) {
    this.options = options;
    this.onOpen = onOpen;
    this.onFinish = onFinish;
    this.events = {
      opened: onOpen,
      buffered: (delta) => {
        this.heldTotal += delta;
        if (this.heldTotal > this.peakHeld) this.peakHeld = this.heldTotal;
      },
    };
  }

  get connectionsSeen(): number {
    return this.nextId - 1;
  }

  /** The open connections between two addresses, by both ports: no string is built per packet. */
  private portsOf(a: string, b: string): Map<number, Connection> {
    let inner = this.open.get(a);
    if (!inner) {
      inner = new Map();
      this.open.set(a, inner);
    }
    let ports = inner.get(b);
    if (!ports) {
      ports = new Map();
      inner.set(b, ports);
    }
    return ports;
  }

  segment(segment: TcpSegment): Connection {
    // Both directions of a connection meet under one key: the lower port (then address) first.
    const forward =
      segment.srcPort < segment.dstPort || (segment.srcPort === segment.dstPort && segment.srcAddr < segment.dstAddr);
    const port = forward ? segment.srcPort * 65536 + segment.dstPort : segment.dstPort * 65536 + segment.srcPort;
    const ports = forward
      ? this.portsOf(segment.srcAddr, segment.dstAddr)
      : this.portsOf(segment.dstAddr, segment.srcAddr);
    let connection = ports.get(port);
    if (
      connection &&
      isClientSyn(segment) &&
      connection.closed &&
      connection.toServer.stats.bytes + connection.toClient.stats.bytes > 0
    ) {
      this.finish(this.slots.get(connection) as Slot, connection);
      connection = undefined;
    }
    if (!connection) {
      if (this.openCount >= this.options.maxOpenConnections) this.evictOldest();
      connection = new Connection(this.nextId++, segment, this.events);
      ports.set(port, connection);
      this.slots.set(connection, { ports, port });
      this.openCount++;
      this.onOpen(connection);
    }
    const wasClosed = connection.closed;
    this.steps++;
    connection.handle(segment, this.options.maxHeldPerConnection);
    if (!wasClosed && connection.closed)
      this.closing.push({ key: this.slots.get(connection) as Slot, connection, at: segment.packet });
    while (this.heldTotal > this.options.maxHeldTotal) {
      if (!this.relieveLargest()) break;
    }
    this.expireClosed(segment.packet);
    return connection;
  }

  private expireClosed(packet: number): void {
    while (this.closingHead < this.closing.length) {
      const entry = this.closing[this.closingHead];
      if (!entry || packet - entry.at < this.options.closeGracePackets) break;
      // Let go of the finished connection at once: the queue must not keep it (and its decoders) alive.
      this.closing[this.closingHead++] = undefined;
      if (entry.key.ports.get(entry.key.port) === entry.connection) this.finish(entry.key, entry.connection);
    }
    if (this.closingHead > 1024 && this.closingHead * 2 > this.closing.length) {
      this.closing = this.closing.slice(this.closingHead);
      this.closingHead = 0;
    }
  }

  private relieveLargest(): boolean {
    let largest: Connection | undefined;
    for (const connection of this.slots.keys()) {
      if (!largest || connection.bufferedBytes > largest.bufferedBytes) largest = connection;
    }
    if (!largest || largest.bufferedBytes === 0) return false;
    const [a, b] =
      largest.toServer.rank === 0 ? [largest.toServer, largest.toClient] : [largest.toClient, largest.toServer];
    this.steps++;
    largest.skipHole(a.heldBytes >= b.heldBytes ? a : b);
    return true;
  }

  private evictOldest(): void {
    let oldest: Connection | undefined;
    for (const connection of this.slots.keys()) {
      if (!oldest || connection.lastPacket < oldest.lastPacket) oldest = connection;
    }
    const slot = oldest && this.slots.get(oldest);
    if (oldest && slot) {
      this.evictions++;
      this.finish(slot, oldest);
    }
  }

  private finish(key: Slot, connection: Connection): void {
    this.steps++;
    if (key.ports.get(key.port) === connection) key.ports.delete(key.port);
    if (this.slots.delete(connection)) this.openCount--;
    const before = connection.bufferedBytes;
    connection.flush();
    this.events.buffered(connection.bufferedBytes - before);
    this.onFinish(connection);
    connection.detach();
  }

  /** Finishes every connection still open, in the order they were first seen. */
  end(): void {
    const rest = [...this.slots.entries()].sort((a, b) => a[0].id - b[0].id);
    for (const [connection, slot] of rest) this.finish(slot, connection);
    this.open.clear();
  }
}

interface Slot {
  readonly ports: Map<number, Connection>;
  readonly port: number;
}
