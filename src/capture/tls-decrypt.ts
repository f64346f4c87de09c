/**
 * TLS record decryption from an NSS key log (SSLKEYLOGFILE, or a pcapng Decryption Secrets
 * Block): TLS 1.3 with AES-128/256-GCM and ChaCha20-Poly1305, TLS 1.2 with AES-GCM and
 * ChaCha20-Poly1305 (ECDHE and RSA key exchange alike, since the log holds the master secret).
 * Everything uses node:crypto; a record that does not authenticate is reported, never guessed.
 */
import { createDecipheriv, createHmac } from "node:crypto";

/** Secrets from a key log, by client random (hex). */
export class KeyLog {
  private readonly secrets = new Map<string, Map<string, Buffer>>();
  lines = 0;

  add(text: string): void {
    for (const line of text.split(/\r?\n/)) {
      const parts = line.trim().split(/\s+/);
      if (parts.length !== 3 || line.startsWith("#")) continue;
      const [label = "", random = "", secret = ""] = parts;
      if (!/^[0-9a-fA-F]{64}$/.test(random) || !/^[0-9a-fA-F]+$/.test(secret) || this.secrets.size > 100_000) continue;
      let entry = this.secrets.get(random.toLowerCase());
      if (!entry) {
        entry = new Map();
        this.secrets.set(random.toLowerCase(), entry);
      }
      entry.set(label, Buffer.from(secret, "hex"));
      this.lines++;
    }
  }

  get(clientRandom: Buffer, label: string): Buffer | undefined {
    return this.secrets.get(clientRandom.toString("hex"))?.get(label);
  }

  get size(): number {
    return this.secrets.size;
  }
}

interface Suite {
  readonly cipher: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305";
  readonly hash: "sha256" | "sha384";
  readonly keyLength: number;
  /** TLS 1.2 fixed IV length: 4 for GCM (plus an explicit nonce), 12 for ChaCha20. */
  readonly fixedIv: number;
}

const SUITES: Readonly<Record<number, Suite>> = {
  4865: { cipher: "aes-128-gcm", hash: "sha256", keyLength: 16, fixedIv: 12 },
  4866: { cipher: "aes-256-gcm", hash: "sha384", keyLength: 32, fixedIv: 12 },
  4867: { cipher: "chacha20-poly1305", hash: "sha256", keyLength: 32, fixedIv: 12 },
  49195: { cipher: "aes-128-gcm", hash: "sha256", keyLength: 16, fixedIv: 4 },
  49196: { cipher: "aes-256-gcm", hash: "sha384", keyLength: 32, fixedIv: 4 },
  49199: { cipher: "aes-128-gcm", hash: "sha256", keyLength: 16, fixedIv: 4 },
  49200: { cipher: "aes-256-gcm", hash: "sha384", keyLength: 32, fixedIv: 4 },
  156: { cipher: "aes-128-gcm", hash: "sha256", keyLength: 16, fixedIv: 4 },
  157: { cipher: "aes-256-gcm", hash: "sha384", keyLength: 32, fixedIv: 4 },
  52392: { cipher: "chacha20-poly1305", hash: "sha256", keyLength: 32, fixedIv: 12 },
  52393: { cipher: "chacha20-poly1305", hash: "sha256", keyLength: 32, fixedIv: 12 },
};

export function decryptableSuite(suite: number): boolean {
  return SUITES[suite] !== undefined;
}

function hkdfExpand(hash: string, secret: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = createHmac(hash, secret)
      .update(Buffer.concat([previous, info, Buffer.from([i])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF-Expand-Label of TLS 1.3 (RFC 8446 §7.1) with an empty context. */
export function expandLabel(hash: string, secret: Buffer, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, "latin1");
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([0])]);
  return hkdfExpand(hash, secret, info, length);
}

/** The TLS 1.2 PRF (RFC 5246 §5), P_hash with the suite's hash. */
function prf12(hash: string, secret: Buffer, label: string, seed: Buffer, length: number): Buffer {
  const labelSeed = Buffer.concat([Buffer.from(label, "latin1"), seed]);
  const out: Buffer[] = [];
  let a = labelSeed;
  let total = 0;
  while (total < length) {
    a = createHmac(hash, secret).update(a).digest();
    const block = createHmac(hash, secret)
      .update(Buffer.concat([a, labelSeed]))
      .digest();
    out.push(block);
    total += block.length;
  }
  return Buffer.concat(out).subarray(0, length);
}

/** Decrypts one direction's records with one set of keys and a record counter. */
export class RecordDecrypter {
  private seq = 0n;
  private readonly suite: Suite;
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly tls13: boolean;

  constructor(suite: Suite, key: Buffer, iv: Buffer, tls13: boolean) {
    this.suite = suite;
    this.key = key;
    this.iv = iv;
    this.tls13 = tls13;
  }

  /** Returns the plaintext and, for TLS 1.3, the inner content type; undefined when it does not authenticate. */
  decrypt(header: Buffer, body: Buffer): { type: number; plaintext: Buffer } | undefined {
    const seq = this.seq++;
    const seqBytes = Buffer.alloc(8);
    seqBytes.writeBigUInt64BE(seq);
    let nonce: Buffer;
    let ciphertext: Buffer;
    let aad: Buffer;
    if (this.suite.fixedIv === 4) {
      if (body.length < 8 + 16) return undefined;
      nonce = Buffer.concat([this.iv, body.subarray(0, 8)]);
      ciphertext = body.subarray(8);
    } else {
      nonce = Buffer.from(this.iv);
      for (let i = 0; i < 8; i++) nonce[4 + i] = (nonce[4 + i] ?? 0) ^ (seqBytes[i] ?? 0);
      ciphertext = body;
    }
    if (ciphertext.length < 16) return undefined;
    const data = ciphertext.subarray(0, ciphertext.length - 16);
    const tag = ciphertext.subarray(ciphertext.length - 16);
    if (this.tls13) aad = header;
    else {
      const length = Buffer.from([data.length >> 8, data.length & 0xff]);
      aad = Buffer.concat([seqBytes, header.subarray(0, 3), length]);
    }
    try {
      const decipher = createDecipheriv(this.suite.cipher, this.key, nonce, {
        authTagLength: 16,
      } as never) as ReturnType<typeof createDecipheriv> & {
        setAAD(b: Buffer, o?: object): void;
        setAuthTag(b: Buffer): void;
      };
      decipher.setAAD(aad, { plaintextLength: data.length });
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([decipher.update(data), decipher.final()]);
      if (!this.tls13) return { type: header[0] ?? 0, plaintext };
      let end = plaintext.length - 1;
      while (end >= 0 && plaintext[end] === 0) end--;
      if (end < 0) return undefined;
      return { type: plaintext[end] ?? 0, plaintext: plaintext.subarray(0, end) };
    } catch {
      return undefined;
    }
  }
}

export type Direction = "client" | "server";

/** The key material of one connection, made from the key log once both hellos are known. */
export class ConnectionKeys {
  private readonly keyLog: KeyLog;
  private readonly clientRandom: Buffer;
  private readonly serverRandom: Buffer;
  private readonly suite: Suite;
  readonly tls13: boolean;

  private constructor(keyLog: KeyLog, clientRandom: Buffer, serverRandom: Buffer, suite: Suite, tls13: boolean) {
    this.keyLog = keyLog;
    this.clientRandom = clientRandom;
    this.serverRandom = serverRandom;
    this.suite = suite;
    this.tls13 = tls13;
  }

  static create(
    keyLog: KeyLog,
    clientRandom: Buffer,
    serverRandom: Buffer,
    suiteId: number,
    tls13: boolean,
  ): ConnectionKeys | undefined {
    const suite = SUITES[suiteId];
    if (!suite) return undefined;
    const keys = new ConnectionKeys(keyLog, clientRandom, serverRandom, suite, tls13);
    return keys.available() ? keys : undefined;
  }

  private available(): boolean {
    if (!this.tls13) return this.keyLog.get(this.clientRandom, "CLIENT_RANDOM") !== undefined;
    return this.keyLog.get(this.clientRandom, "SERVER_TRAFFIC_SECRET_0") !== undefined;
  }

  /** TLS 1.3: the decrypter for a direction at a stage (handshake or application). */
  tls13Decrypter(side: Direction, stage: "handshake" | "application"): RecordDecrypter | undefined {
    const label =
      stage === "handshake"
        ? `${side === "client" ? "CLIENT" : "SERVER"}_HANDSHAKE_TRAFFIC_SECRET`
        : `${side === "client" ? "CLIENT" : "SERVER"}_TRAFFIC_SECRET_0`;
    const secret = this.keyLog.get(this.clientRandom, label);
    if (!secret) return undefined;
    const key = expandLabel(this.suite.hash, secret, "key", this.suite.keyLength);
    const iv = expandLabel(this.suite.hash, secret, "iv", 12);
    return new RecordDecrypter(this.suite, key, iv, true);
  }

  /** TLS 1.2: the decrypter for a direction, from the master secret's key block. */
  tls12Decrypter(side: Direction): RecordDecrypter | undefined {
    const master = this.keyLog.get(this.clientRandom, "CLIENT_RANDOM");
    if (!master) return undefined;
    const { keyLength, fixedIv } = this.suite;
    const block = prf12(
      this.suite.hash,
      master,
      "key expansion",
      Buffer.concat([this.serverRandom, this.clientRandom]),
      2 * keyLength + 2 * fixedIv,
    );
    const key = side === "client" ? block.subarray(0, keyLength) : block.subarray(keyLength, 2 * keyLength);
    const ivStart = 2 * keyLength + (side === "client" ? 0 : fixedIv);
    return new RecordDecrypter(this.suite, key, block.subarray(ivStart, ivStart + fixedIv), false);
  }
}
