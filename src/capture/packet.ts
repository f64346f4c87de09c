/**
 * From a captured frame to a TCP segment: link layers (Ethernet with 802.1Q/QinQ, Linux cooked
 * SLL and SLL2, raw IPv4/IPv6, BSD loopback/null), IPv4 (with fragments, see fragments.ts) and
 * IPv6 (with extension headers), then the TCP header and its options.
 */
import { u16be, u32be, u32le } from "./bytes.ts";
import { FragmentTable } from "./fragments.ts";

export const LINKTYPE = {
  null: 0,
  ethernet: 1,
  raw: 101,
  rawBsd: 12,
  rawOpenBsd: 14,
  loop: 108,
  sll: 113,
  ipv4: 228,
  ipv6: 229,
  sll2: 276,
} as const;

export const TCP_FLAG = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20 } as const;

export interface TcpSegment {
  readonly packet: number;
  readonly time: number;
  readonly srcAddr: string;
  readonly dstAddr: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  /** Window scale option (SYN only), -1 when absent. */
  readonly windowScale: number;
  readonly sackBlocks: number;
  /**
   * The bytes the payload lies in: what the capture holds of it is `bytes[payloadStart, payloadEnd)`
   * (valid only during processing: copy to keep). No view is made per packet.
   */
  readonly bytes: Buffer;
  readonly payloadStart: number;
  readonly payloadEnd: number;
  /** Payload length the IP header declares; larger than `payloadEnd - payloadStart` when snaplen cut it. */
  readonly payloadLength: number;
}

export type PacketSkip =
  | "unsupported-link"
  | "not-ip"
  | "not-tcp"
  | "malformed"
  | "fragment-pending"
  | "fragment-dropped"
  | "snaplen-cut-header";

export interface PacketDecoder {
  /** Decodes the frame `bytes[start, end)`. The segment returned is reused by the next call: copy what must outlive it. */
  decode(
    packet: number,
    time: number,
    linkType: number,
    bytes: Buffer,
    start: number,
    end: number,
  ): TcpSegment | PacketSkip;
  readonly fragments: FragmentTable;
}

const IPV4_NAMES = new Map<number, string>();

/** Dotted IPv4 text, remembered: a capture holds few distinct addresses and many packets. */
function ipv4String(b: Buffer, at: number): string {
  const key = u32be(b, at);
  let name = IPV4_NAMES.get(key);
  if (name === undefined) {
    name = `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
    if (IPV4_NAMES.size > 65536) IPV4_NAMES.clear();
    IPV4_NAMES.set(key, name);
  }
  return name;
}

function ipv6String(b: Buffer, at: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(u16be(b, at + i).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 says.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLen).join(":")}`;
}

/** Where the IP header starts in a frame, and its ethertype. */
interface LinkPayload {
  at: number;
  ethertype: number;
}

function found(out: LinkPayload, at: number, ethertype: number): undefined {
  out.at = at;
  out.ethertype = ethertype;
  return undefined;
}

/** Sets `out` to the IP header inside the frame `d[s, end)` (one object serves every packet), or gives a reason to skip. */
function linkPayload(linkType: number, d: Buffer, s: number, end: number, out: LinkPayload): PacketSkip | undefined {
  const length = end - s;
  switch (linkType) {
    case LINKTYPE.ethernet: {
      if (length < 14) return "malformed";
      let at = s + 12;
      let type = u16be(d, at);
      for (let tags = 0; (type === 0x8100 || type === 0x88a8 || type === 0x9100) && tags < 4; tags++) {
        if (end < at + 6) return "malformed";
        at += 4;
        type = u16be(d, at);
      }
      return found(out, at + 2, type);
    }
    case LINKTYPE.sll:
      if (length < 16) return "malformed";
      return found(out, s + 16, u16be(d, s + 14));
    case LINKTYPE.sll2:
      if (length < 20) return "malformed";
      return found(out, s + 20, u16be(d, s));
    case LINKTYPE.null:
    case LINKTYPE.loop: {
      if (length < 4) return "malformed";
      // NULL stores the address family in the writer's byte order; LOOP in network order.
      const le = u32le(d, s);
      const family = linkType === LINKTYPE.loop ? u32be(d, s) : le < 256 ? le : u32be(d, s);
      if (family === 2) return found(out, s + 4, 0x0800);
      if (family === 10 || family === 24 || family === 28 || family === 30) return found(out, s + 4, 0x86dd);
      return "not-ip";
    }
    case LINKTYPE.raw:
    case LINKTYPE.rawBsd:
    case LINKTYPE.rawOpenBsd:
    case LINKTYPE.ipv4:
    case LINKTYPE.ipv6: {
      if (length < 1) return "malformed";
      const version = (d[s] ?? 0) >> 4;
      if (version === 4) return found(out, s, 0x0800);
      if (version === 6) return found(out, s, 0x86dd);
      return "not-ip";
    }
    default:
      return "unsupported-link";
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EMPTY = Buffer.alloc(0);

export function createPacketDecoder(fragments = new FragmentTable()): PacketDecoder {
  const current: Mutable<TcpSegment> = {
    packet: 0,
    time: 0,
    srcAddr: "",
    dstAddr: "",
    srcPort: 0,
    dstPort: 0,
    seq: 0,
    ack: 0,
    flags: 0,
    window: 0,
    windowScale: -1,
    sackBlocks: 0,
    bytes: EMPTY,
    payloadStart: 0,
    payloadEnd: 0,
    payloadLength: 0,
  };
  const link: LinkPayload = { at: 0, ethertype: 0 };
  const decode = (
    packet: number,
    time: number,
    linkType: number,
    bytes: Buffer,
    start: number,
    end: number,
  ): TcpSegment | PacketSkip => {
    const skip = linkPayload(linkType, bytes, start, end, link);
    if (skip !== undefined) return skip;
    if (link.ethertype === 0x0800) return ipv4(packet, time, bytes, link.at, end);
    if (link.ethertype === 0x86dd) return ipv6(packet, time, bytes, link.at, end);
    return "not-ip";
  };

  const ipv4 = (packet: number, time: number, d: Buffer, at: number, frameEnd: number): TcpSegment | PacketSkip => {
    if (frameEnd < at + 20) return "snaplen-cut-header";
    const ihl = ((d[at] ?? 0) & 0x0f) * 4;
    if ((d[at] ?? 0) >> 4 !== 4 || ihl < 20) return "malformed";
    const total = u16be(d, at + 2);
    const declaredEnd = at + (total === 0 ? frameEnd - at : total);
    if (total !== 0 && total < ihl) return "malformed";
    const proto = d[at + 9] ?? 0;
    const fragWord = u16be(d, at + 6);
    const moreFragments = (fragWord & 0x2000) !== 0;
    const fragOffset = (fragWord & 0x1fff) * 8;
    const src = ipv4String(d, at + 12);
    const dst = ipv4String(d, at + 16);
    if (proto !== 6) return "not-tcp";
    if (moreFragments || fragOffset > 0) {
      if (frameEnd < declaredEnd) return "fragment-dropped";
      const whole = fragments.add(
        `4 ${src} ${dst} ${u16be(d, at + 4)}`,
        fragOffset,
        moreFragments,
        d.subarray(at + ihl, declaredEnd),
      );
      if (whole === "pending" || whole === "dropped")
        return whole === "pending" ? "fragment-pending" : "fragment-dropped";
      return tcp(packet, time, src, dst, whole, 0, whole.length, whole.length);
    }
    return tcp(packet, time, src, dst, d, at + ihl, declaredEnd, Math.min(frameEnd, declaredEnd));
  };

  const ipv6 = (packet: number, time: number, d: Buffer, at: number, frameEnd: number): TcpSegment | PacketSkip => {
    if (frameEnd < at + 40) return "snaplen-cut-header";
    if ((d[at] ?? 0) >> 4 !== 6) return "malformed";
    const payloadLength = u16be(d, at + 4);
    let next = d[at + 6] ?? 0;
    const src = ipv6String(d, at + 8);
    const dst = ipv6String(d, at + 24);
    const end = at + 40 + payloadLength;
    let p = at + 40;
    let fragment: { offset: number; more: boolean; id: number } | undefined;
    for (let hops = 0; hops < 16; hops++) {
      if (next === 0 || next === 43 || next === 60) {
        if (frameEnd < p + 2) return "snaplen-cut-header";
        next = d[p] ?? 0;
        p += ((d[p + 1] ?? 0) + 1) * 8;
      } else if (next === 51) {
        if (frameEnd < p + 2) return "snaplen-cut-header";
        next = d[p] ?? 0;
        p += ((d[p + 1] ?? 0) + 2) * 4;
      } else if (next === 44) {
        if (frameEnd < p + 8) return "snaplen-cut-header";
        next = d[p] ?? 0;
        const word = u16be(d, p + 2);
        fragment = { offset: word & 0xfff8, more: (word & 1) === 1, id: u32be(d, p + 4) };
        p += 8;
      } else break;
    }
    if (next !== 6) return "not-tcp";
    if (p > end) return "malformed";
    if (fragment && (fragment.more || fragment.offset > 0)) {
      if (frameEnd < end) return "fragment-dropped";
      const whole = fragments.add(`6 ${src} ${dst} ${fragment.id}`, fragment.offset, fragment.more, d.subarray(p, end));
      if (whole === "pending" || whole === "dropped")
        return whole === "pending" ? "fragment-pending" : "fragment-dropped";
      return tcp(packet, time, src, dst, whole, 0, whole.length, whole.length);
    }
    return tcp(packet, time, src, dst, d, p, end, Math.min(frameEnd, end));
  };

  const tcp = (
    packet: number,
    time: number,
    srcAddr: string,
    dstAddr: string,
    d: Buffer,
    at: number,
    declaredEnd: number,
    capturedEnd: number,
  ): TcpSegment | PacketSkip => {
    if (capturedEnd < at + 20) return "snaplen-cut-header";
    const headerLength = ((d[at + 12] ?? 0) >> 4) * 4;
    if (headerLength < 20 || at + headerLength > declaredEnd) return "malformed";
    if (capturedEnd < at + headerLength) return "snaplen-cut-header";
    let windowScale = -1;
    let sackBlocks = 0;
    for (let o = at + 20; o < at + headerLength; ) {
      const kind = d[o] ?? 0;
      if (kind === 0) break;
      if (kind === 1) {
        o++;
        continue;
      }
      const len = d[o + 1] ?? 0;
      if (len < 2 || o + len > at + headerLength) break;
      if (kind === 3 && len === 3) windowScale = Math.min(d[o + 2] ?? 0, 14);
      else if (kind === 5) sackBlocks = Math.floor((len - 2) / 8);
      o += len;
    }
    const start = at + headerLength;
    // One segment object serves every packet: nothing downstream keeps it past the call.
    const out = current;
    out.packet = packet;
    out.time = time;
    out.srcAddr = srcAddr;
    out.dstAddr = dstAddr;
    out.srcPort = u16be(d, at);
    out.dstPort = u16be(d, at + 2);
    out.seq = u32be(d, at + 4);
    out.ack = u32be(d, at + 8);
    out.flags = d[at + 13] ?? 0;
    out.window = u16be(d, at + 14);
    out.windowScale = windowScale;
    out.sackBlocks = sackBlocks;
    out.bytes = d;
    out.payloadStart = start;
    out.payloadEnd = Math.max(start, capturedEnd);
    out.payloadLength = Math.max(0, declaredEnd - start);
    return out;
  };

  return { decode, fragments };
}
