import { parseHexLine } from "./hex-line.ts";

/** One direction of traffic recovered from the input. */
export interface WireStream {
  /** `request`/`response` when the format says; `unknown` lets the parser decide. */
  readonly direction: "request" | "response" | "unknown";
  readonly label: string;
  readonly bytes: Buffer;
  /** The bytes may start or end inside a message (an excerpt). */
  readonly partial: boolean;
}

export interface DecodedInput {
  readonly format: "raw" | "hexdump" | "tcpdump" | "curl-trace" | "curl-trace-ascii";
  readonly streams: readonly WireStream[];
}

const MAX_STREAM_BYTES = 64 << 20;
const MAX_LINES = 2_000_000;

/** Recognises raw bytes, hex dumps (tcpdump -X/-XX, xxd, excerpts) and curl --trace output. */
export function decodeWireInput(input: Buffer): DecodedInput {
  const head = input.subarray(0, 65_536).toString("latin1");
  if (/^(?:=> Send header|<= Recv header)/m.test(head)) return decodeCurlTrace(input);
  const lines = head.split("\n").slice(0, 50);
  const hexLines = lines.filter((line) => parseHexLine(line) !== undefined).length;
  if (hexLines >= 2 || (hexLines === 1 && lines.filter((l) => l.trim()).length === 1)) return decodeHexDump(input);
  return { format: "raw", streams: [{ direction: "unknown", label: "input", bytes: input, partial: false }] };
}

function* textLines(input: Buffer): Generator<string> {
  const text = input.toString("latin1");
  let start = 0;
  for (let n = 0; n < MAX_LINES && start <= text.length; n++) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    yield text.slice(start, end).replace(/\r$/, "");
    if (nl < 0) return;
    start = nl + 1;
  }
}

interface Packet {
  flow: string;
  lines: Buffer[];
  firstOffset: number;
  size: number;
}

// tcpdump's packet line: `12:00:00.000000 IP 10.0.0.1.8080 > 10.0.0.2.41234: Flags [P.], ...`
const TCPDUMP_PACKET = /\bIP6?\s+(\S+)\s+>\s+([^:\s]+):/;

function decodeHexDump(input: Buffer): DecodedInput {
  const packets: Packet[] = [];
  let flow = "";
  let current: Packet | undefined;
  let sawPacketLine = false;
  for (const line of textLines(input)) {
    const packetLine = TCPDUMP_PACKET.exec(line);
    if (packetLine) {
      sawPacketLine = true;
      flow = `${packetLine[1]} > ${packetLine[2]}`;
      current = undefined;
      continue;
    }
    const hex = parseHexLine(line);
    if (!hex) continue;
    const expected = current ? current.firstOffset + current.size : -1;
    if (!current || hex.offset !== expected) {
      current = { flow, lines: [], firstOffset: hex.offset, size: 0 };
      packets.push(current);
    }
    if (current.size + hex.bytes.length <= MAX_STREAM_BYTES) {
      current.lines.push(hex.bytes);
      current.size += hex.bytes.length;
    }
  }
  const byFlow = new Map<string, { parts: Buffer[]; partial: boolean; size: number }>();
  for (const packet of packets) {
    const bytes = Buffer.concat(packet.lines);
    const payload = packet.firstOffset === 0 ? stripHeaders(bytes) : undefined;
    const entry = byFlow.get(packet.flow) ?? { parts: [], partial: false, size: 0 };
    if (payload === undefined) entry.partial = true;
    const part = payload ?? bytes;
    if (entry.size + part.length <= MAX_STREAM_BYTES) {
      entry.parts.push(part);
      entry.size += part.length;
    }
    byFlow.set(packet.flow, entry);
  }
  const streams: WireStream[] = [];
  for (const [key, entry] of byFlow) {
    const bytes = Buffer.concat(entry.parts);
    if (bytes.length === 0) continue;
    streams.push({ direction: "unknown", label: key || "hex dump", bytes, partial: entry.partial });
  }
  return { format: sawPacketLine ? "tcpdump" : "hexdump", streams };
}

/**
 * The TCP payload of a packet dumped from its first byte: an IPv4/IPv6 packet (tcpdump -X),
 * or an Ethernet or Linux cooked frame around one (-XX). Undefined when it is not a packet.
 */
export function stripHeaders(frame: Buffer): Buffer | undefined {
  const ip = ipPayloadStart(frame);
  if (ip === undefined) return undefined;
  const version = (frame[ip] as number) >> 4;
  let tcp: number;
  let end: number;
  if (version === 4) {
    if (frame[ip + 9] !== 6) return undefined;
    tcp = ip + ((frame[ip] as number) & 0x0f) * 4;
    end = ip + frame.readUInt16BE(ip + 2);
  } else {
    if (frame[ip + 6] !== 6) return undefined;
    tcp = ip + 40;
    end = tcp + frame.readUInt16BE(ip + 4);
  }
  const dataOffset = frame[tcp + 12];
  if (dataOffset === undefined) return undefined;
  // The IP length excludes Ethernet padding; a snapped capture may hold less than it says.
  const start = Math.min(frame.length, tcp + (dataOffset >> 4) * 4);
  return frame.subarray(start, Math.max(start, Math.min(frame.length, end)));
}

function ipPayloadStart(frame: Buffer): number | undefined {
  const looksIp = (at: number): boolean => {
    const v = (frame[at] ?? 0) >> 4;
    return (v === 4 && ((frame[at] as number) & 0x0f) >= 5) || v === 6;
  };
  if (frame.length < 20) return undefined;
  if (looksIp(0)) return 0;
  const ether = frame.readUInt16BE(12);
  if (frame.length > 14 && (ether === 0x0800 || ether === 0x86dd) && looksIp(14)) return 14;
  if (frame.length > 16 && looksIp(16)) return 16;
  return undefined;
}

// curl --trace: `=> Send header, 78 bytes (0x4e)` then `0000: 47 45 54 ...`;
// curl --trace-ascii: the same headings, then `0000: GET / HTTP/1.1`.
const TRACE_HEADING = /^(=>|<=) (Send|Recv) (header|data|SSL data)/;

function decodeCurlTrace(input: Buffer): DecodedInput {
  const sent: Buffer[] = [];
  const received: Buffer[] = [];
  let target: Buffer[] | undefined;
  let ascii = false;
  let sawHex = false;
  for (const line of textLines(input)) {
    const heading = TRACE_HEADING.exec(line);
    if (heading) {
      target = heading[3] === "SSL data" ? undefined : heading[1] === "=>" ? sent : received;
      continue;
    }
    if (line.startsWith("== Info:")) {
      target = undefined;
      continue;
    }
    if (!target) continue;
    const hex = parseHexLine(line);
    if (hex && !ascii) {
      sawHex = true;
      target.push(hex.bytes);
      continue;
    }
    const text = /^[0-9a-f]{4}: (.*)$/.exec(line);
    if (text && !sawHex) {
      ascii = true;
      // --trace-ascii drops CR and LF; every trace line ended one wire line.
      target.push(Buffer.from(`${text[1]}\r\n`, "latin1"));
    }
  }
  const streams: WireStream[] = [];
  const request = Buffer.concat(sent);
  const response = Buffer.concat(received);
  if (request.length > 0) streams.push({ direction: "request", label: "sent by curl", bytes: request, partial: ascii });
  if (response.length > 0) {
    streams.push({ direction: "response", label: "received by curl", bytes: response, partial: ascii });
  }
  return { format: ascii ? "curl-trace-ascii" : "curl-trace", streams };
}
