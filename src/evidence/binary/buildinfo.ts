import type { GoModule } from "../../model/observations/binary.ts";

/** The 14 bytes that open Go's build-info blob (runtime/debug, cmd/link). */
export const BUILDINFO_MAGIC = Buffer.from("\xff Go buildinf:", "latin1");
export const BUILDINFO_HEADER = 32;
export const BUILDINFO_ALIGN = 16;
/** The markers cmd/go puts around runtime.modinfo (modload infoStart / infoEnd). */
export const MODINFO_START = Buffer.from("3077af0c9274080241e1c107e6d618e6", "hex");
export const MODINFO_END = Buffer.from("f932433186182072008242104116d8f2", "hex");

/** The decoded 32-byte header: either the strings follow inline, or two pointers lead to them. */
export type BuildInfoHeader =
  | { readonly inline: true; readonly pointerSize: 4 | 8; readonly bigEndian: boolean }
  | {
      readonly inline: false;
      readonly pointerSize: 4 | 8;
      readonly bigEndian: boolean;
      readonly versionPointer: bigint;
      readonly modinfoPointer: bigint;
    };

export function decodeHeader(bytes: Buffer): BuildInfoHeader | undefined {
  if (bytes.length < BUILDINFO_HEADER || !bytes.subarray(0, BUILDINFO_MAGIC.length).equals(BUILDINFO_MAGIC)) {
    return undefined;
  }
  const pointerSize = bytes[14];
  const flags = bytes[15] ?? 0xff;
  if ((pointerSize !== 4 && pointerSize !== 8) || flags > 3) return undefined;
  const bigEndian = (flags & 1) === 1;
  if ((flags & 2) === 2) return { inline: true, pointerSize, bigEndian };
  return {
    inline: false,
    pointerSize,
    bigEndian,
    versionPointer: readWord(bytes, 16, pointerSize, bigEndian),
    modinfoPointer: readWord(bytes, 16 + pointerSize, pointerSize, bigEndian),
  };
}

export function readWord(bytes: Buffer, at: number, size: 4 | 8, bigEndian: boolean): bigint {
  if (size === 8) return bigEndian ? bytes.readBigUInt64BE(at) : bytes.readBigUInt64LE(at);
  return BigInt(bigEndian ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at));
}

/** A uvarint-prefixed string as the Go 1.18+ linker writes it; undefined when cut or too long. */
export function readVarString(bytes: Buffer, at: number): { value: string; next: number } | undefined {
  let length = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= bytes.length || shift > 28) return undefined;
    const byte = bytes[pos++] as number;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  if (pos + length > bytes.length) return undefined;
  return { value: bytes.toString("latin1", pos, pos + length), next: pos + length };
}

/** Strips the start and end markers around runtime.modinfo, when both are there. */
export function unframeModinfo(raw: string): string {
  if (raw.length >= 33 && raw.charCodeAt(raw.length - 17) === 0x0a) return raw.slice(16, -16);
  return "";
}

export interface ModuleInfo {
  readonly path?: string;
  readonly main?: GoModule;
  readonly deps: GoModule[];
  readonly settings: Record<string, string>;
}

const MAX_DEPS = 5000;
const MAX_SETTINGS = 200;

/** Parses the text of runtime/debug.BuildInfo (the `path`, `mod`, `dep`, `=>`, `build` lines). */
export function parseModinfo(text: string): ModuleInfo {
  const deps: GoModule[] = [];
  const settings: Record<string, string> = {};
  let path: string | undefined;
  let main: GoModule | undefined;
  let last: "main" | "dep" | undefined;
  for (const line of text.split("\n")) {
    const fields = line.split("\t");
    const [kind, first = "", second = ""] = fields;
    switch (kind) {
      case "path":
        path = first;
        break;
      case "mod":
        main = { path: first, version: second };
        last = "main";
        break;
      case "dep":
        if (deps.length < MAX_DEPS && first) {
          deps.push({ path: first, version: second });
          last = "dep";
        }
        break;
      case "=>": {
        const replacedBy = { path: first, version: second };
        if (last === "dep" && deps.length > 0) deps[deps.length - 1] = { ...(deps.at(-1) as GoModule), replacedBy };
        else if (last === "main" && main) main = { ...main, replacedBy };
        last = undefined;
        break;
      }
      case "build": {
        const eq = first.indexOf("=");
        if (eq > 0 && Object.keys(settings).length < MAX_SETTINGS) {
          settings[first.slice(0, eq)] = unquote(
            fields
              .slice(1)
              .join("\t")
              .slice(eq + 1),
          );
        }
        break;
      }
      default:
        break;
    }
  }
  return { ...(path ? { path } : {}), ...(main ? { main } : {}), deps, settings };
}

function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "string" ? parsed : value;
  } catch {
    return value;
  }
}
