/**
 * TLS metadata from the records of one connection: versions, SNI and ALPN from the hellos,
 * certificate subjects (TLS 1.2 and earlier send them in clear), alerts, and whether the
 * handshake finished. Encrypted records are counted, never kept.
 */
import { X509Certificate } from "node:crypto";
import type { Side } from "./tcp.ts";
import { ConnectionKeys, type KeyLog, type RecordDecrypter } from "./tls-decrypt.ts";

const MAX_HANDSHAKE = 64 * 1024;

export interface TlsAlert {
  readonly side: Side;
  readonly packet: number;
  /** "fatal", "warning", or "encrypted" when the alert came after the handshake keys. */
  readonly level: string;
  readonly description: string;
}

export interface TlsSummary {
  sni?: string;
  alpnOffered: string[];
  alpnSelected?: string;
  clientVersions: string[];
  version?: string;
  cipherSuite?: number;
  certificateSubjects: string[];
  alerts: TlsAlert[];
  clientHelloPacket?: number;
  serverHelloPacket?: number;
  /** Both sides sent application data: the handshake finished. */
  established: boolean;
  /** Records decrypted with the key log, and records that would not authenticate. */
  decrypted: number;
  undecryptable: number;
  applicationBytes: { client: number; server: number };
}

const ALERTS: Readonly<Record<number, string>> = {
  0: "close_notify",
  10: "unexpected_message",
  20: "bad_record_mac",
  22: "record_overflow",
  40: "handshake_failure",
  42: "bad_certificate",
  43: "unsupported_certificate",
  44: "certificate_revoked",
  45: "certificate_expired",
  46: "certificate_unknown",
  47: "illegal_parameter",
  48: "unknown_ca",
  49: "access_denied",
  50: "decode_error",
  51: "decrypt_error",
  70: "protocol_version",
  71: "insufficient_security",
  80: "internal_error",
  86: "inappropriate_fallback",
  90: "user_canceled",
  109: "missing_extension",
  110: "unsupported_extension",
  112: "unrecognized_name",
  116: "certificate_required",
  120: "no_application_protocol",
};

export function alertName(code: number): string {
  return ALERTS[code] ?? `alert_${code}`;
}

export function versionName(v: number): string {
  if (v === 0x0304) return "TLS 1.3";
  if (v === 0x0303) return "TLS 1.2";
  if (v === 0x0302) return "TLS 1.1";
  if (v === 0x0301) return "TLS 1.0";
  if (v === 0x0300) return "SSL 3.0";
  return `0x${v.toString(16)}`;
}

/** Does this look like the first bytes of a TLS connection (a handshake record)? */
export function looksLikeTls(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0x16 && b[1] === 0x03 && (b[2] ?? 9) <= 0x04;
}

class RecordReader {
  private header = Buffer.alloc(5);
  private headerFill = 0;
  private left = 0;
  private type = 0;
  private handshake: Buffer[] = [];
  private handshakeLength = 0;
  private record: Buffer[] = [];
  encrypted = false;
  lost = false;
  decrypter: RecordDecrypter | undefined;
  readonly side: Side;
  private readonly owner: TlsConversation;

  constructor(side: Side, owner: TlsConversation) {
    this.side = side;
    this.owner = owner;
  }

  data(bytes: Buffer, packet: number, time: number): void {
    let at = 0;
    while (at < bytes.length && !this.lost) {
      if (this.headerFill < 5) {
        const take = Math.min(5 - this.headerFill, bytes.length - at);
        bytes.copy(this.header, this.headerFill, at, at + take);
        this.headerFill += take;
        at += take;
        if (this.headerFill < 5) return;
        this.type = this.header[0] ?? 0;
        this.left = this.header.readUInt16BE(3);
        if (this.type < 20 || this.type > 24 || this.header[1] !== 3 || this.left > 18432) {
          this.lost = true;
          return;
        }
        this.record = [];
      }
      const take = Math.min(this.left, bytes.length - at);
      const keep = this.type !== 23 || this.decrypter !== undefined;
      if (keep && take > 0) this.record.push(Buffer.from(bytes.subarray(at, at + take)));
      if (this.type === 23) this.owner.applicationData(this.side, take);
      this.left -= take;
      at += take;
      if (this.left === 0) {
        this.headerFill = 0;
        const body = Buffer.concat(this.record);
        if (this.decrypter && (this.type === 23 || (this.encrypted && this.type !== 20)))
          this.decrypt(body, packet, time);
        else this.recordDone(body, packet);
      }
    }
  }

  private decrypt(body: Buffer, packet: number, time: number): void {
    const inner = this.decrypter?.decrypt(Buffer.from(this.header), body);
    if (!inner) {
      this.owner.failedRecord();
      this.decrypter = undefined;
      return;
    }
    if (inner.type === 23) {
      this.owner.plaintext(this.side, inner.plaintext, packet, time);
      return;
    }
    if (inner.type === 21 && inner.plaintext.length === 2) {
      this.owner.alert(
        this.side,
        packet,
        inner.plaintext[0] === 2 ? "fatal" : "warning",
        alertName(inner.plaintext[1] ?? 0),
      );
      return;
    }
    if (inner.type === 22 && this.owner.keys?.tls13) {
      // The side's Finished ends its handshake: its next records use the application secret.
      for (let at = 0; at + 4 <= inner.plaintext.length; ) {
        const length = inner.plaintext.readUIntBE(at + 1, 3);
        if (inner.plaintext[at] === 20) this.decrypter = this.owner.keys.tls13Decrypter(this.side, "application");
        else if (this.side === "server")
          this.owner.handshakeMessage(
            this.side,
            inner.plaintext[at] ?? 0,
            inner.plaintext.subarray(at + 4, at + 4 + length),
            packet,
            true,
          );
        at += 4 + length;
      }
    }
  }

  private recordDone(body: Buffer, packet: number): void {
    switch (this.type) {
      case 20:
        this.encrypted = true;
        if (this.owner.keys && !this.owner.keys.tls13) this.decrypter = this.owner.keys.tls12Decrypter(this.side);
        return;
      case 21:
        if (this.encrypted || body.length !== 2) this.owner.alert(this.side, packet, "encrypted", "encrypted alert");
        else this.owner.alert(this.side, packet, body[0] === 2 ? "fatal" : "warning", alertName(body[1] ?? 0));
        return;
      case 22:
        if (this.encrypted) return;
        this.handshake.push(body);
        this.handshakeLength += body.length;
        if (this.handshakeLength > MAX_HANDSHAKE) {
          this.handshake = [];
          this.handshakeLength = 0;
          return;
        }
        this.messages(packet);
        return;
      default:
        return;
    }
  }

  private messages(packet: number): void {
    // Join the pieces only once the first message is whole: tiny records must not make this quadratic.
    const first = this.handshake[0];
    if (!first) return;
    const declared = first.length >= 4 ? 4 + first.readUIntBE(1, 3) : 4;
    if (this.handshakeLength < declared) return;
    let buf = Buffer.concat(this.handshake);
    while (buf.length >= 4) {
      const length = buf.readUIntBE(1, 3);
      if (buf.length < 4 + length) break;
      this.owner.handshakeMessage(this.side, buf[0] ?? 0, buf.subarray(4, 4 + length), packet);
      buf = buf.subarray(4 + length);
    }
    this.handshake = buf.length > 0 ? [Buffer.from(buf)] : [];
    this.handshakeLength = buf.length;
  }
}

export class TlsConversation {
  readonly summary: TlsSummary = {
    alpnOffered: [],
    clientVersions: [],
    certificateSubjects: [],
    alerts: [],
    established: false,
    applicationBytes: { client: 0, server: 0 },
    decrypted: 0,
    undecryptable: 0,
  };
  private readonly keyLog: KeyLog | undefined;
  private readonly onPlaintext: ((side: Side, bytes: Buffer, packet: number, time: number) => void) | undefined;
  private clientRandom: Buffer | undefined;
  keys: ConnectionKeys | undefined;

  constructor(keyLog?: KeyLog, onPlaintext?: (side: Side, bytes: Buffer, packet: number, time: number) => void) {
    this.keyLog = keyLog;
    this.onPlaintext = onPlaintext;
  }

  plaintext(side: Side, bytes: Buffer, packet: number, time: number): void {
    this.summary.decrypted++;
    this.onPlaintext?.(side, bytes, packet, time);
  }

  failedRecord(): void {
    this.summary.undecryptable++;
  }
  private readonly client = new RecordReader("client", this);
  private readonly server = new RecordReader("server", this);

  clientData(bytes: Buffer, packet: number, time = Number.NaN): void {
    this.client.data(bytes, packet, time);
  }
  serverData(bytes: Buffer, packet: number, time = Number.NaN): void {
    this.server.data(bytes, packet, time);
  }
  gap(side: Side): void {
    (side === "client" ? this.client : this.server).lost = true;
  }

  applicationData(side: Side, bytes: number): void {
    this.summary.applicationBytes[side] += bytes;
    if (this.summary.applicationBytes.client > 0 && this.summary.applicationBytes.server > 0)
      this.summary.established = true;
  }

  alert(side: Side, packet: number, level: string, description: string): void {
    if (this.summary.alerts.length < 8) this.summary.alerts.push({ side, packet, level, description });
  }

  handshakeMessage(side: Side, type: number, body: Buffer, packet: number, tls13 = false): void {
    if (side === "client" && type === 1) this.clientHello(body, packet);
    else if (side === "server" && type === 2) this.serverHello(body, packet);
    else if (side === "server" && type === 11) this.certificates(tls13 ? skipContext(body) : body);
    else if (side === "server" && type === 8) this.encryptedExtensions(body);
  }

  private clientHello(b: Buffer, packet: number): void {
    const s = this.summary;
    s.clientHelloPacket ??= packet;
    if (b.length < 38) return;
    this.clientRandom = Buffer.from(b.subarray(2, 34));
    s.clientVersions = [versionName(b.readUInt16BE(0))];
    let at = 34;
    at += 1 + (b[at] ?? 0);
    if (at + 2 > b.length) return;
    at += 2 + b.readUInt16BE(at);
    if (at + 1 > b.length) return;
    at += 1 + (b[at] ?? 0);
    this.extensions(b, at, (type, ext) => {
      if (type === 0 && ext.length >= 5) {
        const nameLength = ext.readUInt16BE(3);
        if (ext[2] === 0 && 5 + nameLength <= ext.length) s.sni = ext.toString("latin1", 5, 5 + nameLength);
      } else if (type === 16) s.alpnOffered = protocolList(ext);
      else if (type === 43 && ext.length >= 1) {
        const versions: string[] = [];
        for (let i = 1; i + 1 < ext.length && i <= (ext[0] ?? 0); i += 2) {
          const v = ext.readUInt16BE(i);
          if ((v & 0x0f0f) !== 0x0a0a) versions.push(versionName(v));
        }
        if (versions.length > 0) s.clientVersions = versions;
      }
    });
  }

  private serverHello(b: Buffer, packet: number): void {
    const s = this.summary;
    s.serverHelloPacket ??= packet;
    if (b.length < 38) return;
    s.version = versionName(b.readUInt16BE(0));
    let at = 34;
    at += 1 + (b[at] ?? 0);
    if (at + 3 > b.length) return;
    s.cipherSuite = b.readUInt16BE(at);
    at += 3;
    this.extensions(b, at, (type, ext) => {
      if (type === 16) {
        const selected = protocolList(ext)[0];
        if (selected !== undefined) s.alpnSelected = selected;
      } else if (type === 43 && ext.length >= 2) s.version = versionName(ext.readUInt16BE(0));
    });
    const tls13 = s.version === "TLS 1.3";
    if (this.keyLog && this.clientRandom && s.cipherSuite !== undefined) {
      this.keys = ConnectionKeys.create(
        this.keyLog,
        this.clientRandom,
        Buffer.from(b.subarray(2, 34)),
        s.cipherSuite,
        tls13,
      );
    }
    // TLS 1.3 encrypts everything after the ServerHello.
    if (tls13) {
      this.server.encrypted = true;
      this.client.encrypted = true;
      this.server.decrypter = this.keys?.tls13Decrypter("server", "handshake");
      this.client.decrypter = this.keys?.tls13Decrypter("client", "handshake");
    }
  }

  /** TLS 1.3 sends the selected ALPN protocol in EncryptedExtensions. */
  private encryptedExtensions(b: Buffer): void {
    this.extensions(b, 0, (type, ext) => {
      const selected = type === 16 ? protocolList(ext)[0] : undefined;
      if (selected !== undefined) this.summary.alpnSelected = selected;
    });
  }

  private certificates(b: Buffer): void {
    if (b.length < 3) return;
    const total = Math.min(b.readUIntBE(0, 3) + 3, b.length);
    for (let at = 3; at + 3 <= total && this.summary.certificateSubjects.length < 4; ) {
      const length = b.readUIntBE(at, 3);
      if (at + 3 + length > total) return;
      try {
        const cert = new X509Certificate(b.subarray(at + 3, at + 3 + length));
        this.summary.certificateSubjects.push(cert.subject.replace(/\n/g, ", "));
      } catch {
        this.summary.certificateSubjects.push("(unreadable certificate)");
      }
      at += 3 + length;
    }
  }

  private extensions(b: Buffer, start: number, each: (type: number, body: Buffer) => void): void {
    if (start + 2 > b.length) return;
    const end = Math.min(b.length, start + 2 + b.readUInt16BE(start));
    for (let at = start + 2; at + 4 <= end; ) {
      const type = b.readUInt16BE(at);
      const length = b.readUInt16BE(at + 2);
      if (at + 4 + length > end) return;
      each(type, b.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
  }
}

/** TLS 1.3 Certificate starts with a request context and lists extensions after each entry. */
function skipContext(body: Buffer): Buffer {
  const contextLength = body[0] ?? 0;
  const list = body.subarray(1 + contextLength);
  if (list.length < 3) return list;
  const total = list.readUIntBE(0, 3);
  const entries: Buffer[] = [];
  for (let at = 3; at + 3 <= Math.min(list.length, total + 3); ) {
    const length = list.readUIntBE(at, 3);
    entries.push(list.subarray(at, at + 3 + length));
    at += 3 + length;
    if (at + 2 > list.length) break;
    at += 2 + list.readUInt16BE(at);
  }
  const joined = Buffer.concat(entries);
  const head = Buffer.alloc(3);
  head.writeUIntBE(joined.length, 0, 3);
  return Buffer.concat([head, joined]);
}

function protocolList(ext: Buffer): string[] {
  const names: string[] = [];
  if (ext.length < 2) return names;
  const end = Math.min(ext.length, 2 + ext.readUInt16BE(0));
  for (let at = 2; at < end && names.length < 16; ) {
    const length = ext[at] ?? 0;
    if (at + 1 + length > end) break;
    names.push(ext.toString("latin1", at + 1, at + 1 + length));
    at += 1 + length;
  }
  return names;
}
