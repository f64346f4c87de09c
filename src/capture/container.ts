/**
 * Streaming reader of capture files: classic pcap (both byte orders, micro- and nanosecond
 * timestamps) and pcapng (sections of either byte order, several interfaces, if_tsresol and
 * if_tsoffset, EPB/SPB/PB, DSB key logs). Bytes are pushed in arbitrary pieces; only the
 * unfinished tail of the last record is kept between pieces, so memory stays bounded.
 */

import { u32be, u32le } from "./bytes.ts";

export type ContainerNoteKind = "truncated-file" | "corrupt-block" | "not-a-capture" | "unsupported-block";

/** Something the reader skipped or could not read, with where. */
export interface ContainerNote {
  readonly kind: ContainerNoteKind;
  readonly byte: number;
  /** The packet number of the last packet read before the problem. */
  readonly afterPacket: number;
  readonly detail: string;
  /** Bytes skipped because of it (to the end of the file when the reader had to stop). */
  readonly skippedBytes?: number;
}

export interface ContainerSink {
  /**
   * One captured packet: its 1-based number (as Wireshark counts), time in seconds since the
   * epoch, link type, and its bytes, `bytes[start, end)`, valid only during the call (copy what
   * you keep); `originalLength` is more than `end - start` when snaplen cut the packet.
   */
  packet(
    number: number,
    time: number,
    linkType: number,
    bytes: Buffer,
    start: number,
    end: number,
    originalLength: number,
  ): void;
  note(note: ContainerNote): void;
  /** A TLS key log found in a pcapng Decryption Secrets Block. */
  keyLog?(text: string): void;
}

export type ContainerFormat = "pcap" | "pcapng";

/** The largest record or block accepted; anything larger is a lying length. */
const MAX_RECORD = 16 * 1024 * 1024;
const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export function sniffContainer(head: Uint8Array): ContainerFormat | undefined {
  if (head.length < 4) return undefined;
  const be = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
  const magic = be >>> 0;
  if (magic === 0xa1b2c3d4 || magic === 0xd4c3b2a1 || magic === 0xa1b23c4d || magic === 0x4d3cb2a1) return "pcap";
  if (magic === PCAPNG_SHB && head.length >= 12) {
    const bom = ((head[8] ?? 0) << 24) | ((head[9] ?? 0) << 16) | ((head[10] ?? 0) << 8) | (head[11] ?? 0);
    const bomU = bom >>> 0;
    if (bomU === BYTE_ORDER_MAGIC || bomU === 0x4d3c2b1a) return "pcapng";
  }
  return undefined;
}

interface Interface {
  linkType: number;
  snapLen: number;
  /** Timestamp units per second. */
  unitsPerSecond: number;
  offsetSeconds: number;
}

/**
 * Incremental capture-file reader. Call `push` with each piece, then `end`. Never throws on
 * content; problems become notes.
 */
export class ContainerReader {
  private readonly sink: ContainerSink;
  private pending: Buffer | undefined;
  /** File offset of `pending[0]` (or of the next byte when nothing is pending). */
  private base = 0;
  private format: ContainerFormat | undefined;
  private stopped = false;
  private packets = 0;
  // classic pcap
  private little = true;
  private nano = false;
  private pcapLinkType = 1;
  private pcapSnap = 0;
  // pcapng
  private interfaces: Interface[] = [];

  constructor(sink: ContainerSink) {
    this.sink = sink;
  }

  get packetCount(): number {
    return this.packets;
  }

  get detectedFormat(): ContainerFormat | undefined {
    return this.format;
  }

  push(chunk: Buffer): void {
    if (this.stopped || chunk.length === 0) return;
    let rest = chunk;
    const pending = this.pending;
    if (pending && pending.length > 0) {
      // Finish the record that straddles the boundary from a copy of just its bytes.
      const take = Math.min(chunk.length, this.straddleBytes(pending, chunk));
      const joined = Buffer.concat([pending, chunk.subarray(0, take)]);
      const used = this.parse(joined);
      if (this.stopped) {
        this.pending = undefined;
        return;
      }
      this.base += used;
      this.pending = undefined;
      // When the copy did not complete that record (its length was not known yet), read on from everything unread.
      rest =
        used <= pending.length
          ? Buffer.concat([joined.subarray(used), chunk.subarray(take)])
          : chunk.subarray(used - pending.length);
    }
    const used = this.parse(rest);
    if (this.stopped) {
      this.pending = undefined;
      return;
    }
    this.base += used;
    this.pending = used < rest.length ? Buffer.from(rest.subarray(used)) : undefined;
  }

  /**
   * Reads the whole records at the start of `chunk` and returns the bytes they take: the caller
   * hands the rest again at the start of its next piece (and what is left at the end to `push`),
   * so the record a piece cuts is not copied aside. All of `chunk` counts as used once the reader
   * has stopped, and while `push` left a record unfinished (it is then read as `push` reads). A
   * piece larger than the largest record always has one to read or makes the reader stop.
   */
  pushWhole(chunk: Buffer): number {
    if (this.stopped || this.pending) {
      this.push(chunk);
      return chunk.length;
    }
    const used = this.parse(chunk);
    if (this.stopped) return chunk.length;
    this.base += used;
    return used;
  }

  /** How many bytes of `chunk` complete the first record, whose start is in `pending`. */
  private straddleBytes(pending: Buffer, chunk: Buffer): number {
    const headerSize = this.format === undefined ? 24 : this.format === "pcap" ? 16 : 12;
    const head =
      pending.length >= headerSize ? pending : Buffer.concat([pending, chunk.subarray(0, headerSize - pending.length)]);
    if (head.length < headerSize) return headerSize - pending.length;
    let total = headerSize;
    if (this.format === "pcap") total = 16 + (this.little ? head.readUInt32LE(8) : head.readUInt32BE(8));
    else if (this.format === "pcapng") {
      let little = this.little;
      if (head.readUInt32BE(0) === PCAPNG_SHB) little = head.readUInt32BE(8) === 0x4d3c2b1a;
      total = little ? head.readUInt32LE(4) : head.readUInt32BE(4);
    }
    if (!Number.isFinite(total) || total > MAX_RECORD + 16) total = headerSize;
    return Math.max(total - pending.length, headerSize - Math.min(headerSize, pending.length), 1);
  }

  end(): void {
    if (this.stopped) return;
    const left = this.pending?.length ?? 0;
    if (this.format === undefined) {
      this.note("not-a-capture", 0, "the input is not a pcap or pcapng file", left);
    } else if (left > 0) {
      this.note(
        "truncated-file",
        this.base,
        `the file ends inside a ${this.format === "pcap" ? "packet record" : "block"}: ${left} bytes at its end were not read`,
        left,
      );
    }
    this.pending = undefined;
    this.stopped = true;
  }

  private note(kind: ContainerNoteKind, byte: number, detail: string, skippedBytes?: number): void {
    this.sink.note({
      kind,
      byte,
      afterPacket: this.packets,
      detail,
      ...(skippedBytes !== undefined ? { skippedBytes } : {}),
    });
  }

  /** Stops reading for good: the rest of the input is skipped. */
  private stop(kind: ContainerNoteKind, byte: number, detail: string): void {
    this.note(kind, byte, `${detail}; the rest of the file was skipped`);
    this.stopped = true;
  }

  /** Parses whole records from `buf`; returns how many bytes were consumed. */
  private parse(buf: Buffer): number {
    let at = 0;
    if (this.format === undefined) {
      if (buf.length < 12) return 0;
      const format = sniffContainer(buf);
      if (!format) {
        this.stop("not-a-capture", this.base, "the input does not start with a pcap or pcapng magic number");
        return 0;
      }
      this.format = format;
      if (format === "pcap") {
        if (buf.length < 24) {
          this.format = undefined;
          return 0;
        }
        this.readPcapHeader(buf);
        at = 24;
      }
    }
    return this.format === "pcap" ? this.parsePcap(buf, at) : this.parsePcapng(buf, at);
  }

  private readPcapHeader(buf: Buffer): void {
    const magic = buf.readUInt32BE(0);
    this.little = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
    this.nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
    this.pcapSnap = this.little ? buf.readUInt32LE(16) : buf.readUInt32BE(16);
    const link = this.little ? buf.readUInt32LE(20) : buf.readUInt32BE(20);
    this.pcapLinkType = link & 0x0fffffff;
  }

  private parsePcap(buf: Buffer, start: number): number {
    let at = start;
    const u32 = this.little ? u32le : u32be;
    const divisor = this.nano ? 1e9 : 1e6;
    while (!this.stopped && at + 16 <= buf.length) {
      const sec = u32(buf, at);
      const frac = u32(buf, at + 4);
      const incl = u32(buf, at + 8);
      const orig = u32(buf, at + 12);
      if (incl > MAX_RECORD || (this.pcapSnap > 0 && incl > Math.max(this.pcapSnap, 262144))) {
        this.stop("corrupt-block", this.base + at, `packet record after packet ${this.packets} claims ${incl} bytes`);
        return at;
      }
      if (at + 16 + incl > buf.length) break;
      this.packets++;
      this.sink.packet(
        this.packets,
        sec + frac / divisor,
        this.pcapLinkType,
        buf,
        at + 16,
        at + 16 + incl,
        Math.max(orig, incl),
      );
      at += 16 + incl;
    }
    return at;
  }

  private parsePcapng(buf: Buffer, start: number): number {
    let at = start;
    while (!this.stopped && at + 12 <= buf.length) {
      const typeBE = u32be(buf, at);
      if (typeBE === PCAPNG_SHB) {
        const bom = buf.readUInt32BE(at + 8);
        if (bom === BYTE_ORDER_MAGIC) this.little = false;
        else if (bom === 0x4d3c2b1a) this.little = true;
        else {
          this.stop("corrupt-block", this.base + at, "section header block with an unknown byte-order magic");
          return at;
        }
      }
      const little = this.little;
      const type = little ? u32le(buf, at) : typeBE;
      const length = little ? u32le(buf, at + 4) : u32be(buf, at + 4);
      if (length < 12 || length % 4 !== 0 || length > MAX_RECORD) {
        this.stop("corrupt-block", this.base + at, `block of type 0x${type.toString(16)} claims a length of ${length}`);
        return at;
      }
      if (at + length > buf.length) break;
      const trailer = little ? u32le(buf, at + length - 4) : u32be(buf, at + length - 4);
      if (trailer !== length) {
        this.stop(
          "corrupt-block",
          this.base + at,
          `block of type 0x${type.toString(16)} has lengths ${length} and ${trailer} that disagree`,
        );
        return at;
      }
      this.block(type, buf.subarray(at + 8, at + length - 4), this.base + at);
      at += length;
    }
    return at;
  }

  private u32(b: Buffer, at: number): number {
    return this.little ? u32le(b, at) : u32be(b, at);
  }

  private u16(b: Buffer, at: number): number {
    return this.little ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  private block(type: number, body: Buffer, offset: number): void {
    switch (type) {
      case PCAPNG_SHB:
        this.interfaces = [];
        return;
      case 1:
        this.interfaceBlock(body, offset);
        return;
      case 6:
        this.packetBlock(body, offset, "enhanced packet");
        return;
      case 3:
        this.simplePacket(body, offset);
        return;
      case 2:
        this.packetBlock(body, offset, "packet");
        return;
      case 0x0a:
        this.secrets(body);
        return;
      default:
        // NRB (4), ISB (5), custom and unknown blocks carry nothing the analysis uses.
        return;
    }
  }

  private interfaceBlock(body: Buffer, offset: number): void {
    if (body.length < 8) {
      this.note("corrupt-block", offset, "interface description block too short; its packets use Ethernet");
      this.interfaces.push({ linkType: 1, snapLen: 0, unitsPerSecond: 1e6, offsetSeconds: 0 });
      return;
    }
    const iface: Interface = {
      linkType: this.u16(body, 0),
      snapLen: this.u32(body, 4),
      unitsPerSecond: 1e6,
      offsetSeconds: 0,
    };
    this.options(body, 8, (code, value) => {
      if (code === 9 && value.length >= 1) {
        const r = value[0] ?? 6;
        const exp = r & 0x7f;
        iface.unitsPerSecond = r & 0x80 ? 2 ** Math.min(exp, 63) : 10 ** Math.min(exp, 18);
      } else if (code === 14 && value.length >= 8) {
        const hi = this.little ? value.readInt32LE(4) : value.readInt32BE(0);
        const lo = this.little ? value.readUInt32LE(0) : value.readUInt32BE(4);
        iface.offsetSeconds = hi * 4294967296 + lo;
      }
    });
    this.interfaces.push(iface);
  }

  private options(body: Buffer, start: number, each: (code: number, value: Buffer) => void): void {
    let at = start;
    while (at + 4 <= body.length) {
      const code = this.u16(body, at);
      const len = this.u16(body, at + 2);
      if (code === 0) return;
      if (at + 4 + len > body.length) return;
      each(code, body.subarray(at + 4, at + 4 + len));
      at += 4 + ((len + 3) & ~3);
    }
  }

  private iface(id: number, offset: number): Interface | undefined {
    const iface = this.interfaces[id];
    if (!iface) this.note("corrupt-block", offset, `packet refers to interface ${id}, which was never described`);
    return iface;
  }

  private timeOf(iface: Interface, high: number, low: number): number {
    return (high * 4294967296 + low) / iface.unitsPerSecond + iface.offsetSeconds;
  }

  private emit(iface: Interface, time: number, data: Buffer, originalLength: number): void {
    this.packets++;
    this.sink.packet(this.packets, time, iface.linkType, data, 0, data.length, Math.max(originalLength, data.length));
  }

  /**
   * An enhanced packet block, or the obsolete packet block it replaced: the same layout after the
   * interface id, which the obsolete block keeps in 16 bits (followed by a drops counter).
   */
  private packetBlock(body: Buffer, offset: number, name: "enhanced packet" | "packet"): void {
    if (body.length < 20) {
      this.note("corrupt-block", offset, `${name} block too short`);
      return;
    }
    const iface = this.iface(name === "packet" ? this.u16(body, 0) : this.u32(body, 0), offset);
    if (!iface) return;
    const cap = this.u32(body, 12);
    const orig = this.u32(body, 16);
    if (20 + cap > body.length) {
      this.note("corrupt-block", offset, `${name} block claims ${cap} captured bytes, holds less`);
      return;
    }
    this.emit(iface, this.timeOf(iface, this.u32(body, 4), this.u32(body, 8)), body.subarray(20, 20 + cap), orig);
  }

  private simplePacket(body: Buffer, offset: number): void {
    if (body.length < 4) {
      this.note("corrupt-block", offset, "simple packet block too short");
      return;
    }
    const iface = this.iface(0, offset);
    if (!iface) return;
    const orig = this.u32(body, 0);
    let cap = Math.min(orig, body.length - 4);
    if (iface.snapLen > 0) cap = Math.min(cap, iface.snapLen);
    this.emit(iface, Number.NaN, body.subarray(4, 4 + cap), orig);
  }

  private secrets(body: Buffer): void {
    if (body.length < 8) return;
    const kind = this.u32(body, 0);
    const len = this.u32(body, 4);
    if (kind !== 0x544c534b || 8 + len > body.length) return;
    this.sink.keyLog?.(body.subarray(8, 8 + len).toString("latin1"));
  }
}
