import type { RecordedChunk } from "./recorder.ts";

export interface Endpoints {
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly serverAddress: string;
  readonly serverPort: number;
  /** Wall-clock time (ms since the epoch) of the probe's start. */
  readonly startedAtMs: number;
  readonly comment: string;
}

const LINKTYPE_RAW = 101;
const MSS = 65_000;

/**
 * Writes a probe's exchange as pcapng that Wireshark and tshark open: a handshake, each recorded
 * chunk as TCP segments with correct sequence numbers and checksums, and a closing FIN pair.
 * The payload is the application bytes as the probe saw them (after TLS decryption).
 */
export function exchangeToPcapng(chunks: readonly RecordedChunk[], endpoints: Endpoints): Buffer {
  const v6 = endpoints.clientAddress.includes(":") || endpoints.serverAddress.includes(":");
  const client = addressBytes(endpoints.clientAddress, v6);
  const server = addressBytes(endpoints.serverAddress, v6);
  const blocks: Buffer[] = [sectionHeader(endpoints.comment), interfaceDescription()];
  let clientSeq = 1000;
  let serverSeq = 5000;
  const segment = (fromClient: boolean, flags: number, payload: Buffer, atMs: number) => {
    const seq = fromClient ? clientSeq : serverSeq;
    const ack = fromClient ? serverSeq : clientSeq;
    const tcp = tcpSegment(
      fromClient ? endpoints.clientPort : endpoints.serverPort,
      fromClient ? endpoints.serverPort : endpoints.clientPort,
      seq,
      flags & 0x02 && !(flags & 0x10) ? 0 : ack,
      flags,
      payload,
      fromClient ? client : server,
      fromClient ? server : client,
    );
    const packet = ipPacket(tcp, fromClient ? client : server, fromClient ? server : client, v6);
    blocks.push(enhancedPacket(packet, endpoints.startedAtMs + atMs));
    const consumed = payload.length + (flags & 0x03 ? 1 : 0);
    if (fromClient) clientSeq = (clientSeq + consumed) >>> 0;
    else serverSeq = (serverSeq + consumed) >>> 0;
  };
  segment(true, 0x02, Buffer.alloc(0), 0);
  segment(false, 0x12, Buffer.alloc(0), 0);
  segment(true, 0x10, Buffer.alloc(0), 0);
  let last = 0;
  for (const chunk of chunks) {
    last = chunk.atMs;
    for (let offset = 0; offset < chunk.bytes.length; offset += MSS) {
      segment(chunk.direction === "out", 0x18, chunk.bytes.subarray(offset, offset + MSS), chunk.atMs);
    }
  }
  segment(true, 0x11, Buffer.alloc(0), last);
  segment(false, 0x11, Buffer.alloc(0), last);
  return Buffer.concat(blocks);
}

function block(type: number, body: Buffer): Buffer {
  const padded = body.length + ((4 - (body.length % 4)) % 4);
  const total = 12 + padded;
  const out = Buffer.alloc(total);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(total, 4);
  body.copy(out, 8);
  out.writeUInt32LE(total, total - 4);
  return out;
}

function option(code: number, value: Buffer): Buffer {
  const padded = value.length + ((4 - (value.length % 4)) % 4);
  const out = Buffer.alloc(4 + padded);
  out.writeUInt16LE(code, 0);
  out.writeUInt16LE(value.length, 2);
  value.copy(out, 4);
  return out;
}

const END_OF_OPTIONS = Buffer.alloc(4);

function sectionHeader(comment: string): Buffer {
  const head = Buffer.alloc(16);
  head.writeUInt32LE(0x1a2b3c4d, 0);
  head.writeUInt16LE(1, 4);
  head.writeUInt16LE(0, 6);
  head.writeBigInt64LE(-1n, 8);
  return block(
    0x0a0d0d0a,
    Buffer.concat([head, option(1, Buffer.from(comment)), option(4, Buffer.from("proxydoc probe")), END_OF_OPTIONS]),
  );
}

function interfaceDescription(): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(LINKTYPE_RAW, 0);
  head.writeUInt32LE(0, 4);
  return block(0x00000001, Buffer.concat([head, option(9, Buffer.from([6])), END_OF_OPTIONS]));
}

function enhancedPacket(packet: Buffer, atMs: number): Buffer {
  const micros = BigInt(Math.round(atMs * 1000));
  const head = Buffer.alloc(20);
  head.writeUInt32LE(0, 0);
  head.writeUInt32LE(Number(micros >> 32n), 4);
  head.writeUInt32LE(Number(micros & 0xffffffffn), 8);
  head.writeUInt32LE(packet.length, 12);
  head.writeUInt32LE(packet.length, 16);
  return block(0x00000006, Buffer.concat([head, packet]));
}

function addressBytes(address: string, v6: boolean): Buffer {
  if (!v6) return Buffer.from(address.split(".").map((part) => Number(part) & 255));
  const mapped = address.includes(":") ? address : `::ffff:${address}`;
  const [head = "", tail = ""] = mapped.split("::");
  const parse = (part: string) =>
    (part ? part.split(":") : []).flatMap((group) => (group.includes(".") ? v4Groups(group) : [group]));
  const left = parse(head);
  const right = parse(tail);
  const groups = mapped.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  const out = Buffer.alloc(16);
  for (const [i, group] of groups.slice(0, 8).entries())
    out.writeUInt16BE(Number.parseInt(group || "0", 16) & 0xffff, i * 2);
  return out;
}

function v4Groups(dotted: string): string[] {
  const b = dotted.split(".").map(Number);
  return [(((b[0] ?? 0) << 8) | (b[1] ?? 0)).toString(16), (((b[2] ?? 0) << 8) | (b[3] ?? 0)).toString(16)];
}

function checksum(parts: readonly Buffer[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i + 1 < part.length; i += 2) sum += part.readUInt16BE(i);
    if (part.length % 2) sum += (part[part.length - 1] as number) << 8;
  }
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

function tcpSegment(
  srcPort: number,
  dstPort: number,
  seq: number,
  ack: number,
  flags: number,
  payload: Buffer,
  src: Buffer,
  dst: Buffer,
): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(srcPort, 0);
  header.writeUInt16BE(dstPort, 2);
  header.writeUInt32BE(seq >>> 0, 4);
  header.writeUInt32BE(ack >>> 0, 8);
  header.writeUInt8(5 << 4, 12);
  header.writeUInt8(flags, 13);
  header.writeUInt16BE(65535, 14);
  const length = header.length + payload.length;
  const pseudo =
    src.length === 4
      ? Buffer.concat([src, dst, Buffer.from([0, 6, length >> 8, length & 255])])
      : Buffer.concat([src, dst, Buffer.from([0, 0, length >> 8, length & 255, 0, 0, 0, 6])]);
  header.writeUInt16BE(
    checksum([pseudo, header, payload.length % 2 ? Buffer.concat([payload, Buffer.alloc(1)]) : payload]),
    16,
  );
  return Buffer.concat([header, payload]);
}

function ipPacket(tcp: Buffer, src: Buffer, dst: Buffer, v6: boolean): Buffer {
  if (v6) {
    const header = Buffer.alloc(40);
    header.writeUInt32BE(0x60000000, 0);
    header.writeUInt16BE(tcp.length, 4);
    header.writeUInt8(6, 6);
    header.writeUInt8(64, 7);
    src.copy(header, 8);
    dst.copy(header, 24);
    return Buffer.concat([header, tcp]);
  }
  const header = Buffer.alloc(20);
  header.writeUInt8(0x45, 0);
  header.writeUInt16BE(20 + tcp.length, 2);
  header.writeUInt16BE(0x4000, 6);
  header.writeUInt8(64, 8);
  header.writeUInt8(6, 9);
  src.copy(header, 12);
  dst.copy(header, 16);
  header.writeUInt16BE(checksum([header]), 10);
  return Buffer.concat([header, tcp]);
}
