/**
 * Builds capture files byte by byte: classic pcap and pcapng writers, link-layer and IP/TCP
 * packet builders, and a scripted TCP conversation. Used by the tests and by the generator of
 * the committed fixture captures; nothing here runs when proxydoc reads a capture.
 */

export interface CraftedPacket {
  readonly time: number;
  /** The frame as captured (link-layer header included). */
  readonly data: Buffer;
  /** Length on the wire, when more than was captured. */
  readonly originalLength?: number;
  /** pcapng interface id. */
  readonly iface?: number;
}

export interface PcapWriteOptions {
  readonly linkType?: number;
  readonly nano?: boolean;
  readonly bigEndian?: boolean;
  readonly snapLen?: number;
}

export function pcapFile(packets: readonly CraftedPacket[], options: PcapWriteOptions = {}): Buffer {
  const be = options.bigEndian ?? false;
  const header = Buffer.alloc(24);
  const u32 = (b: Buffer, v: number, at: number): void => {
    if (be) b.writeUInt32BE(v >>> 0, at);
    else b.writeUInt32LE(v >>> 0, at);
  };
  const u16 = (b: Buffer, v: number, at: number): void => {
    if (be) b.writeUInt16BE(v, at);
    else b.writeUInt16LE(v, at);
  };
  u32(header, options.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  u16(header, 2, 4);
  u16(header, 4, 6);
  u32(header, options.snapLen ?? 262144, 16);
  u32(header, options.linkType ?? 1, 20);
  const parts: Buffer[] = [header];
  for (const p of packets) {
    const record = Buffer.alloc(16);
    const sec = Math.floor(p.time);
    const frac = Math.round((p.time - sec) * (options.nano ? 1e9 : 1e6));
    u32(record, sec, 0);
    u32(record, frac, 4);
    u32(record, p.data.length, 8);
    u32(record, p.originalLength ?? p.data.length, 12);
    parts.push(record, p.data);
  }
  return Buffer.concat(parts);
}

export interface PcapngInterface {
  readonly linkType: number;
  /** if_tsresol byte; 6 (microseconds) when absent. */
  readonly tsresol?: number;
  readonly snapLen?: number;
}

export interface PcapngWriteOptions {
  readonly interfaces?: readonly PcapngInterface[];
  readonly bigEndian?: boolean;
  /** A TLS key log to put in a Decryption Secrets Block. */
  readonly keyLog?: string;
  /** Write Simple Packet Blocks instead of Enhanced ones (interface 0 only). */
  readonly simple?: boolean;
}

export function pcapngFile(packets: readonly CraftedPacket[], options: PcapngWriteOptions = {}): Buffer {
  const be = options.bigEndian ?? false;
  const block = (type: number, body: Buffer): Buffer => {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const total = padded.length + 12;
    const out = Buffer.alloc(total);
    const w = (v: number, at: number): void => {
      if (be) out.writeUInt32BE(v >>> 0, at);
      else out.writeUInt32LE(v >>> 0, at);
    };
    w(type, 0);
    w(total, 4);
    padded.copy(out, 8);
    w(total, total - 4);
    return out;
  };
  const u32s = (...values: number[]): Buffer => {
    const b = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => {
      if (be) b.writeUInt32BE(v >>> 0, i * 4);
      else b.writeUInt32LE(v >>> 0, i * 4);
    });
    return b;
  };
  const u16s = (...values: number[]): Buffer => {
    const b = Buffer.alloc(values.length * 2);
    values.forEach((v, i) => {
      if (be) b.writeUInt16BE(v, i * 2);
      else b.writeUInt16LE(v, i * 2);
    });
    return b;
  };
  const shbBody = Buffer.concat([
    u32s(0x1a2b3c4d),
    u16s(1, 0),
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
  ]);
  const parts = [block(0x0a0d0d0a, shbBody)];
  const interfaces = options.interfaces ?? [{ linkType: 1 }];
  for (const iface of interfaces) {
    const opts =
      iface.tsresol !== undefined
        ? Buffer.concat([u16s(9, 1), Buffer.from([iface.tsresol, 0, 0, 0]), u16s(0, 0)])
        : Buffer.alloc(0);
    parts.push(block(1, Buffer.concat([u16s(iface.linkType, 0), u32s(iface.snapLen ?? 0), opts])));
  }
  if (options.keyLog !== undefined) {
    const secret = Buffer.from(options.keyLog, "latin1");
    parts.push(block(0x0a, Buffer.concat([u32s(0x544c534b, secret.length), secret])));
  }
  for (const p of packets) {
    const id = p.iface ?? 0;
    const resol = interfaces[id]?.tsresol ?? 6;
    const units = resol & 0x80 ? 2 ** (resol & 0x7f) : 10 ** resol;
    const ts = (BigInt(Math.round(p.time * 1e6)) * BigInt(Math.round(units))) / 1000000n;
    const high = Number(ts >> 32n);
    const low = Number(ts & 0xffffffffn);
    if (options.simple) parts.push(block(3, Buffer.concat([u32s(p.originalLength ?? p.data.length), p.data])));
    else
      parts.push(
        block(6, Buffer.concat([u32s(id, high, low, p.data.length, p.originalLength ?? p.data.length), p.data])),
      );
  }
  return Buffer.concat(parts);
}

function ipv4Bytes(addr: string): Buffer {
  return Buffer.from(addr.split(".").map((x) => Number(x)));
}

function ipv6Bytes(addr: string): Buffer {
  const [head = "", tail] = addr.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => {
    b.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  });
  return b;
}

export interface TcpFields {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window?: number;
  readonly payload?: Buffer;
  readonly options?: Buffer;
}

export function tcpBytes(f: TcpFields): Buffer {
  const options = f.options ?? Buffer.alloc(0);
  const padded = Buffer.concat([options, Buffer.alloc((4 - (options.length % 4)) % 4)]);
  const h = Buffer.alloc(20 + padded.length);
  h.writeUInt16BE(f.srcPort, 0);
  h.writeUInt16BE(f.dstPort, 2);
  h.writeUInt32BE(f.seq >>> 0, 4);
  h.writeUInt32BE(f.ack >>> 0, 8);
  h[12] = ((20 + padded.length) / 4) << 4;
  h[13] = f.flags;
  h.writeUInt16BE(f.window ?? 65535, 14);
  padded.copy(h, 20);
  return Buffer.concat([h, f.payload ?? Buffer.alloc(0)]);
}

export interface Ipv4Fields {
  readonly src: string;
  readonly dst: string;
  readonly protocol?: number;
  readonly id?: number;
  readonly fragmentOffset?: number;
  readonly moreFragments?: boolean;
}

export function ipv4Bytes20(f: Ipv4Fields, payload: Buffer): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + payload.length, 2);
  h.writeUInt16BE(f.id ?? 1, 4);
  h.writeUInt16BE(((f.moreFragments ? 0x2000 : 0) | ((f.fragmentOffset ?? 0) / 8)) >>> 0, 6);
  h[8] = 64;
  h[9] = f.protocol ?? 6;
  ipv4Bytes(f.src).copy(h, 12);
  ipv4Bytes(f.dst).copy(h, 16);
  return Buffer.concat([h, payload]);
}

/** An IPv6 packet; `extensions` are (next-header, body) pairs placed before the payload. */
export function ipv6Packet(src: string, dst: string, payload: Buffer, extensions: readonly Buffer[] = []): Buffer {
  const h = Buffer.alloc(40);
  h[0] = 0x60;
  const chain: Buffer[] = [];
  let next = 6;
  for (let i = extensions.length - 1; i >= 0; i--) {
    const body = extensions[i] as Buffer;
    const ext = Buffer.alloc(8 * Math.ceil((body.length + 2) / 8));
    ext[0] = next;
    ext[1] = ext.length / 8 - 1;
    body.copy(ext, 2);
    chain.unshift(ext);
    next = 60;
  }
  const rest = Buffer.concat([...chain, payload]);
  h.writeUInt16BE(rest.length, 4);
  h[6] = next;
  h[7] = 64;
  ipv6Bytes(src).copy(h, 8);
  ipv6Bytes(dst).copy(h, 24);
  return Buffer.concat([h, rest]);
}

export function ethernetFrame(ip: Buffer, vlans: readonly number[] = []): Buffer {
  const version = (ip[0] ?? 0) >> 4;
  const tags = vlans.map((id, i) => {
    const t = Buffer.alloc(4);
    t.writeUInt16BE(i === 0 && vlans.length > 1 ? 0x88a8 : 0x8100, 0);
    t.writeUInt16BE(id, 2);
    return t;
  });
  const macs = Buffer.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]);
  const type = Buffer.alloc(2);
  type.writeUInt16BE(version === 6 ? 0x86dd : 0x0800, 0);
  return Buffer.concat([macs, ...tags, type, ip]);
}

export const FLAG = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 } as const;

interface Peer {
  addr: string;
  port: number;
  seq: number;
}

/**
 * A scripted TCP conversation between a client and a server over Ethernet/IPv4: each call adds
 * packets and advances sequence numbers and time like a real stack would.
 */
export class TcpScript {
  readonly packets: CraftedPacket[] = [];
  private readonly client: Peer;
  private readonly server: Peer;
  time: number;
  private readonly frame: (ip: Buffer) => Buffer;

  constructor(
    options: {
      client?: [string, number];
      server?: [string, number];
      start?: number;
      frame?: (ip: Buffer) => Buffer;
    } = {},
  ) {
    const [ca, cp] = options.client ?? ["10.0.0.1", 40000];
    const [sa, sp] = options.server ?? ["10.0.0.2", 8080];
    this.client = { addr: ca, port: cp, seq: 1000 };
    this.server = { addr: sa, port: sp, seq: 5000 };
    this.time = options.start ?? 1_700_000_000;
    this.frame = options.frame ?? ((ip) => ethernetFrame(ip));
  }

  private ends(side: "client" | "server"): [Peer, Peer] {
    return side === "client" ? [this.client, this.server] : [this.server, this.client];
  }

  /** Adds one segment; `dt` seconds after the previous packet. */
  segment(
    side: "client" | "server",
    flags: number,
    payload: Buffer = Buffer.alloc(0),
    extra: { dt?: number; seq?: number; ack?: number; window?: number; advance?: boolean; snap?: number } = {},
  ): this {
    const [from, to] = this.ends(side);
    this.time += extra.dt ?? 0.001;
    const seq = extra.seq ?? from.seq;
    const tcp = tcpBytes({
      srcPort: from.port,
      dstPort: to.port,
      seq,
      ack: flags & FLAG.ack ? (extra.ack ?? to.seq) : 0,
      flags,
      ...(extra.window !== undefined ? { window: extra.window } : {}),
      payload,
    });
    const data = this.frame(ipv4Bytes20({ src: from.addr, dst: to.addr }, tcp));
    const cut = extra.snap !== undefined && extra.snap < data.length;
    this.packets.push({
      time: this.time,
      data: cut ? data.subarray(0, extra.snap) : data,
      ...(cut ? { originalLength: data.length } : {}),
    });
    if (extra.advance !== false && extra.seq === undefined) {
      from.seq = (from.seq + payload.length + (flags & (FLAG.syn | FLAG.fin) ? 1 : 0)) >>> 0;
    }
    return this;
  }

  handshake(): this {
    return this.segment("client", FLAG.syn)
      .segment("server", FLAG.syn | FLAG.ack)
      .segment("client", FLAG.ack);
  }

  send(side: "client" | "server", text: string | Buffer, dt?: number): this {
    const bytes = typeof text === "string" ? Buffer.from(text, "latin1") : text;
    return this.segment(side, FLAG.psh | FLAG.ack, bytes, dt !== undefined ? { dt } : {}).segment(
      side === "client" ? "server" : "client",
      FLAG.ack,
    );
  }

  /** Sends bytes in segments of at most `size` bytes each, without separate ACKs. */
  sendSegments(side: "client" | "server", bytes: Buffer, size: number): this {
    for (let at = 0; at < bytes.length; at += size)
      this.segment(side, FLAG.ack | FLAG.psh, bytes.subarray(at, at + size));
    return this;
  }

  close(first: "client" | "server" = "client"): this {
    const other = first === "client" ? "server" : "client";
    return this.segment(first, FLAG.fin | FLAG.ack)
      .segment(other, FLAG.fin | FLAG.ack)
      .segment(first, FLAG.ack);
  }

  reset(side: "client" | "server", dt?: number): this {
    return this.segment(side, FLAG.rst | FLAG.ack, Buffer.alloc(0), dt !== undefined ? { dt } : {});
  }

  /** The next sequence number a side will send. */
  nextSeq(side: "client" | "server"): number {
    return this.ends(side)[0].seq;
  }
}
